/**
 * Sync in memory, for tests: the Yjs sync protocol that y-webrtc speaks
 * (step 1, step 2, updates), doc by doc, over links between devices that a
 * test takes up and down, with messages delivered in an order the test's
 * random source picks. A link going down loses what was in flight on it;
 * when a link comes up, or a device starts syncing a doc the other has too,
 * both ends start with step 1, as a new WebRTC connection does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { DocLink, DocTransport, HeadLink, Presence, TransportState } from './doc-transport';
import { HEAD } from './period';

interface Message {
	from: MemoryTransport;
	to: MemoryTransport;
	doc: string;
	bytes: Uint8Array;
}

export class MemoryNetwork {
	private readonly members: MemoryTransport[] = [];
	private readonly up = new Set<string>();
	private pending: Message[] = [];
	delivered = 0;

	constructor(private readonly random: () => number = Math.random) {}

	join(): MemoryTransport {
		const member = new MemoryTransport(this);
		this.members.push(member);
		return member;
	}

	isUp(a: MemoryTransport, b: MemoryTransport): boolean {
		return this.up.has(key(a, b));
	}

	setLink(a: MemoryTransport, b: MemoryTransport, up: boolean): void {
		if (a === b || this.isUp(a, b) === up) return;
		if (up) {
			this.up.add(key(a, b));
			for (const name of a.attachedNames()) if (b.has(name)) this.greet(a, b, name);
		} else {
			this.up.delete(key(a, b));
			this.pending = this.pending.filter((m) => !sameLink(m, a, b));
		}
		a.changed();
		b.changed();
	}

	/** Both ends of a link now sync `name`: each sends its step 1. */
	greet(a: MemoryTransport, b: MemoryTransport, name: string): void {
		this.send(a, b, name, a.step1(name));
		this.send(b, a, name, b.step1(name));
	}

	linksOf(member: MemoryTransport): MemoryTransport[] {
		return this.members.filter((m) => m !== member && this.isUp(m, member));
	}

	send(from: MemoryTransport, to: MemoryTransport, doc: string, bytes: Uint8Array | null): void {
		if (bytes && this.isUp(from, to)) this.pending.push({ from, to, doc, bytes });
	}

	get inFlight(): number {
		return this.pending.length;
	}

	/** Delivers one message in flight, picked at random; false when there is none. */
	deliverOne(): boolean {
		if (this.pending.length === 0) return false;
		const i = Math.floor(this.random() * this.pending.length);
		const [message] = this.pending.splice(i, 1);
		this.delivered++;
		message!.to.receive(message!.from, message!.doc, message!.bytes);
		return true;
	}
}

const key = (a: MemoryTransport, b: MemoryTransport) => [a.id, b.id].sort().join('|');
const sameLink = (m: Message, a: MemoryTransport, b: MemoryTransport) =>
	(m.from === a && m.to === b) || (m.from === b && m.to === a);

let counter = 0;

interface Attached {
	doc: Y.Doc;
	onUpdate: (update: Uint8Array, origin: unknown) => void;
}

export class MemoryTransport implements DocTransport {
	readonly id = `m${++counter}`;
	private readonly docs = new Map<string, Attached>();
	private readonly listeners = new Set<() => void>();
	presence: Presence | null = null;
	private stopped = false;

	constructor(private readonly network: MemoryNetwork) {}

	get state(): TransportState {
		return {
			signaling: !this.stopped,
			connections: this.stopped ? 0 : this.network.linksOf(this).length,
			refused: 0
		};
	}

	attachHead(doc: Y.Doc): HeadLink {
		const link = this.attach(HEAD, doc);
		return {
			get peers() {
				return link.peers;
			},
			destroy: () => link.destroy(),
			setPresence: (presence) => {
				this.presence = presence;
				for (const peer of this.network.linksOf(this)) peer.changed();
			},
			presences: () =>
				this.network
					.linksOf(this)
					.map((m) => m.presence)
					.filter((p): p is Presence => p !== null)
		};
	}

	attach(name: string, doc: Y.Doc): DocLink {
		this.detach(name);
		// Every update goes to every link that syncs the doc, a peer's too (so it
		// travels on along a chain of devices), as the old harness and y-webrtc do.
		const onUpdate = (update: Uint8Array) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeUpdate(encoder, update);
			const bytes = encoding.toUint8Array(encoder);
			for (const peer of this.network.linksOf(this))
				if (peer.has(name)) this.network.send(this, peer, name, bytes);
		};
		doc.on('update', onUpdate);
		const attached = { doc, onUpdate };
		this.docs.set(name, attached);
		for (const peer of this.network.linksOf(this))
			if (peer.has(name)) this.network.greet(this, peer, name);
		this.changed();
		const peers = () => this.network.linksOf(this).filter((p) => p.has(name)).length;
		return {
			get peers() {
				return peers();
			},
			destroy: () => {
				if (this.docs.get(name) === attached) this.detach(name);
			}
		};
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async stop(): Promise<void> {
		for (const name of [...this.docs.keys()]) this.detach(name);
		this.stopped = true;
		this.presence = null;
		for (const peer of this.network.linksOf(this)) this.network.setLink(this, peer, false);
	}

	has(name: string): boolean {
		return this.docs.has(name);
	}

	attachedNames(): string[] {
		return [...this.docs.keys()];
	}

	changed(): void {
		for (const listener of this.listeners) listener();
	}

	step1(name: string): Uint8Array | null {
		const attached = this.docs.get(name);
		if (!attached) return null;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, attached.doc);
		return encoding.toUint8Array(encoder);
	}

	receive(from: MemoryTransport, name: string, bytes: Uint8Array): void {
		const attached = this.docs.get(name);
		if (!attached) return;
		const decoder = decoding.createDecoder(bytes);
		const reply = encoding.createEncoder();
		decoding.readVarUint(decoder);
		encoding.writeVarUint(reply, 0);
		syncProtocol.readSyncMessage(decoder, reply, attached.doc, this);
		if (encoding.length(reply) > 1)
			this.network.send(this, from, name, encoding.toUint8Array(reply));
	}

	private detach(name: string): void {
		const attached = this.docs.get(name);
		if (!attached) return;
		attached.doc.off('update', attached.onUpdate);
		this.docs.delete(name);
		this.changed();
	}
}
