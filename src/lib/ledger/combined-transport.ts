/**
 * Peers and a hub at once: every doc is attached to both transports, on the
 * same Y.Doc, each with its own way of carrying presences. An update from
 * either reaches the doc once (Yjs applies it once) and goes on to the
 * other, so a device that hears a peer passes it on to the hub and back.
 */
import type * as Y from 'yjs';
import type { DocLink, DocTransport, HeadLink, Presence, TransportState } from './doc-transport';

export class CombinedTransport implements DocTransport {
	readonly archive: string | undefined;

	constructor(private readonly parts: readonly DocTransport[]) {
		this.archive = parts.find((p) => p.archive)?.archive;
	}

	get state(): TransportState {
		const states = this.parts.map((p) => p.state);
		const hub = states.find((s) => s.hub)?.hub;
		return {
			signaling: states.some((s) => s.signaling),
			connections: states.reduce((n, s) => n + s.connections, 0),
			refused: states.reduce((n, s) => n + s.refused, 0),
			...(hub ? { hub } : {})
		};
	}

	attachHead(doc: Y.Doc): HeadLink {
		const links = this.parts.map((p) => p.attachHead(doc));
		return {
			get peers() {
				return links.reduce((n, l) => n + l.peers, 0);
			},
			destroy: () => links.forEach((l) => l.destroy()),
			setPresence: (presence) => links.forEach((l) => l.setPresence(presence)),
			presences: () => {
				// A device seen both ways counts once.
				const byDevice = new Map<string, Presence>();
				for (const l of links) for (const p of l.presences()) byDevice.set(p.device, p);
				return [...byDevice.values()];
			}
		};
	}

	attach(name: string, doc: Y.Doc): DocLink {
		const links = this.parts.map((p) => p.attach(name, doc));
		return {
			get peers() {
				return links.reduce((n, l) => n + l.peers, 0);
			},
			destroy: () => links.forEach((l) => l.destroy())
		};
	}

	onChange(listener: () => void): () => void {
		const offs = this.parts.map((p) => p.onChange(listener));
		return () => offs.forEach((off) => off());
	}

	async stop(): Promise<void> {
		await Promise.all(this.parts.map((p) => p.stop()));
	}
}
