/**
 * Sync of the current store with the store's other devices: share this
 * device's store (the first device), join another store from a pairing
 * code, stop syncing, name this device, the sync options, and the devices
 * seen with when each last synced.
 *
 * Stores never mix (docs/ledger.md): joining a store, or creating a new one
 * after this device's store was shared, makes a store of its own on this
 * device and switches to it (the screens reload); the store it was on stays
 * on the device, and Settings can switch back to it. Only a store that was
 * never shared is shared as it is, with what it holds.
 *
 * The sync provider (the planner over y-webrtc and/or a hub) is loaded
 * only once the store syncs, so the first screen does not carry it.
 *
 * Through a hub (docs/hub.md), a device token names the store: given on a
 * device of another store, it joins that one as joining by a pairing code
 * does (without the peers' secret: hub only); on a device of that store, or
 * with a head office token, the store syncs through the hub too.
 */
import type { StoreRecord } from '$lib/ledger/device-registry';
import type { CheckpointStore } from '$lib/ledger/checkpoint';
import type { Ledger } from '$lib/ledger/ledger';
import {
	defaultSignaling,
	isSignalingUrl,
	randomToken,
	storeNameProblem,
	type HubConfig,
	type StoreConfig
} from '$lib/ledger/pairing';
import { OFFLINE, type SyncProvider, type SyncSnapshot } from '$lib/ledger/sync';
import { HttpHubApi, hubSocketUrl, type HubApi } from './hub-api';
import type { StoreDirectory } from './stores';

export interface KnownDevice {
	device: string;
	name: string;
	/** When this device last saw it holding the same events (ms since the epoch). */
	lastSyncedAt: number | null;
}

export interface SyncView {
	/** The current store's id and name on this device (whether it syncs or not). */
	storeId: string;
	storeName: string;
	/** Null: this store is on this device alone, and does not sync. */
	store: StoreConfig | null;
	device: string;
	deviceName: string;
	/** STUN/TURN server URLs; empty by default (a shop's LAN needs none). */
	iceServers: string[];
	snapshot: SyncSnapshot;
	/** Every other device seen, online or not. */
	known: KnownDevice[];
	/** Why sync cannot run here, when it cannot. */
	problem: string | null;
	/** Just joined: waiting for the store's stock from another device (nothing can be saved yet). */
	joining: boolean;
}

/** `reload`: the current store changed; the screens must be opened again. */
export type Result = { ok: true; reload?: boolean } | { ok: false; error: string };

export interface ConnectOptions {
	room: string;
	secret: string;
	signaling: string;
	iceServers: RTCIceServer[];
	deviceName: string;
	hub?: HubConfig;
	/** Builds checkpoints for joining devices, and installs one when this device joins. */
	checkpoints?: CheckpointStore;
	/** This device has just joined: it waits for a checkpoint before projecting anything. */
	awaitingCheckpoint?: boolean;
	/** The wait is over: a checkpoint was installed, or none came (the history then). */
	onCheckpointDone?: (how: 'installed' | 'none') => void;
}

export type Connect = (ledger: Ledger, options: ConnectOptions) => Promise<SyncProvider>;

/** What the screens use of sync, in the leading tab (SyncService) or another (remote-sync.ts). */
export interface SyncApi {
	readonly view: SyncView;
	subscribe(listener: (view: SyncView) => void): () => void;
	createStore(name: string, pageUrl: string): Promise<Result>;
	joinStore(config: StoreConfig): Promise<Result>;
	leaveStore(): Promise<Result>;
	setDeviceName(name: string): Promise<Result>;
	setOptions(signaling: string, iceServers: string[]): Promise<Result>;
	/** Syncs through the hub at `address` with a device token (joining the token's store). */
	useHub(address: string, token: string): Promise<Result>;
	stopHub(): Promise<Result>;
}

const KNOWN_KEY = 'syncDevices';
const ICE_KEY = 'iceServers';
/** Last-synced times are written at most this often while devices stay in sync. */
const SAVE_KNOWN_MS = 10_000;
const MAX_DEVICE_NAME = 40;

/** The real provider, imported on first use (sync-connect.ts: peers, a hub, or both). */
export const connectSync: Connect = async (ledger, options) =>
	(await import('./sync-connect')).connectSync(ledger, options);

export class SyncService implements SyncApi {
	private record!: StoreRecord;
	private deviceName = '';
	private iceServers: string[] = [];
	private known = new Map<string, KnownDevice>();
	private provider: SyncProvider | null = null;
	private unsubscribe: (() => void) | null = null;
	private snapshot: SyncSnapshot = OFFLINE;
	private problem: string | null = null;
	private readonly listeners = new Set<(view: SyncView) => void>();
	private savedKnownAt = 0;
	/** Starts and stops run one after another. */
	private switching: Promise<void> = Promise.resolve();

