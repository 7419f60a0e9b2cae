/**
 * Builds a store's projection from its log into a fresh database, period by
 * period (Ledger.history streams it: one period in memory at a time), with
 * progress. Used by Restore, the upgrade and Settings > Maintenance >
 * Rebuild; the caller swaps the new tables in once this has finished.
 */
import type { Ledger } from '$lib/ledger/ledger';
import type { UnitrackDb } from '$lib/store/db';
import { rebuildProjection } from '$lib/store/projector';

export async function rebuildFromLog(
	tables: UnitrackDb,
	ledger: Ledger,
	progress: (done: number, total: number) => void = () => {}
): Promise<number> {
	const total = ledger.size;
	let done = 0;
	progress(0, total);
	// One path with the appends (projectBatch), with a cache of rows kept from
	// one period to the next: a unit received in one month and sold in the next
	// is read and written once.
	await rebuildProjection(tables, ledger.history(), (p) => {
		done = p.events;
		progress(done, total);
	});
	return done;
}
