/**
 * Peer sync in memory, for tests: the same Yjs sync protocol y-webrtc speaks
 * (step 1, step 2, updates; every update relayed to every link, as y-webrtc
 * does), over links that a test takes up and down, with messages delivered
 * in an order the test's random source picks. A link going down loses what
 * was in flight on it; coming up, both ends start with step 1, as a new
 * WebRTC connection does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Ledger } from './ledger';
import {
	stateDigest,
	summarise,
	type Presence,
	type SyncProvider,
	type SyncSnapshot
} from './sync';

interface Message {
	from: MemorySync;
	to: MemorySync;
	bytes: Uint8Array;
}

export class MemorySyncHub {
	private readonly members: MemorySync[] = [];
	private readonly up = new Set<string>();
	private pending: Message[] = [];
	delivered = 0;

	constructor(private readonly random: () => number = Math.random) {}

	join(ledger: Ledger, name: string): MemorySync {
		const member = new MemorySync(this, ledger, name);
		this.members.push(member);
		return member;
	}

	isUp(a: MemorySync, b: MemorySync): boolean {
		return this.up.has(key(a, b));
	}

	setLink(a: MemorySync, b: MemorySync, up: boolean): void {
		if (a === b || this.isUp(a, b) === up) return;
		if (up) {
			this.up.add(key(a, b));
			this.send(a, b, a.step1());
			this.send(b, a, b.step1());
		} else {
			this.up.delete(key(a, b));
			this.pending = this.pending.filter((m) => !sameLink(m, a, b));
		}
	}

	linksOf(member: MemorySync): MemorySync[] {
		return this.members.filter((m) => m !== member && this.isUp(m, member));
	}

	send(from: MemorySync, to: MemorySync, bytes: Uint8Array): void {
		if (this.isUp(from, to)) this.pending.push({ from, to, bytes });
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
		message!.to.receive(message!.from, message!.bytes);
		return true;
	}
}

const key = (a: MemorySync, b: MemorySync) => [a.id, b.id].sort().join('|');
const sameLink = (m: Message, a: MemorySync, b: MemorySync) =>
	(m.from === a && m.to === b) || (m.from === b && m.to === a);

let counter = 0;

export class MemorySync implements SyncProvider {
	readonly id = `m${++counter}`;
	private readonly listeners = new Set<(s: SyncSnapshot) => void>();
	private readonly onUpdate = (update: Uint8Array) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeUpdate(encoder, update);
		const bytes = encoding.toUint8Array(encoder);
		for (const peer of this.hub.linksOf(this)) this.hub.send(this, peer, bytes);
	};

	constructor(
		private readonly hub: MemorySyncHub,
		private readonly ledger: Ledger,
		private name: string
	) {
		ledger.doc.on('update', this.onUpdate);
	}

	get presence(): Presence {
		return {
			device: this.ledger.device,
			name: this.name,
			digest: stateDigest(this.ledger.doc),
			events: this.ledger.size
		};
	}

	get snapshot(): SyncSnapshot {
		const links = this.hub.linksOf(this);
		return summarise(
			this.presence,
			links.map((l) => l.presence),
			{ signaling: true, connections: links.length, refused: 0 }
		);
	}

	subscribe(listener: (s: SyncSnapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	setDeviceName(name: string): void {
		this.name = name;
	}

	async stop(): Promise<void> {
		this.ledger.doc.off('update', this.onUpdate);
		for (const peer of this.hub.linksOf(this)) this.hub.setLink(this, peer, false);
	}

	step1(): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, this.ledger.doc);
		return encoding.toUint8Array(encoder);
	}

	receive(from: MemorySync, bytes: Uint8Array): void {
		const decoder = decoding.createDecoder(bytes);
		const reply = encoding.createEncoder();
		decoding.readVarUint(decoder);
		encoding.writeVarUint(reply, 0);
		syncProtocol.readSyncMessage(decoder, reply, this.ledger.doc, this);
		if (encoding.length(reply) > 1) this.hub.send(this, from, encoding.toUint8Array(reply));
	}
}