	constructor(
		private readonly ledger: Ledger,
		private readonly stores: StoreDirectory,
		private readonly storeId: string,
		private readonly connect: Connect = connectSync,
		/** The projection's side of checkpoints (src/lib/store/checkpoint.ts). */
		private readonly checkpoints?: CheckpointStore,
		private readonly hubApi: HubApi = new HttpHubApi()
	) {}

	/** Reads the settings and starts syncing if the store syncs. */
	async open(): Promise<void> {
		const record = await this.stores.get(this.storeId);
		if (!record) throw new Error('This store is not on this device any more.');
		this.record = record;
		const registry = this.stores.registry;
		this.deviceName =
			(await registry.deviceName()) ?? `Device ${this.ledger.device.slice(0, 4).toUpperCase()}`;
		this.iceServers = (await this.ledger.getMeta<string[]>(ICE_KEY)) ?? [];
		const known = (await this.ledger.getMeta<KnownDevice[]>(KNOWN_KEY)) ?? [];
		this.known = new Map(known.map((k) => [k.device, k]));
		await this.restart();
	}

	get view(): SyncView {
		return {
			storeId: this.storeId,
			storeName: this.record?.name ?? '',
			store: this.record?.sync ?? null,
			device: this.ledger.device,
			deviceName: this.deviceName,
			iceServers: this.iceServers,
			snapshot: this.snapshot,
			known: [...this.known.values()].sort((a, b) => a.name.localeCompare(b.name)),
			problem: this.problem,
			joining: Boolean(this.record?.joining)
		};
	}

