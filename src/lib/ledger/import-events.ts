/**
 * Puts events that already exist (with their ids and clocks) into a store's
 * log, each in the period of its clock: how the log of an earlier version,
 * one doc for all of a device's history, moves into periods (upgrade).
 *
 * Written in chunks of bounded size; each chunk's write also moves a counter
 * that says how many chunks of that period are in, so a page closed half way
 * resumes where it stopped, and nothing is written twice.
 */
import { hlcWall, isHlc } from '$lib/domain/hlc';
import type { LogStore } from './log-store';
import { Outbox } from './outbox';
import { periodOf } from './period';
import { mergeStateVectors, readStateVector } from './update-events';

const CHUNK = 1000;

export interface ImportProgress {
	(done: number, total: number): void;
}

/** Events without a readable clock cannot be placed; they are returned, not imported. */
export async function importEvents(
	store: LogStore,
	events: readonly unknown[],
	progress: ImportProgress = () => {}
): Promise<unknown[]> {
	const byPeriod = new Map<string, unknown[]>();
	const unplaced: unknown[] = [];
	for (const event of events) {
		const at = (event as { at?: unknown } | null)?.at;
		if (!isHlc(at) || !Number.isFinite(hlcWall(at))) {
			unplaced.push(event);
			continue;
		}
		const period = periodOf(at);
		const list = byPeriod.get(period);
		if (list) list.push(event);
		else byPeriod.set(period, [event]);
	}
	const total = events.length - unplaced.length;
	let done = 0;
	const summaries = new Map((await store.summaries()).map((s) => [s.doc, readStateVector(s.sv)]));
	for (const period of [...byPeriod.keys()].sort()) {
		const list = byPeriod.get(period)!.sort(byClock);
		const key = `import:${period}`;
		const chunks = Math.ceil(list.length / CHUNK);
		const written = await store.counter(key);
		done += Math.min(written * CHUNK, list.length);
		progress(done, total);
		const outbox = new Outbox();
		let sv = summaries.get(period);
		for (let i = written; i < chunks; i++) {
			const chunk = list.slice(i * CHUNK, (i + 1) * CHUNK);
			const bytes = outbox.build(chunk);
			const [seq] = await store.write([{ doc: period, bytes }], {
				counters: { [key]: { from: i, to: i + 1 } }
			});
			const next = mergeStateVectors(sv, bytes);
			await store.settle([seq!], [{ doc: period, sv: next }]);
			sv = readStateVector(next);
			done += chunk.length;
			progress(done, total);
		}
		outbox.renew();
	}
	return unplaced;
}

function byClock(a: unknown, b: unknown): number {
	const x = a as { at: string; id?: string };
	const y = b as { at: string; id?: string };
	return x.at < y.at ? -1 : x.at > y.at ? 1 : String(x.id) < String(y.id) ? -1 : 1;
}
