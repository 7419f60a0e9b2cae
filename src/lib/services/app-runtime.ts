/**
 * The app's own runtime: this device's current store, opened once per page.
 * Screens read the current store's tables at once (`database()`); anything
 * that writes awaits `runtime()`.
 *
 * One tab of the device leads the store's log (tab-leader.ts): it opens the
 * log, projects what the tables lack, syncs with the other devices, and
 * answers the other tabs, which append through it (LedgerClient) and read
 * the shared tables. When it closes, the next tab takes the lead.
 *
 * Before the first store opens, a device that holds a log written by an
 * earlier version is upgraded (upgrade.ts), with progress on screen.
 */
import { IdbDeviceRegistry, type StoreRecord } from '$lib/ledger/device-registry';
import { IdbLogStore } from '$lib/ledger/idb-log-store';
import { Ledger } from '$lib/ledger/ledger';
import { LedgerClient, ledgerErrors, NEW_LEADER, serveLedger } from '$lib/ledger/ledger-client';
import { RpcClient, RpcServer } from '$lib/ledger/rpc';
import { claimLeadership } from '$lib/ledger/tab-leader';
import { UnitrackDb } from '$lib/store/db';
import { projectEvents } from '$lib/store/projector';
import { RemoteSync, serveSync } from './remote-sync';
import type { Runtime } from './runtime';
import { StartupProgress } from './startup';
import { localMirror, mirrorOrProposal, projectionName, StoreDirectory } from './stores';
import { SyncService, type SyncApi } from './sync-service';
import { upgradeLegacyLog } from './upgrade';

let db: UnitrackDb | null = null;
let directory: StoreDirectory | null = null;
let opening: Promise<Opened> | null = null;

/** Long work before the screens can be used, for the root layout to show. */
export const startupProgress = new StartupProgress();

interface Opened {
	runtime: Runtime;
	sync: Promise<SyncApi>;
}

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
	return open().then((o) => o.runtime);
}

/** The current store's sync (run by the leading tab), opened once. */
export function syncService(): Promise<SyncApi> {
	return open().then((o) => o.sync);
}

function open(): Promise<Opened> {
	opening ??= openCurrent();
	return opening;
}

async function openCurrent(): Promise<Opened> {
	const directory = stores();
	await upgradeLegacyLog(directory, startupProgress);
	const store = await directory.current();
	if (directory.isMirrorStale(store) || database().name !== projectionName(store)) {
		// The first screen opened another store's tables (another tab switched,
		// or this is the first start after an upgrade): open the right ones.
		directory.writeMirror(store);
		location.reload();
		return new Promise<never>(() => {});
	}
	const device = await directory.registry.device();
	const tables = database();
	const channel = new BroadcastChannel(`unitrack:${store.id}`);
	const leadership = await claimLeadership(`unitrack:${store.id}`);
	if (leadership.isLeader) {
		const led = await lead(store, device, tables, channel, directory);
		return { runtime: { db: tables, ledger: led.ledger }, sync: Promise.resolve(led.sync) };
	}
	const rpc = new RpcClient(channel, ledgerErrors);
	const client = new LedgerClient(device, rpc);
	const sync = new RemoteSync(rpc, device);
	void leadership.led.then(async () => {
		const led = await lead(store, device, tables, channel, directory);
		client.takeOver(led.ledger);
		sync.takeOver(led.sync);
	});
	await client.open();
	return { runtime: { db: tables, ledger: client }, sync: sync.open().then(() => sync) };
}

/** This tab leads the store's log: opens it, projects, syncs, and answers the other tabs. */
async function lead(
	store: StoreRecord,
	device: string,
	tables: UnitrackDb,
	channel: BroadcastChannel,
	directory: StoreDirectory
): Promise<{ ledger: Ledger; sync: SyncService }> {
	const ledger = await Ledger.open(new IdbLogStore(store.id), { device });
	ledger.subscribe(async (batch) => {
		await projectEvents(tables, batch.events, { covered: batch.isCovered });
	});
	await ledger.catchUp();
	const server = new RpcServer(channel);
	serveLedger(server, ledger);
	const sync = new SyncService(ledger, directory, store.id);
	serveSync(server, sync);
	server.notify(NEW_LEADER, null);
	void sync.open().catch((error: unknown) => console.error('sync could not start', error));
	return { ledger, sync };
}
