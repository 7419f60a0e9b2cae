/**
 * Wires the layers of one store together: its ledger (log) feeds the one
 * projector, which writes the store's Dexie tables the screens read.
 * Opening projects whatever the log holds that the tables lack (a crash
 * between the two writes): only those rows, never the whole history.
 *
 * The app's own instance (the current store of this device) is in
 * app-runtime.ts; tests open runtimes of their own here.
 */
import { Ledger } from '$lib/ledger/ledger';
import type { LedgerApi } from '$lib/ledger/ledger-api';
import type { LogStore } from '$lib/ledger/log-store';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { newId } from '$lib/ledger/ids';
import type { UnitrackDb } from '$lib/store/db';
import { projectEvents } from '$lib/store/projector';

export interface Runtime {
	db: UnitrackDb;
	ledger: LedgerApi;
}

/** A runtime whose tab leads its log (tests, and the leading tab). */
export interface LocalRuntime extends Runtime {
	ledger: Ledger;
}

export interface RuntimeOptions {
	device?: string;
	now?: () => number;
}

export async function openRuntime(
	db: UnitrackDb,
	store: LogStore = new MemoryLogStore(),
	options: RuntimeOptions = {}
): Promise<LocalRuntime> {
	const ledger = await Ledger.open(store, {
		device: options.device ?? newId(12),
		now: options.now
	});
	ledger.subscribe(async (batch) => {
		await projectEvents(db, batch.events, { covered: batch.isCovered });
	});
	await ledger.catchUp();
	return { db, ledger };
}
