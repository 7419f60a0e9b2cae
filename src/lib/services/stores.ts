/**
 * The stores this device holds (a manager's tablet may hold two): each with
 * its own log and its own projection, never mixed. One is current: the
 * screens show it. Switching stores reloads the screens.
 *
 * The current store's projection name is mirrored in localStorage, so that
 * the first screen can open its tables at once, before IndexedDB answers.
 */
import { newStoreId, type DeviceRegistry, type StoreRecord } from '$lib/ledger/device-registry';
import type { StoreConfig } from '$lib/ledger/pairing';
import { PROJECTION_SCHEMA } from '$lib/store/db';

export interface Mirror {
	store: string;
	projection: string;
}

export interface MirrorStorage {
	read(): Mirror | null;
	write(mirror: Mirror): void;
}

const MIRROR_KEY = 'unitrack.current';

export const localMirror: MirrorStorage = {
	read() {
		try {
			const held = JSON.parse(localStorage.getItem(MIRROR_KEY) ?? 'null') as Mirror | null;
			return held && typeof held.store === 'string' && typeof held.projection === 'string'
				? held
				: null;
		} catch {
			return null;
		}
	},
	write(mirror) {
		// Not in the browser (the Stock screen is prerendered at build time): nothing to keep.
		if (typeof localStorage === 'undefined') return;
		localStorage.setItem(MIRROR_KEY, JSON.stringify(mirror));
	}
};

export function memoryMirror(): MirrorStorage {
	let held: Mirror | null = null;
	return { read: () => held, write: (m) => (held = m) };
}

export function projectionName(store: Pick<StoreRecord, 'id' | 'projection'>): string {
	return `unitrack-${store.id}-s${store.projection.schema}g${store.projection.generation}`;
}

/** The mirror to open the first screen with: the one held, or a proposal for a new store. */
export function mirrorOrProposal(storage: MirrorStorage): Mirror {
	const held = storage.read();
	if (held) return held;
	const store = newStoreId();
	const proposal = {
		store,
		projection: projectionName({
			id: store,
			projection: { schema: PROJECTION_SCHEMA, generation: 1 }
		})
	};
	storage.write(proposal);
	return proposal;
}

export const DEFAULT_STORE_NAME = 'This shop';

export class StoreDirectory {
	constructor(
		readonly registry: DeviceRegistry,
		private readonly mirror: MirrorStorage
	) {}

	list(): Promise<StoreRecord[]> {
		return this.registry.stores();
	}

	get(id: string): Promise<StoreRecord | undefined> {
		return this.registry.getStore(id);
	}

	/**
	 * The current store; on the very first start, a new store of this device
	 * alone, with the id the first screen was opened with.
	 */
	async current(): Promise<StoreRecord> {
		const id = await this.registry.currentStoreId();
		const held = id ? await this.registry.getStore(id) : undefined;
		if (held) return held;
		const proposed = this.mirror.read()?.store ?? newStoreId();
		const store = await this.create(DEFAULT_STORE_NAME, null, proposed);
		await this.registry.setCurrentStore(store.id);
		return store;
	}

	async create(name: string, sync: StoreConfig | null, id = newStoreId()): Promise<StoreRecord> {
		const store: StoreRecord = {
			id,
			name,
			sync,
			shared: sync !== null,
			projection: { schema: PROJECTION_SCHEMA, generation: 1 },
			createdAt: Date.now()
		};
		await this.registry.putStore(store);
		return store;
	}

	async update(store: StoreRecord): Promise<void> {
		await this.registry.putStore(store);
		const current = await this.registry.currentStoreId();
		if (current === store.id) this.writeMirror(store);
	}

	/** Makes `id` the current store; the screens must be reloaded to show it. */
	async switchTo(id: string): Promise<StoreRecord> {
		const store = await this.registry.getStore(id);
		if (!store) throw new Error('That store is not on this device.');
		await this.registry.setCurrentStore(id);
		this.writeMirror(store);
		return store;
	}

	/** Whether the screens were opened on another store's tables than the current one. */
	isMirrorStale(store: StoreRecord): boolean {
		const held = this.mirror.read();
		return !held || held.store !== store.id || held.projection !== projectionName(store);
	}

	writeMirror(store: StoreRecord): void {
		this.mirror.write({ store: store.id, projection: projectionName(store) });
	}
}
