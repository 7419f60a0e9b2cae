/**
 * Peer sync over WebRTC with y-webrtc: each doc of a store (its head, each
 * period being synced) is a y-webrtc room of its own, `<room>/<doc>`, all with
 * the store's secret as y-webrtc's password (every signaling message is
 * encrypted with a key derived from it, so the signaling server sees only
 * room ids and ciphertext, and a device with another secret can neither
 * read offers nor connect). The rooms share one signaling connection. Data
 * channels carry messages of any size (framed-channel.ts): y-webrtc would
 * drop one over 256 KiB without a word.
 *
 * Updates from peers are applied to the docs by y-webrtc and take the
 * ledger's one path from there: written, then projected after validation.
 */
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import {
	isPresence,
	type DocLink,
	type DocTransport,
	type HeadLink,
	type Presence,
	type TransportState
} from './doc-transport';
import { framedWrtc } from './framed-channel';
import { HEAD } from './period';
import { HandshakeWatch } from './sync';

export interface WebrtcOptions {
	room: string;
	secret: string;
	signaling: string;
	/** STUN/TURN servers; empty for a LAN without internet. */
	iceServers: RTCIceServer[];
}

/** How often connections are looked at again, to notice ones that went quiet. */
const POLL_MS = 1000;
/**
 * A peer connection not up after 10–15 s is given up and tried again (see
 * HandshakeWatch). On a shop's LAN one comes up in well under 2 s, also on a
 * busy machine; a slow one given up too early costs only a new handshake.
 */
const HANDSHAKE_MS = 10_000;
const HANDSHAKE_SPREAD_MS = 5_000;

interface ConnLike {
	connected: boolean;
	closed: boolean;
	peer: {
		_pc?: RTCPeerConnection | null;
		/** The channel it sends on (a FramedChannel, see framedWrtc). */
		_channel?: { framesReceived?: number } | null;
		destroyed?: boolean;
		destroy(): void;
	} | null;
}

/** Up: the data channel opened and ICE has not lost the other side. */
function isUp(conn: ConnLike): boolean {
	if (!conn.connected || conn.closed) return false;
	const state = conn.peer?._pc?.iceConnectionState;
	return state === undefined || state === 'connected' || state === 'completed';
}

/**
 * Up and heard from. Both ends send as soon as a connection is up, so one
 * that stays silent is broken: after offer glare both ends can end up as
 * simple-peer initiators, each sending on the channel it made and neither
 * listening on the other's (simple-peer 9 handles incoming channels only
 * when it did not start the connection).
 */
function isWorking(conn: ConnLike): boolean {
	return isUp(conn) && (conn.peer?._channel?.framesReceived ?? 1) > 0;
}

function connsOf(provider: WebrtcProvider): ConnLike[] {
	const conns: Iterable<unknown> = provider.room?.webrtcConns.values() ?? [];
	return [...conns] as ConnLike[];
}

/** One doc's room; opened once y-webrtc has let go of the same room's previous provider. */
class Room {
	provider: WebrtcProvider | null = null;
	closed = false;
	constructor(readonly name: string) {}
}

export class WebrtcTransport implements DocTransport {
	private readonly rooms = new Set<Room>();
	/** y-webrtc frees a room name only once the closed provider's key is derived. */
	private readonly closing = new Map<string, Promise<void>>();
	private headRoom: Room | null = null;
	private readonly listeners = new Set<() => void>();
	private readonly handshakes = new HandshakeWatch<ConnLike>(HANDSHAKE_MS, HANDSHAKE_SPREAD_MS);
	private readonly timer: ReturnType<typeof setInterval>;
	private refused = 0;

	constructor(private readonly options: WebrtcOptions) {
		window.addEventListener('unhandledrejection', this.onRejection);
		this.timer = setInterval(this.poll, POLL_MS);
	}

	get state(): TransportState {
		const providers = this.providers();
		const signaling = providers.some((p) =>
			(p.signalingConns as { connected: boolean }[]).some((c) => c.connected)
		);
		const head = this.headRoom?.provider;
		return {
			signaling,
			connections: head ? connsOf(head).filter(isUp).length : 0,
			refused: this.refused
		};
	}

