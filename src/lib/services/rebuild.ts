/**
 * Builds a store's projection from its log into a fresh database, period by
 * period (Ledger.history streams it: one period in memory at a time), with
 * progress. Used by Restore, the upgrade and Settings > Maintenance >
 * Rebuild; the caller swaps the new tables in once this has finished.
 */
import type { Ledger } from '$lib/ledger/ledger';
import type { UnitrackDb } from '$lib/store/db';
import { projectEvents } from '$lib/store/projector';

export async function rebuildFromLog(
	tables: UnitrackDb,
	ledger: Ledger,
	progress: (done: number, total: number) => void = () => {}
): Promise<number> {
	const total = ledger.size;
	let done = 0;
	progress(0, total);
	for await (const batch of ledger.history()) {
		await projectEvents(tables, batch);
		done += batch.length;
		progress(done, total);
	}
	return done;
}
