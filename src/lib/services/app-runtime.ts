/**
 * The app's own runtime: this device's current store, opened once per page.
 * Screens read the current store's tables at once (`database()`); anything
 * that writes awaits `runtime()`, which opens the store's log, projects what
 * the tables lack, and starts its sync.
 *
 * Before the first store opens, a device that holds a log written by an
 * earlier version is upgraded (upgrade.ts), with progress on screen.
 */
import { IdbDeviceRegistry } from '$lib/ledger/device-registry';
import { IdbLogStore } from '$lib/ledger/idb-log-store';
import { Ledger } from '$lib/ledger/ledger';
import { UnitrackDb } from '$lib/store/db';
import { projectEvents } from '$lib/store/projector';
import type { Runtime } from './runtime';
import { localMirror, mirrorOrProposal, StoreDirectory } from './stores';
import { SyncService } from './sync-service';
import { startupProgress } from './startup';
import { upgradeLegacyLog } from './upgrade';

let db: UnitrackDb | null = null;
let directory: StoreDirectory | null = null;
let opening: Promise<Runtime> | null = null;
let syncing: Promise<SyncService> | null = null;

/** The current store's projected tables, ready to read at once. */
export function database(): UnitrackDb {
	db ??= new UnitrackDb(mirrorOrProposal(localMirror).projection);
	return db;
}

/** The stores this device holds. */
export function stores(): StoreDirectory {
	directory ??= new StoreDirectory(new IdbDeviceRegistry(), localMirror);
	return directory;
}

/** The current store's runtime, opened once per page load. */
export function runtime(): Promise<Runtime> {
	opening ??= openCurrent();
	return opening;
}

/** The current store's sync, opened once (after the runtime). */
export function syncService(): Promise<SyncService> {
	syncing ??= runtime().then(async (rt) => {
		const service = new SyncService(rt.ledger, stores(), rt.ledger.store.storeId);
		await service.open();
		return service;
	});
	return syncing;
}

async function openCurrent(): Promise<Runtime> {
	const directory = stores();
	await upgradeLegacyLog(directory, startupProgress);
	const store = await directory.current();
	if (directory.isMirrorStale(store)) {
		// The first screen opened another store's tables (another tab switched,
		// or this is the first start after an upgrade): open the right ones.
		directory.writeMirror(store);
		location.reload();
		return new Promise<never>(() => {});
	}
	const device = await directory.registry.device();
	const ledger = await Ledger.open(new IdbLogStore(store.id), { device });
	const tables = database();
	ledger.subscribe(async (batch) => {
		await projectEvents(tables, batch.events);
	});
	await ledger.catchUp();
	return { db: tables, ledger };
}