	attachHead(doc: Y.Doc): HeadLink {
		const awareness = new Awareness(doc);
		const room = this.open(HEAD, doc, awareness);
		this.headRoom = room;
		awareness.on('change', this.changed);
		return {
			get peers() {
				return room.provider ? connsOf(room.provider).filter(isUp).length : 0;
			},
			destroy: () => {
				awareness.off('change', this.changed);
				if (this.headRoom === room) this.headRoom = null;
				this.close(room);
				awareness.destroy();
			},
			setPresence: (presence: Presence) => {
				const held = awareness.getLocalState();
				if (JSON.stringify(held) !== JSON.stringify(presence)) awareness.setLocalState(presence);
			},
			presences: () => {
				const out: Presence[] = [];
				for (const [client, state] of awareness.getStates())
					if (client !== awareness.clientID && isPresence(state)) out.push(state);
				return out;
			}
		};
	}

	attach(name: string, doc: Y.Doc): DocLink {
		const room = this.open(name, doc);
		return {
			get peers() {
				return room.provider ? connsOf(room.provider).filter(isUp).length : 0;
			},
			destroy: () => this.close(room)
		};
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		window.removeEventListener('unhandledrejection', this.onRejection);
		for (const room of [...this.rooms]) this.close(room);
		// y-webrtc lets go of a room once its key is derived: wait for that, so
		// that a new transport for the same rooms can start straight after.
		await Promise.all(this.closing.values());
	}

	private providers(): WebrtcProvider[] {
		return [...this.rooms].flatMap((r) => (r.provider ? [r.provider] : []));
	}

	private open(name: string, doc: Y.Doc, awareness?: Awareness): Room {
		const room = new Room(name);
		this.rooms.add(room);
		const start = () => {
			if (room.closed) return;
			const provider = new WebrtcProvider(`${this.options.room}/${name}`, doc, {
				signaling: [this.options.signaling],
				password: this.options.secret,
				peerOpts: { config: { iceServers: this.options.iceServers }, wrtc: framedWrtc() },
				...(awareness ? { awareness } : {})
			});
			provider.on('peers', this.changed);
			for (const conn of provider.signalingConns as { on(e: string, f: () => void): void }[]) {
				conn.on('connect', this.changed);
				conn.on('disconnect', this.changed);
			}
			room.provider = provider;
			this.changed();
		};
		const closing = this.closing.get(name);
		if (closing) void closing.then(start);
		else start();
		return room;
	}

	private close(room: Room): void {
		const { name } = room;
		if (room.closed) return;
		room.closed = true;
		this.rooms.delete(room);
		const provider = room.provider;
		room.provider = null;
		if (provider) {
			provider.off('peers', this.changed);
			provider.destroy();
			const done = Promise.resolve(provider.key)
				.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
				.finally(() => {
					if (this.closing.get(name) === done) this.closing.delete(name);
				});
			this.closing.set(name, done);
		}
		this.changed();
	}

	private readonly changed = () => {
		for (const listener of this.listeners) listener();
	};

	/**
	 * Closes connections whose handshake stalled, or that came up but carry
	 * nothing; y-webrtc then announces this device again and the peers
	 * connect afresh.
	 */
	private readonly poll = () => {
		const states = this.providers()
			.flatMap(connsOf)
			.filter((conn) => !conn.closed && !conn.peer?.destroyed)
			.map((conn) => ({ conn, isUp: isWorking(conn) }));
		for (const conn of this.handshakes.overdue(states, Date.now())) conn.peer?.destroy();
		this.changed();
	};
	/**
	 * y-webrtc handles each signaling message in a promise it leaves
	 * unhandled, so two harmless events surface as unhandled rejections:
	 * - a message sealed with another secret (a device with a wrong or old
	 *   pairing code in the same room) fails AES-GCM with an OperationError:
	 *   the secret doing its job. Counted, and shown in Settings.
	 * - an answer arriving for a connection that closed meanwhile (ICE failed
	 *   between two devices that cannot reach each other) throws a TypeError
	 *   on its `glareToken` (y-webrtc 10.3 src/y-webrtc.js, 'answer' case).
	 */
	private readonly onRejection = (event: PromiseRejectionEvent) => {
		const reason: unknown = event.reason;
		if (reason instanceof DOMException && reason.name === 'OperationError') {
			this.refused++;
			event.preventDefault();
		} else if (reason instanceof TypeError && reason.message.includes("'glareToken'")) {
			event.preventDefault();
		}
	};
}
