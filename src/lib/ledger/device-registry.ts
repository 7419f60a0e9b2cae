/**
 * What this device is, and which stores it holds: its id and name (the same
 * in every store), and one record per store with that store's log (its own
 * IndexedDB database, idb-log-store.ts), its projection and its sync
 * settings. One store is the current one: the screens show it.
 *
 * Kept in its own small database, `unitrack-device`; a copy of the current
 * store's projection name is kept in localStorage so the first screen can
 * read its tables at once, before this database has answered.
 */
import Dexie, { type Table } from 'dexie';
import { newId } from './ids';
import { randomToken, type StoreConfig } from './pairing';

export interface StoreRecord {
	/** Also the room of peer sync and the hub's document prefix: the same on every device. */
	id: string;
	name: string;
	/** How this store syncs; null while it is this device's alone. */
	sync: StoreConfig | null;
	/** Has this store ever synced (been created for sharing, or joined)? */
	shared: boolean;
	/**
	 * Joined from a pairing code and still waiting for the store's stock (a
	 * checkpoint, docs/ledger.md, A joining device): nothing is projected or
	 * saved until one is installed, or none comes and the history is taken.
	 */
	joining?: boolean;
	/** The projection in use: schema version and generation (a rebuild makes a new one). */
	projection: { schema: number; generation: number };
	createdAt: number;
}

export interface DeviceRegistry {
	device(): Promise<string>;
	/** Keeps an id this device had before (an upgrade), unless it has one already. */
	adoptDevice(id: string): Promise<void>;
	deviceName(): Promise<string | undefined>;
	setDeviceName(name: string): Promise<void>;
	stores(): Promise<StoreRecord[]>;
	getStore(id: string): Promise<StoreRecord | undefined>;
	putStore(store: StoreRecord): Promise<void>;
	removeStore(id: string): Promise<void>;
	currentStoreId(): Promise<string | undefined>;
	setCurrentStore(id: string): Promise<void>;
	getMeta<T>(key: string): Promise<T | undefined>;
	setMeta(key: string, value: unknown): Promise<void>;
}

/** A store id: 22 base64url characters (128 random bits), like a room id. */
export function newStoreId(): string {
	return randomToken();
}

const DEVICE_KEY = 'device';
const NAME_KEY = 'deviceName';
const CURRENT_KEY = 'currentStore';

class RegistryDb extends Dexie {
	meta!: Table<{ key: string; value: unknown }, string>;
	stores!: Table<StoreRecord, string>;
	constructor(name: string) {
		super(name);
		this.version(1).stores({ meta: 'key', stores: 'id' });
	}
}

export const REGISTRY_DB = 'unitrack-device';

export class IdbDeviceRegistry implements DeviceRegistry {
	private readonly db: RegistryDb;

	constructor(name = REGISTRY_DB) {
		this.db = new RegistryDb(name);
	}

	/** This device's id, made on first use. One transaction: two tabs cannot make two. */
	async device(): Promise<string> {
		return this.db.transaction('rw', this.db.meta, async () => {
			const held = (await this.db.meta.get(DEVICE_KEY))?.value;
			if (typeof held === 'string') return held;
			const id = newId(12);
			await this.db.meta.put({ key: DEVICE_KEY, value: id });
			return id;
		});
	}

	async adoptDevice(id: string): Promise<void> {
		await this.db.transaction('rw', this.db.meta, async () => {
			if ((await this.db.meta.get(DEVICE_KEY)) === undefined)
				await this.db.meta.put({ key: DEVICE_KEY, value: id });
		});
	}

	async deviceName(): Promise<string | undefined> {
		return this.getMeta<string>(NAME_KEY);
	}

	setDeviceName(name: string): Promise<void> {
		return this.setMeta(NAME_KEY, name);
	}

	async stores(): Promise<StoreRecord[]> {
		return (await this.db.stores.toArray()).sort((a, b) => a.createdAt - b.createdAt);
	}

	getStore(id: string): Promise<StoreRecord | undefined> {
		return this.db.stores.get(id);
	}

	async putStore(store: StoreRecord): Promise<void> {
		await this.db.stores.put(structuredClone(store));
	}

	async removeStore(id: string): Promise<void> {
		await this.db.stores.delete(id);
	}

	currentStoreId(): Promise<string | undefined> {
		return this.getMeta<string>(CURRENT_KEY);
	}

	setCurrentStore(id: string): Promise<void> {
		return this.setMeta(CURRENT_KEY, id);
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.db.meta.get(key))?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		if (value === undefined) await this.db.meta.delete(key);
		else await this.db.meta.put({ key, value });
	}
}

/** For tests. */
export class MemoryDeviceRegistry implements DeviceRegistry {
	private readonly meta = new Map<string, unknown>();
	private readonly records = new Map<string, StoreRecord>();

	constructor(private id = newId(12)) {}

	async device(): Promise<string> {
		return this.id;
	}
	async adoptDevice(id: string): Promise<void> {
		this.id = id;
	}
	async deviceName(): Promise<string | undefined> {
		return this.meta.get(NAME_KEY) as string | undefined;
	}
	async setDeviceName(name: string): Promise<void> {
		this.meta.set(NAME_KEY, name);
	}
	async stores(): Promise<StoreRecord[]> {
		return [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt);
	}
	async getStore(id: string): Promise<StoreRecord | undefined> {
		const r = this.records.get(id);
		return r && structuredClone(r);
	}
	async putStore(store: StoreRecord): Promise<void> {
		this.records.set(store.id, structuredClone(store));
	}
	async removeStore(id: string): Promise<void> {
		this.records.delete(id);
	}
	async currentStoreId(): Promise<string | undefined> {
		return this.meta.get(CURRENT_KEY) as string | undefined;
	}
	async setCurrentStore(id: string): Promise<void> {
		this.meta.set(CURRENT_KEY, id);
	}
	async getMeta<T>(key: string): Promise<T | undefined> {
		return this.meta.get(key) as T | undefined;
	}
	async setMeta(key: string, value: unknown): Promise<void> {
		this.meta.set(key, value);
	}
}
