/**
 * Peer sync over WebRTC with y-webrtc: one room per store, the store's secret
 * as y-webrtc's password (every signaling message is encrypted with a key
 * derived from it, so the signaling server sees only the room id and
 * ciphertext, and a device with another secret can neither read offers nor
 * connect). Data channels carry messages of any size (framed-channel.ts).
 *
 * Updates from peers are applied to the ledger's doc by y-webrtc and take the
 * ledger's one path from there: persisted, then projected after validation.
 */
import { WebrtcProvider } from 'y-webrtc';
import { framedWrtc } from './framed-channel';
import type { Ledger } from './ledger';
import {
	HandshakeWatch,
	isPresence,
	OFFLINE,
	sameSnapshot,
	stateDigest,
	summarise,
	type Presence,
	type SyncProvider,
	type SyncSnapshot
} from './sync';

export interface WebrtcSyncOptions {
	room: string;
	secret: string;
	signaling: string;
	/** STUN/TURN servers; empty for a LAN without internet. */
	iceServers: RTCIceServer[];
	deviceName: string;
}

/** How often the status is read again, to notice connections that went quiet. */
const POLL_MS = 1000;
/** Presence is announced at most this often while updates stream in. */
const PRESENCE_MS = 150;
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

export class WebrtcSync implements SyncProvider {
	snapshot: SyncSnapshot = OFFLINE;
	private readonly provider: WebrtcProvider;
	private readonly listeners = new Set<(s: SyncSnapshot) => void>();
	private readonly timer: ReturnType<typeof setInterval>;
	private presenceTimer: ReturnType<typeof setTimeout> | null = null;
	private name: string;
	private refused = 0;
	private readonly handshakes = new HandshakeWatch<ConnLike>(HANDSHAKE_MS, HANDSHAKE_SPREAD_MS);

	constructor(
		private readonly ledger: Ledger,
		options: WebrtcSyncOptions
	) {
		this.name = options.deviceName;
		this.provider = new WebrtcProvider(options.room, ledger.doc, {
			signaling: [options.signaling],
			password: options.secret,
			peerOpts: { config: { iceServers: options.iceServers }, wrtc: framedWrtc() }
		});
		this.provider.awareness.setLocalState(this.presence());
		ledger.doc.on('update', this.schedulePresence);
		this.provider.awareness.on('change', this.refresh);
		this.provider.on('peers', this.refresh);
		for (const conn of this.provider.signalingConns as { on(e: string, f: () => void): void }[]) {
			conn.on('connect', this.refresh);
			conn.on('disconnect', this.refresh);
		}
		window.addEventListener('unhandledrejection', this.onRejection);
		this.timer = setInterval(this.poll, POLL_MS);
	}

	subscribe(listener: (s: SyncSnapshot) => void): () => void {
		this.listeners.add(listener);
		listener(this.snapshot);
		return () => this.listeners.delete(listener);
	}

	setDeviceName(name: string): void {
		this.name = name;
		this.provider.awareness.setLocalState(this.presence());
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		window.removeEventListener('unhandledrejection', this.onRejection);
		this.ledger.doc.off('update', this.schedulePresence);
		this.provider.awareness.off('change', this.refresh);
		this.provider.off('peers', this.refresh);
		this.provider.destroy();
		this.provider.awareness.destroy();
		// y-webrtc lets go of the room once its key is derived: wait for that, so
		// that a new provider for the same room can start straight after.
		await this.provider.key;
		await new Promise((resolve) => setTimeout(resolve, 0));
		this.snapshot = OFFLINE;
		this.emit();
	}

	private presence(): Presence {
		return {
			device: this.ledger.device,
			name: this.name,
			digest: stateDigest(this.ledger.doc),
			events: this.ledger.size
		};
	}

	private readonly schedulePresence = () => {
		this.presenceTimer ??= setTimeout(() => {
			this.presenceTimer = null;
			this.provider.awareness.setLocalState(this.presence());
			this.refresh();
		}, PRESENCE_MS);
	};

	private readonly poll = () => {
		this.retryStuckHandshakes();
		this.refresh();
	};

	/**
	 * Closes connections whose handshake stalled, or that came up but carry
	 * nothing; y-webrtc then announces this device again and the peers
	 * connect afresh.
	 */
	private retryStuckHandshakes(): void {
		const conns = [...(this.provider.room?.webrtcConns.values() ?? [])] as unknown as ConnLike[];
		const states = conns
			.filter((conn) => !conn.closed && !conn.peer?.destroyed)
			.map((conn) => ({ conn, isUp: isWorking(conn) }));
		for (const conn of this.handshakes.overdue(states, Date.now())) conn.peer?.destroy();
	}

	private readonly refresh = () => {
		const awareness = this.provider.awareness;
		const self = awareness.getLocalState();
		if (!isPresence(self)) return;
		const others: Presence[] = [];
		for (const [client, state] of awareness.getStates()) {
			if (client !== awareness.clientID && isPresence(state)) others.push(state);
		}
		const conns = [...(this.provider.room?.webrtcConns.values() ?? [])] as unknown as ConnLike[];
		const next = summarise(self, others, {
			signaling: (this.provider.signalingConns as { connected: boolean }[]).some(
				(c) => c.connected
			),
			connections: conns.filter(isUp).length,
			refused: this.refused
		});
		if (!sameSnapshot(next, this.snapshot)) {
			this.snapshot = next;
			this.emit();
		}
	};

	private emit(): void {
		for (const listener of this.listeners) listener(this.snapshot);
	}

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
