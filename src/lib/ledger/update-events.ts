/**
 * What a Yjs update carries, read without a doc: the events it inserts into
 * a period's `events` array, each with the Yjs id (client, clock) of its
 * element. The ledger reads the update of every transaction that integrated
 * something new (a doc's 'update' event holds only what was new), and the
 * rows left pending after a crash, the same way.
 */
import * as Y from 'yjs';

export const EVENTS_ARRAY = 'events';

export interface UpdateEvent {
	event: unknown;
	client: number;
	clock: number;
}

export function eventsOfUpdate(update: Uint8Array): UpdateEvent[] {
	const out: UpdateEvent[] = [];
	const { structs } = Y.decodeUpdate(update);
	for (const struct of structs) {
		if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
		const { client, clock } = struct.id;
		const arr = struct.content.arr;
		for (let i = 0; i < arr.length; i++) out.push({ event: arr[i], client, clock: clock + i });
	}
	return out;
}

/** A state vector as a plain map (client → next clock). */
export function readStateVector(sv: Uint8Array | undefined): Map<number, number> {
	return sv && sv.length > 0 ? Y.decodeStateVector(sv) : new Map<number, number>();
}

/** Whether every item `want` names is in `have`. */
export function covers(
	have: ReadonlyMap<number, number>,
	want: ReadonlyMap<number, number>
): boolean {
	for (const [client, clock] of want) if ((have.get(client) ?? 0) < clock) return false;
	return true;
}

/** How many items of `want` `have` holds (for progress). */
export function heldOf(
	have: ReadonlyMap<number, number>,
	want: ReadonlyMap<number, number>
): number {
	let n = 0;
	for (const [client, clock] of want) n += Math.min(have.get(client) ?? 0, clock);
	return n;
}

export function itemsIn(sv: ReadonlyMap<number, number>): number {
	let n = 0;
	for (const clock of sv.values()) n += clock;
	return n;
}

/**
 * A state vector that also holds what `update` adds (for a doc not in
 * memory): a client's range counts only where it follows on from what is
 * held, as Yjs would integrate it (a gap stays pending there).
 */
export function mergeStateVectors(
	held: ReadonlyMap<number, number> | undefined,
	update: Uint8Array
): Uint8Array {
	const sv = new Map(held ?? []);
	const { from, to } = Y.parseUpdateMeta(update);
	for (const [client, start] of from) {
		const have = sv.get(client) ?? 0;
		if (start <= have) sv.set(client, Math.max(have, to.get(client) ?? have));
	}
	return Y.encodeStateVector(sv);
}
