/**
 * The upgrade from the first versions of Unitrack, which kept all of a
 * device's history in one Yjs doc (`unitrack-ledger`) and one projection
 * (`unitrack`), to one log per store split by period (docs/ledger.md).
 *
 * On the first start of this version: the device keeps its id and name;
 * the store it belonged to (or a store of its own) gets every event of the
 * old log, each in its period, with the counters (receipt, ticket and
 * serial numbers) and sync settings; the projection is rebuilt from the new
 * log; then the old databases go. Every step can be cut short by closing
 * the page: the next start goes on where it stopped (the import counts what
 * it wrote in the same writes, import-events.ts), and nothing is doubled.
 */
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import { IdbLogStore } from '$lib/ledger/idb-log-store';
import { importEvents } from '$lib/ledger/import-events';
import { Ledger } from '$lib/ledger/ledger';
import { newStoreId } from '$lib/ledger/device-registry';
import type { StoreConfig } from '$lib/ledger/pairing';
import { UnitrackDb } from '$lib/store/db';
import { rebuildProjection } from '$lib/store/projector';
import type { StartupProgress } from './startup';
import { DEFAULT_STORE_NAME, projectionName, type StoreDirectory } from './stores';

export const LEGACY_LOG = 'unitrack-ledger';
export const LEGACY_PROJECTION = 'unitrack';

/** What the old log kept beside its events, carried into the store's log. */
const CARRIED_META = [
	'saleCounter',
	'ticketCounter',
	'systemSerialCounter',
	'iceServers',
	'syncDevices'
];
const STATE_KEY = 'upgrade';

interface UpgradeState {
	storeId: string;
	imported: boolean;
	rebuilt: boolean;
}

class LegacyLogDb extends Dexie {
	updates!: Table<{ seq: number; bytes: Uint8Array }, number>;
	meta!: Table<{ key: string; value: unknown }, string>;
	constructor() {
		super(LEGACY_LOG);
		this.version(1).stores({ updates: '++seq', meta: 'key' });
	}
}

/** Upgrades this device if it holds an old log; resolves at once when it does not. */
export async function upgradeLegacyLog(
	stores: StoreDirectory,
	progress: StartupProgress
): Promise<void> {
	if (!(await Dexie.exists(LEGACY_LOG))) return;
	const registry = stores.registry;
	const legacy = new LegacyLogDb();
	try {
		const meta = new Map((await legacy.meta.toArray()).map((m) => [m.key, m.value]));
		let state = await registry.getMeta<UpgradeState>(STATE_KEY);
		if (!state) {
			const device = meta.get('device');
			if (typeof device === 'string') await registry.adoptDevice(device);
			const name = meta.get('deviceName');
			if (typeof name === 'string') await registry.setDeviceName(name);
			const sync = (meta.get('syncStore') as StoreConfig | undefined) ?? null;
			const id = sync?.room ?? newStoreId();
			if (!(await stores.get(id))) {
				const store = await stores.create(sync?.name ?? DEFAULT_STORE_NAME, sync, id);
				await stores.update({ ...store, shared: sync !== null });
			}
			state = { storeId: id, imported: false, rebuilt: false };
			await registry.setMeta(STATE_KEY, state);
		}
		const store = await stores.get(state.storeId);
		if (!store) throw new Error('The store being upgraded is missing.');
		const log = new IdbLogStore(store.id);
		if (!state.imported) {
			progress.report({
				title: 'Upgrading this device’s data: reading the old log',
				done: 0,
				total: 1
			});
			const doc = new Y.Doc();
			for (const row of await legacy.updates.orderBy('seq').toArray())
				Y.applyUpdate(doc, row.bytes);
			const events = doc.getArray('events').toArray();
			doc.destroy();
			for (const key of CARRIED_META)
				if (meta.has(key) && (await log.getMeta(key)) === undefined)
					await log.setMeta(key, meta.get(key));
			await importEvents(log, events, (done, total) =>
				progress.report({ title: 'Upgrading this device’s data: moving the log', done, total })
			);
			state = { ...state, imported: true };
			await registry.setMeta(STATE_KEY, state);
		}
		if (!state.rebuilt) {
			// The tables are made again from the new log, in a database of their own.
			const tables = new UnitrackDb(projectionName(store));
			await tables.delete();
			await tables.open();
			const ledger = await Ledger.open(log, { device: await registry.device() });
			let done = 0;
			const total = ledger.size;
			const batches = (async function* () {
				for await (const batch of ledger.history()) {
					yield batch;
					done += batch.length;
					progress.report({
						title: 'Upgrading this device’s data: rebuilding the stock lists',
						done,
						total
					});
				}
			})();
			// Period by period: the projector keeps a bounded cache between them.
			await rebuildProjection(tables, batches);
			ledger.close();
			tables.close();
			state = { ...state, rebuilt: true };
			await registry.setMeta(STATE_KEY, state);
		} else {
			log.close();
		}
		await registry.setCurrentStore(store.id);
		stores.writeMirror(store);
		legacy.close();
		await Dexie.delete(LEGACY_LOG);
		await Dexie.delete(LEGACY_PROJECTION);
		await registry.setMeta(STATE_KEY, undefined);
	} finally {
		legacy.close();
		progress.report(null);
	}
}
