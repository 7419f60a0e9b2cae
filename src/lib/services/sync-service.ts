/**
 * The store this device belongs to, and its sync with the store's other
 * devices: create a store, join one from a pairing code, leave it, name this
 * device, the sync options, and the devices seen with when each last synced.
 *
 * Kept in the ledger's local meta (never in the log: the secret and the
 * options are this device's). The sync provider (y-webrtc) is loaded only
 * once the device belongs to a store, so the first screen does not carry it.
 *
 * Joining with data: whatever this device already holds stays in its log and
 * goes to the store's other devices; the same serial received on both sides
 * becomes a conflict to resolve. Nothing is dropped.
 */
import {
	defaultSignaling,
	isSignalingUrl,
	newStoreConfig,
	storeNameProblem,
	type StoreConfig
} from '$lib/ledger/pairing';
import { OFFLINE, type SyncProvider, type SyncSnapshot } from '$lib/ledger/sync';
import type { WebrtcSyncOptions } from '$lib/ledger/webrtc-sync';
import type { Ledger } from '$lib/ledger/ledger';
import { runtime } from './runtime';

export interface KnownDevice {
	device: string;
	name: string;
	/** When this device last saw it holding the same events (ms since the epoch). */
	lastSyncedAt: number | null;
}

export interface SyncView {
	/** Null: this device is not part of a store, and does not sync. */
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
}

export type Result = { ok: true } | { ok: false; error: string };

export type Connect = (ledger: Ledger, options: WebrtcSyncOptions) => Promise<SyncProvider>;

const STORE_KEY = 'syncStore';
const NAME_KEY = 'deviceName';
const ICE_KEY = 'iceServers';
const KNOWN_KEY = 'syncDevices';
/** Last-synced times are written at most this often while devices stay in sync. */
const SAVE_KNOWN_MS = 10_000;
const MAX_DEVICE_NAME = 40;

/** The real provider, imported on first use. */
export const connectWebrtc: Connect = async (ledger, options) => {
	// The secret's key is derived with WebCrypto, which browsers give only to
	// secure pages; RTCPeerConnection is missing in some locked-down browsers.
	if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
		throw new Error(
			'Sync needs a secure address: open Unitrack over https (see README, Running on a store PC), or at localhost.'
		);
	}
	if (typeof RTCPeerConnection === 'undefined')
		throw new Error('This browser has no WebRTC: it cannot sync.');
	const { WebrtcSync } = await import('$lib/ledger/webrtc-sync');
	return new WebrtcSync(ledger, options);
};

export class SyncService {
	private store: StoreConfig | null = null;
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
		private readonly connect: Connect = connectWebrtc
	) {}

	/** Reads the settings and starts syncing if this device belongs to a store. */
	async open(): Promise<void> {
		this.store = ((await this.ledger.getMeta(STORE_KEY)) as StoreConfig | undefined) ?? null;
		this.deviceName =
			((await this.ledger.getMeta(NAME_KEY)) as string | undefined) ??
			`Device ${this.ledger.device.slice(0, 4).toUpperCase()}`;
		this.iceServers = ((await this.ledger.getMeta(ICE_KEY)) as string[] | undefined) ?? [];
		const known = ((await this.ledger.getMeta(KNOWN_KEY)) as KnownDevice[] | undefined) ?? [];
		this.known = new Map(known.map((k) => [k.device, k]));
		await this.restart();
	}

	get view(): SyncView {
		return {
			store: this.store,
			device: this.ledger.device,
			deviceName: this.deviceName,
			iceServers: this.iceServers,
			snapshot: this.snapshot,
			known: [...this.known.values()].sort((a, b) => a.name.localeCompare(b.name)),
			problem: this.problem
		};
	}

	subscribe(listener: (view: SyncView) => void): () => void {
		this.listeners.add(listener);
		listener(this.view);
		return () => this.listeners.delete(listener);
	}

	/** Makes this device the first of a new store, with signaling beside the app at `pageUrl`. */
	async createStore(name: string, pageUrl: string): Promise<Result> {
		const problem = storeNameProblem(name);
		if (problem) return { ok: false, error: problem };
		if (this.store)
			return { ok: false, error: `This device already belongs to ${this.store.name}.` };
		return this.setStore(newStoreConfig(name, defaultSignaling(pageUrl)));
	}

	/** Joins the store of a pairing code; this device's events go into it (see the header). */
	async joinStore(config: StoreConfig): Promise<Result> {
		if (this.store?.room === config.room)
			return { ok: false, error: `This device already belongs to ${config.name}.` };
		return this.setStore(config);
	}

	/** Stops syncing. The data stays on this device. */
	async leaveStore(): Promise<Result> {
		return this.setStore(null);
	}

	async setDeviceName(name: string): Promise<Result> {
		const trimmed = name.trim();
		if (!trimmed) return { ok: false, error: 'Give this device a name.' };
		if (trimmed.length > MAX_DEVICE_NAME)
			return { ok: false, error: `The name is longer than ${MAX_DEVICE_NAME} characters.` };
		await this.ledger.setMeta(NAME_KEY, trimmed);
		this.deviceName = trimmed;
		this.provider?.setDeviceName(trimmed);
		this.emit();
		return { ok: true };
	}

	/** The signaling address and ICE servers (one URL a line); sync restarts with them. */
	async setOptions(signaling: string, iceServers: string[]): Promise<Result> {
		if (!this.store) return { ok: false, error: 'This device does not belong to a store.' };
		if (!isSignalingUrl(signaling.trim()))
			return { ok: false, error: 'The signaling address must start with ws:// or wss://.' };
		const servers = iceServers.map((s) => s.trim()).filter(Boolean);
		const bad = servers.find((s) => !/^(stun|stuns|turn|turns):\S+$/.test(s));
		if (bad) return { ok: false, error: `Not a STUN or TURN server: ${bad}` };
		await this.ledger.setMeta(ICE_KEY, servers);
		this.iceServers = servers;
		return this.setStore({ ...this.store, signaling: signaling.trim() });
	}

	async close(): Promise<void> {
		await this.queue(() => this.stopProvider());
	}

	private async setStore(config: StoreConfig | null): Promise<Result> {
		// A plain copy: what a screen passes may be a state proxy, which IndexedDB cannot store.
		const store = config && {
			room: config.room,
			secret: config.secret,
			name: config.name,
			signaling: config.signaling
		};
		await this.ledger.setMeta(STORE_KEY, store ?? undefined);
		this.store = store;
		await this.restart();
		return { ok: true };
	}

	private restart(): Promise<void> {
		return this.queue(async () => {
			await this.stopProvider();
			this.problem = null;
			if (this.store) {
				const store = this.store;
				try {
					this.provider = await this.connect(this.ledger, {
						room: store.room,
						secret: store.secret,
						signaling: store.signaling,
						iceServers: this.iceServers.length > 0 ? [{ urls: this.iceServers }] : [],
						deviceName: this.deviceName
					});
					this.unsubscribe = this.provider.subscribe((snapshot) => this.onSnapshot(snapshot));
				} catch (error) {
					this.problem = error instanceof Error ? error.message : String(error);
				}
			}
			this.emit();
		});
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

let opening: Promise<SyncService> | null = null;

/** This page's sync, opened once (after the runtime). */
export function syncService(): Promise<SyncService> {
	opening ??= runtime().then(async (rt) => {
		const service = new SyncService(rt.ledger);
		await service.open();
		return service;
	});
	return opening;
}