	subscribe(listener: (view: SyncView) => void): () => void {
		this.listeners.add(listener);
		listener(this.view);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Makes this device the first of a store that syncs, with signaling beside
	 * the app at `pageUrl`: this store as it is if it was never shared, else a
	 * new, empty store (switched to).
	 */
	async createStore(name: string, pageUrl: string): Promise<Result> {
		const problem = storeNameProblem(name);
		if (problem) return { ok: false, error: problem };
		if (this.record.sync)
			return { ok: false, error: `This device already syncs ${this.record.sync.name}.` };
		const config: StoreConfig = {
			room: this.record.id,
			secret: randomToken(),
			name: name.trim(),
			signaling: defaultSignaling(pageUrl)
		};
		if (!this.record.shared) {
			await this.setRecord({ ...this.record, name: config.name, sync: config, shared: true });
			return { ok: true };
		}
		const store = await this.stores.create(config.name, null);
		await this.stores.update({
			...store,
			sync: { ...config, room: store.id },
			shared: true
		});
		await this.stores.switchTo(store.id);
		return { ok: true, reload: true };
	}

	/** Joins the store of a pairing code: a store of its own on this device, switched to. */
	async joinStore(config: StoreConfig): Promise<Result> {
		if (this.record.sync?.room === config.room)
			return { ok: false, error: `This device already belongs to ${config.name}.` };
		const plain: StoreConfig = {
			room: config.room,
			secret: config.secret,
			name: config.name,
			signaling: config.signaling
		};
		return this.switchToJoined(plain);
	}

	/** A store of its own on this device for a store joined (by code or hub token), switched to. */
	private async switchToJoined(config: StoreConfig): Promise<Result> {
		const held = await this.stores.get(config.room);
		if (held) await this.stores.update({ ...held, name: config.name, sync: config, shared: true });
		else {
			// A store new to this device: it waits for the store's stock (a checkpoint).
			const store = await this.stores.create(config.name, config, config.room);
			await this.stores.update({ ...store, joining: true });
		}
		await this.stores.switchTo(config.room);
		return { ok: true, reload: true };
	}

	/** Stops syncing this store. Its data stays on this device. */
	async leaveStore(): Promise<Result> {
		await this.setRecord({ ...this.record, sync: null });
		return { ok: true };
	}

	async setDeviceName(name: string): Promise<Result> {
		const trimmed = name.trim();
		if (!trimmed) return { ok: false, error: 'Give this device a name.' };
		if (trimmed.length > MAX_DEVICE_NAME)
			return { ok: false, error: `The name is longer than ${MAX_DEVICE_NAME} characters.` };
		await this.stores.registry.setDeviceName(trimmed);
		this.deviceName = trimmed;
		this.provider?.setDeviceName(trimmed);
		this.emit();
		return { ok: true };
	}

	/** The signaling address and ICE servers (one URL a line); sync restarts with them. */
	async setOptions(signaling: string, iceServers: string[]): Promise<Result> {
		const sync = this.record.sync;
		if (!sync) return { ok: false, error: 'This store does not sync.' };
		if (!isSignalingUrl(signaling.trim()))
			return { ok: false, error: 'The signaling address must start with ws:// or wss://.' };
		const servers = iceServers.map((s) => s.trim()).filter(Boolean);
		const bad = servers.find((s) => !/^(stun|stuns|turn|turns):\S+$/.test(s));
		if (bad) return { ok: false, error: `Not a STUN or TURN server: ${bad}` };
		await this.ledger.setMeta(ICE_KEY, servers);
		this.iceServers = servers;
		await this.setRecord({ ...this.record, sync: { ...sync, signaling: signaling.trim() } });
		return { ok: true };
	}

	async useHub(address: string, token: string): Promise<Result> {
		const url = hubSocketUrl(address);
		if (!url) return { ok: false, error: 'Give the hub address, e.g. https://hq.example.com.' };
		const trimmed = token.trim();
		if (!trimmed) return { ok: false, error: "Give this device's token." };
		const grant = await this.hubApi.whoami(url, trimmed);
		if (!grant.ok) return grant;
		const hub: HubConfig = { url, token: trimmed };
		const { store, storeName, deviceName } = grant.value;
		// A device nobody named yet takes the name its token was issued for.
		if (!(await this.stores.registry.deviceName()) && deviceName.trim())
			await this.setDeviceName(deviceName.trim().slice(0, MAX_DEVICE_NAME));
		if (store === '*' || store === this.record.id) {
			const sync: StoreConfig = this.record.sync ?? {
				room: this.record.id,
				secret: '',
				name: this.record.name || storeName,
				signaling: ''
			};
			await this.setRecord({ ...this.record, sync: { ...sync, hub }, shared: true });
			return { ok: true };
		}
		// Another store's token: join that store, through the hub only.
		return this.switchToJoined({ room: store, secret: '', name: storeName, signaling: '', hub });
	}

	async stopHub(): Promise<Result> {
		const sync = this.record.sync;
		if (!sync?.hub) return { ok: false, error: 'This store does not sync through a hub.' };
		const { hub: _hub, ...peers } = sync;
		await this.setRecord({ ...this.record, sync: peers.secret ? peers : null });
		return { ok: true };
	}

	async close(): Promise<void> {
		await this.queue(() => this.stopProvider());
	}

	private async setRecord(record: StoreRecord): Promise<void> {
		await this.stores.update(record);
		this.record = record;
		await this.restart();
	}

	private restart(): Promise<void> {
		return this.queue(async () => {
			await this.stopProvider();
			this.problem = null;
			const sync = this.record.sync;
			if (sync) {
				try {
					const awaiting = this.isAwaitingCheckpoint();
					if (awaiting) await this.ledger.hold(true);
					this.provider = await this.connect(this.ledger, {
						room: sync.room,
						secret: sync.secret,
						signaling: sync.signaling,
						iceServers: this.iceServers.length > 0 ? [{ urls: this.iceServers }] : [],
						deviceName: this.deviceName,
						...(sync.hub ? { hub: sync.hub } : {}),
						checkpoints: this.checkpoints,
						awaitingCheckpoint: awaiting,
						onCheckpointDone: () => void this.joined()
					});
					this.unsubscribe = this.provider.subscribe((snapshot) => this.onSnapshot(snapshot));
				} catch (error) {
					this.problem = error instanceof Error ? error.message : String(error);
				}
			} else if (this.ledger.isHeld) {
				// No longer syncing while it waited: what came is its own history now.
				await this.ledger.hold(false);
				await this.joined();
			}
			this.emit();
		});
	}

	/** Joined and still waiting for a checkpoint (none installed yet). */
	private isAwaitingCheckpoint(): boolean {
		return Boolean(this.record.joining && this.checkpoints && !this.ledger.hasCheckpoint);
	}

	/** The store's stock is in (or none came and the history is taken): the wait is over. */
	private async joined(): Promise<void> {
		const record = await this.stores.get(this.storeId);
		if (record?.joining) await this.stores.update({ ...record, joining: false });
		this.record = { ...this.record, joining: false };
		this.emit();
	}

	private queue(task: () => Promise<void>): Promise<void> {
		const next = this.switching.then(task);
		this.switching = next.catch(() => undefined);
		return next;
	}

	private async stopProvider(): Promise<void> {
		this.unsubscribe?.();
		this.unsubscribe = null;
		const provider = this.provider;
		this.provider = null;
		this.snapshot = OFFLINE;
		await provider?.stop();
	}

	private onSnapshot(snapshot: SyncSnapshot): void {
		this.snapshot = snapshot;
		const now = Date.now();
		let isNew = false;
		for (const d of snapshot.devices) {
			const before = this.known.get(d.device);
			if (!before || before.name !== d.name) isNew = true;
			this.known.set(d.device, {
				device: d.device,
				name: d.name,
				lastSyncedAt: d.inSync ? now : (before?.lastSyncedAt ?? null)
			});
		}
		if (isNew || (snapshot.devices.length > 0 && now - this.savedKnownAt > SAVE_KNOWN_MS)) {
			this.savedKnownAt = now;
			this.ledger.setMeta(KNOWN_KEY, [...this.known.values()]).catch((error: unknown) => {
				console.warn('could not keep the list of devices', error);
			});
		}
		this.emit();
	}

	private emit(): void {
		const view = this.view;
		for (const listener of this.listeners) listener(view);
	}
}
