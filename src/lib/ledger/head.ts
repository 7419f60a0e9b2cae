/**
 * The head doc of a store: for each period, what each device holds of it
 * (the period doc's state vector as that device last saw it). A device
 * writes only its own entries. Comparing the union of every device's entry
 * with what this device holds says, period by period, whether something is
 * missing here and how much: exact, whatever order or path the events took
 * (docs/ledger.md, Sync by period).
 */
import * as Y from 'yjs';
import { isPeriodName } from './period';
import { covers, heldOf, itemsIn, readStateVector } from './update-events';

const HELD = 'held';

export function publishHeld(
	head: Y.Doc,
	period: string,
	device: string,
	sv: Uint8Array,
	origin: unknown
): void {
	const map = head.getMap<Uint8Array>(HELD);
	const key = `${period}|${device}`;
	const before = map.get(key);
	if (before && equalBytes(before, sv)) return;
	head.transact(() => map.set(key, sv), origin);
}

/** What this device published for a period (to know whether to publish again). */
export function publishedBy(head: Y.Doc, period: string, device: string): Uint8Array | undefined {
	return head.getMap<Uint8Array>(HELD).get(`${period}|${device}`);
}

export interface PeriodNeed {
	period: string;
	/** Items (events) this device holds of what the devices say exists. */
	have: number;
	/** Items the devices say exist, all told. */
	want: number;
}

/** The union of what every device says it holds, per period. */
export function knownPeriods(head: Y.Doc): Map<string, Map<number, number>> {
	const union = new Map<string, Map<number, number>>();
	for (const [key, value] of head.getMap<Uint8Array>(HELD)) {
		const period = key.slice(0, key.indexOf('|'));
		if (!isPeriodName(period) || !(value instanceof Uint8Array)) continue;
		let sv: Map<number, number>;
		try {
			sv = readStateVector(value);
		} catch {
			continue; // a malformed entry says nothing
		}
		const held = union.get(period) ?? new Map<number, number>();
		for (const [client, clock] of sv) held.set(client, Math.max(held.get(client) ?? 0, clock));
		union.set(period, held);
	}
	return union;
}

/** What one device (or the hub) says it holds, per period. */
export function heldBy(head: Y.Doc, device: string): Map<string, Map<number, number>> {
	const out = new Map<string, Map<number, number>>();
	const suffix = `|${device}`;
	for (const [key, value] of head.getMap<Uint8Array>(HELD)) {
		if (!key.endsWith(suffix) || !(value instanceof Uint8Array)) continue;
		const period = key.slice(0, -suffix.length);
		if (!isPeriodName(period)) continue;
		try {
			out.set(period, readStateVector(value));
		} catch {
			// a malformed entry says nothing
		}
	}
	return out;
}

/** Periods where some device holds events this device lacks, newest first. */
export function periodsLacking(
	head: Y.Doc,
	held: ReadonlyMap<string, ReadonlyMap<number, number>>
): PeriodNeed[] {
	const needs: PeriodNeed[] = [];
	for (const [period, want] of knownPeriods(head)) {
		const have = held.get(period) ?? new Map<number, number>();
		if (covers(have, want)) continue;
		needs.push({ period, have: heldOf(have, want), want: itemsIn(want) });
	}
	return needs.sort((a, b) => (a.period < b.period ? 1 : -1));
}

/** All the events the devices say exist, and how many of them this device holds. */
export function historyProgress(
	head: Y.Doc,
	held: ReadonlyMap<string, ReadonlyMap<number, number>>
): { have: number; want: number } {
	let have = 0;
	let want = 0;
	for (const [period, sv] of knownPeriods(head)) {
		const mine = held.get(period) ?? new Map<number, number>();
		have += heldOf(mine, sv);
		want += itemsIn(sv);
	}
	return { have, want };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.byteLength !== b.byteLength) return false;
	for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
	return true;
}
