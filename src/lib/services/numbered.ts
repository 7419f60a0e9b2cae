/**
 * Appends that use numbers staff read (receipt and ticket numbers, system
 * serials). The numbers are taken from a counter of the store's log and the
 * counter moves in the same write as the events: a failed save uses up no
 * number, and two appends (two tabs, two quick sales) never get the same
 * one — the second finds the counter moved and is built again.
 */
import { CounterMovedError } from '$lib/ledger/log-store';
import type { NewEvent } from '$lib/domain/types';
import type { Runtime } from './runtime';

const ATTEMPTS = 8;

export type Numbered<R> = { events: NewEvent[]; result: R } | { refused: R };

export async function appendNumbered<R>(
	rt: Runtime,
	key: string,
	count: number,
	attempt: (first: number) => Promise<Numbered<R>>
): Promise<R> {
	for (let i = 1; ; i++) {
		const first = await rt.ledger.counter(key);
		const built = await attempt(first);
		if ('refused' in built) return built.refused;
		try {
			await rt.ledger.append(built.events, {
				counters: { [key]: { from: first, to: first + count } }
			});
			return built.result;
		} catch (error) {
			if (!(error instanceof CounterMovedError) || i >= ATTEMPTS) throw error;
		}
	}
}
