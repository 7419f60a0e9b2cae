/**
 * What the screens see of sync, whatever carries it: the state, the devices
 * online, and how much of the store's history this device holds. The
 * planner (store-sync.ts) keeps this contract; SyncService starts and stops
 * it. Two devices with the same digest hold the same events, which is what
 * "in sync" means on screen.
 */
import type { Presence, TransportState } from './doc-transport';
import { isPeriodName } from './period';

export type { Presence, TransportState };

/** offline: no signaling and no peer; alone: online, nobody else there. */
export type SyncState = 'offline' | 'alone' | 'syncing' | 'synced';

export interface PeerDevice {
	device: string;
	name: string;
	/** Holds the same events as this device. */
	inSync: boolean;
	/** Events in its log. */
	events: number;
}

export interface HistoryProgress {
	/** Events of the store's history this device holds ... */
	have: number;
	/** ... of all those the devices say exist. */
	want: number;
}

/** A device online whose clock is far from this device's. */
export interface ClockSkew {
	device: string;
	name: string;
	/** Its clock minus this device's, in ms (positive: it is ahead). */
	offsetMs: number;
}

/** Clocks further apart than this are shown (a few minutes: NTP keeps devices within seconds). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface SyncSnapshot {
	state: SyncState;
	/** Connected to the signaling server. */
	signaling: boolean;
	/** Open peer connections (other devices this one talks to directly). */
	connections: number;
	/** Other devices of the store that are online, directly or through a peer. */
	devices: PeerDevice[];
	/** Signaling messages sealed with another secret, refused since sync started. */
	refused: number;
	history: HistoryProgress;
	/** Devices online whose clocks differ from this device's by more than CLOCK_SKEW_MS. */
	clocks: ClockSkew[];
}

export interface SyncProvider {
	readonly snapshot: SyncSnapshot;
	/** Called with every new snapshot; returns the unsubscribe. */
	subscribe(listener: (snapshot: SyncSnapshot) => void): () => void;
	setDeviceName(name: string): void;
	/** Leaves the room; resolves once a new provider for it may start. */
	stop(): Promise<void>;
}

export const OFFLINE: SyncSnapshot = {
	state: 'offline',
	signaling: false,
	connections: 0,
	devices: [],
	refused: 0,
	history: { have: 0, want: 0 },
	clocks: []
};

/**
 * A short digest of what a log holds: the state vector of every period doc
 * (per client, how many items), sorted so that two logs holding the same
 * updates give the same text whatever order they got them in. FNV-1a,
 * 2 x 32 bits: a mismatch by collision would only make the status say "in
 * sync" a moment early.
 */
export function logDigest(held: ReadonlyMap<string, ReadonlyMap<number, number>>): string {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	let entries = 0;
	const mix = (n: number) => {
		for (let i = 0; i < 4; i++) {
			const byte = (n / 256 ** i) & 0xff;
			h1 = Math.imul(h1 ^ byte, 0x01000193) >>> 0;
			h2 = Math.imul(h2 ^ byte ^ i, 0x01000193) >>> 0;
		}
	};
	for (const doc of [...held.keys()].filter(isPeriodName).sort()) {
		for (let i = 0; i < doc.length; i++) mix(doc.charCodeAt(i));
		const vector = [...held.get(doc)!.entries()].sort((a, b) => a[0] - b[0]);
		for (const [client, clock] of vector) {
			mix(client);
			mix(clock);
			entries++;
		}
	}
	return `${entries}.${h1.toString(36)}.${h2.toString(36)}`;
}

/** The snapshot from what the transport knows and what the devices announce. */
export function summarise(
	self: Presence,
	others: readonly Presence[],
	transport: TransportState,
	history: HistoryProgress = { have: 0, want: 0 },
	now = self.time
): SyncSnapshot {
	const { signaling, connections, refused } = transport;
	const byDevice = new Map<string, PeerDevice>();
	// Without a connection, announcements still held are from before: nobody is there.
	if (connections > 0) {
		for (const p of others) {
			if (p.device === self.device) continue;
			byDevice.set(p.device, {
				device: p.device,
				name: p.name.slice(0, 60),
				inSync: p.digest === self.digest,
				events: p.events
			});
		}
	}
	const devices = [...byDevice.values()].sort(
		(a, b) => a.name.localeCompare(b.name) || a.device.localeCompare(b.device)
	);
	let state: SyncState;
	if (!signaling && connections === 0) state = 'offline';
	else if (connections === 0) state = 'alone';
	// Connected, but what the others hold is not known yet, or differs.
	else if (devices.length === 0 || devices.some((d) => !d.inSync)) state = 'syncing';
	else state = 'synced';
	// A presence is said again at most every PRESENCE_REFRESH_MS, so its time
	// may be that much behind: far within CLOCK_SKEW_MS.
	const clocks =
		connections > 0
			? others
					.filter((p) => p.device !== self.device && Math.abs(p.time - now) > CLOCK_SKEW_MS)
					.map((p) => ({ device: p.device, name: p.name.slice(0, 60), offsetMs: p.time - now }))
			: [];
	return { state, signaling, connections, devices, refused, history, clocks };
}

export function sameSnapshot(a: SyncSnapshot, b: SyncSnapshot): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Peer connections whose handshake never finished. y-webrtc tries a peer
 * again only when a connection to it closes or it announces itself anew; when
 * two devices (re)start at nearly the same moment each can offer to the other
 * (offer glare), and the handshake can stop half way, or end with a
 * connection that carries nothing, without either side closing: both then
 * say "online, no other device" or "syncing" for good. A connection not
 * working `limit` ms after it was first seen is overdue; giving it up closes
 * it, which makes y-webrtc announce this device again, and the two start over.
 * Each connection gets its own limit (base plus a random part), so that two
 * devices stuck on each other do not give up, and collide, at the same moment.
 */
export class HandshakeWatch<C extends object> {
	private readonly deadlines = new WeakMap<C, number>();

	constructor(
		private readonly baseMs: number,
		private readonly spreadMs: number,
		private readonly random: () => number = Math.random
	) {}

	/**
	 * Notes which connections are up; returns those that have not been up for
	 * longer than their limit (each once: a connection returned is forgotten).
	 */
	overdue(conns: Iterable<{ conn: C; isUp: boolean }>, now: number): C[] {
		const late: C[] = [];
		for (const { conn, isUp } of conns) {
			if (isUp) {
				this.deadlines.delete(conn);
				continue;
			}
			const deadline = this.deadlines.get(conn);
			if (deadline === undefined) {
				this.deadlines.set(conn, now + this.baseMs + this.random() * this.spreadMs);
			} else if (now >= deadline) {
				this.deadlines.delete(conn);
				late.push(conn);
			}
		}
		return late;
	}
}
