/**
 * The contract between the sync planner (store-sync.ts) and a way of moving
 * Yjs updates: peer to peer (webrtc-transport.ts, y-webrtc) or in memory for
 * tests (memory-transport.ts). A transport syncs each doc it is given,
 * under its name, with whoever else has the same doc of the same store; the
 * head doc also carries each device's presence (who is there and what they
 * hold and want).
 */
import type * as Y from 'yjs';

export interface Presence {
	device: string;
	name: string;
	/** A digest of everything the device holds: equal digests, equal logs. */
	digest: string;
	/** Events it holds. */
	events: number;
	/** Docs it is fetching (it lacks some of their events): peers open them too. */
	wants: string[];
	/** Its wall clock when it said this (ms since the epoch): how far its clock is from ours. */
	time: number;
}

export interface TransportState {
	signaling: boolean;
	/** Peer connections up (on the head doc: one per other device). */
	connections: number;
	/** Signaling messages sealed with another secret, refused since sync started. */
	refused: number;
}

export interface DocLink {
	/** Other devices this doc is being synced with now. */
	readonly peers: number;
	destroy(): void;
}

export interface HeadLink extends DocLink {
	setPresence(presence: Presence): void;
	/** The presences of the other devices online. */
	presences(): Presence[];
}

export interface DocTransport {
	attachHead(doc: Y.Doc): HeadLink;
	attach(name: string, doc: Y.Doc): DocLink;
	readonly state: TransportState;
	/** Called whenever the state, a link's peers or a presence changes. */
	onChange(listener: () => void): () => void;
	stop(): Promise<void>;
}

export function isPresence(value: unknown): value is Presence {
	const v = value as Partial<Presence> | null;
	return (
		typeof v === 'object' &&
		v !== null &&
		typeof v.device === 'string' &&
		v.device.length <= 64 &&
		typeof v.name === 'string' &&
		typeof v.digest === 'string' &&
		typeof v.events === 'number' &&
		typeof v.time === 'number' &&
		Number.isFinite(v.time) &&
		Array.isArray(v.wants) &&
		v.wants.length <= 64 &&
		v.wants.every((w) => typeof w === 'string' && w.length <= 32)
	);
}
