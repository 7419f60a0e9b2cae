/**
 * Where a store's Y.Doc is kept on this device: a log of Yjs updates in
 * IndexedDB, compacted into one snapshot from time to time.
 *
 * Why not y-indexeddb: it writes updates without telling when the write is
 * durable, and the screen must not say "saved" before it is (DESIGN.md,
 * invariant 1). Here `store` resolves only once IndexedDB has committed.
 */
import Dexie, { type Table } from 'dexie';

export interface LedgerPersistence {
	/** Every update kept, oldest first, with its key. */
	load(): Promise<KeptUpdate[]>;
	/** Resolves with the update's key when it is durable. */
	store(update: Uint8Array): Promise<number>;
	/**
	 * Replace the updates with these keys by one snapshot that contains them.
	 * Only named keys go: another tab may have written updates meanwhile.
	 */
	compact(snapshot: Uint8Array, keys: number[]): Promise<number>;
	getMeta(key: string): Promise<unknown>;
	setMeta(key: string, value: unknown): Promise<void>;
	close(): void;
}

export interface KeptUpdate {
	seq: number;
	bytes: Uint8Array;
}

interface UpdateRow {
	seq?: number;
	bytes: Uint8Array;
}

class LedgerDb extends Dexie {
	updates!: Table<UpdateRow, number>;
	meta!: Table<{ key: string; value: unknown }, string>;
	constructor(name: string) {
		super(name);
		this.version(1).stores({ updates: '++seq', meta: 'key' });
	}
}

export class IndexedDbPersistence implements LedgerPersistence {
	private readonly db: LedgerDb;

	constructor(name: string) {
		this.db = new LedgerDb(name);
	}

	async load(): Promise<KeptUpdate[]> {
		return (await this.db.updates.orderBy('seq').toArray()) as KeptUpdate[];
	}

	async store(update: Uint8Array): Promise<number> {
		return this.db.updates.add({ bytes: update });
	}

	async compact(snapshot: Uint8Array, keys: number[]): Promise<number> {
		return this.db.transaction('rw', this.db.updates, async () => {
			await this.db.updates.bulkDelete(keys);
			return this.db.updates.add({ bytes: snapshot });
		});
	}

	async getMeta(key: string): Promise<unknown> {
		return (await this.db.meta.get(key))?.value;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		await this.db.meta.put({ key, value });
	}

	close(): void {
		this.db.close();
	}
}

/** For tests: keeps updates in memory. */
export class MemoryPersistence implements LedgerPersistence {
	updates: KeptUpdate[] = [];
	meta = new Map<string, unknown>();
	private seq = 0;
	async load(): Promise<KeptUpdate[]> {
		return [...this.updates];
	}
	async store(bytes: Uint8Array): Promise<number> {
		this.updates.push({ seq: ++this.seq, bytes });
		return this.seq;
	}
	async compact(snapshot: Uint8Array, keys: number[]): Promise<number> {
		const gone = new Set(keys);
		this.updates = this.updates.filter((u) => !gone.has(u.seq));
		return this.store(snapshot);
	}
	async getMeta(key: string): Promise<unknown> {
		return this.meta.get(key);
	}
	async setMeta(key: string, value: unknown): Promise<void> {
		this.meta.set(key, value);
	}
	close(): void {}
}
