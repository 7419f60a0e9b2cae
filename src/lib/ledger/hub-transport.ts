/**
 * Sync through a hub (server/hub, docs/hub.md): each doc of the store is a
 * Hocuspocus document `<store>/<doc>` (`Ab3…/head`, `Ab3…/p/2026-12`), all
 * over one WebSocket (HocuspocusProviderWebsocket), each provider with the
 * device's token. The head's provider carries the presences (its own
 * Awareness, apart from y-webrtc's on the same doc); the periods' carry none.
 * The provider reconnects by itself with a growing delay; a token the hub
 * refuses (for the store's head) stops the transport (it would be refused
 * again) until the token changes. The checkpoint doc goes through the hub
 * too: it passes it between the devices online and keeps none.
 *
 * Updates from the hub are applied to the docs by the providers and take the
 * ledger's one path from there: written, then projected after validation.
 * The hub keeps every doc, so the planner pushes to it the periods it lacks
 * (`archive`: the hub's entries in the head, server/hub/hub-held.js).
 */
import {
	HocuspocusProvider,
	HocuspocusProviderWebsocket,
	WebSocketStatus
} from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
	isPresence,
	type DocLink,
	type DocTransport,
	type HeadLink,
	type HubState,
	type Presence,
	type TransportState
} from './doc-transport';
import { HEAD } from './period';

export interface HubOptions {
	/** ws:// or wss:// address of the hub's WebSocket (`…/hub`). */
	url: string;
	token: string;
	/** The store's id: the first part of every doc's name on the hub. */
	store: string;
	/** For tests in Node: the WebSocket class to use. */
	WebSocketPolyfill?: unknown;
}

/** The name under which the hub publishes what it holds (server/hub/hub-held.js). */
export const HUB_DEVICE = 'hub';

export class HubTransport implements DocTransport {
	readonly archive = HUB_DEVICE;
	private readonly socket: HocuspocusProviderWebsocket;
	private readonly providers = new Set<HocuspocusProvider>();
	private head: { provider: HocuspocusProvider; awareness: Awareness } | null = null;
	private readonly listeners = new Set<() => void>();
	private refusedBy = false;

	constructor(private readonly options: HubOptions) {
		this.socket = new HocuspocusProviderWebsocket({
			url: options.url,
			...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
			onStatus: () => this.changed()
		});
	}

	get state(): TransportState {
		const online = this.socket.status === WebSocketStatus.Connected && !this.refusedBy;
		const hub: HubState = {
			status: this.refusedBy ? 'refused' : online ? 'online' : 'connecting',
			unsent: [...this.providers].reduce((n, p) => n + p.unsyncedChanges, 0)
		};
		return { signaling: online, connections: online ? this.others().length : 0, refused: 0, hub };
	}

	attachHead(doc: Y.Doc): HeadLink {
		const awareness = new Awareness(doc);
		const provider = this.open(HEAD, doc, awareness);
		this.head = { provider, awareness };
		awareness.on('change', this.changed);
		return {
			get peers() {
				return provider.isSynced ? 1 : 0;
			},
			destroy: () => {
				awareness.off('change', this.changed);
				if (this.head?.provider === provider) this.head = null;
				this.close(provider);
			},
			setPresence: (presence: Presence) => {
				const held = awareness.getLocalState();
				if (JSON.stringify(held) !== JSON.stringify(presence)) awareness.setLocalState(presence);
			},
			presences: () => this.others()
		};
	}

	attach(name: string, doc: Y.Doc): DocLink {
		const provider = this.open(name, doc, null);
		return {
			get peers() {
				return provider.isSynced ? 1 : 0;
			},
			destroy: () => this.close(provider)
		};
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async stop(): Promise<void> {
		for (const provider of [...this.providers]) this.close(provider);
		this.socket.destroy();
		this.listeners.clear();
	}

	private others(): Presence[] {
		const head = this.head;
		if (!head) return [];
		const out: Presence[] = [];
		for (const [client, state] of head.awareness.getStates())
			if (client !== head.awareness.clientID && isPresence(state)) out.push(state);
		return out;
	}

	private open(name: string, doc: Y.Doc, awareness: Awareness | null): HocuspocusProvider {
		const isHead = name === HEAD;
		const provider = new HocuspocusProvider({
			websocketProvider: this.socket,
			name: `${this.options.store}/${name}`,
			document: doc,
			awareness,
			token: this.options.token,
			onSynced: this.changed,
			onUnsyncedChanges: this.changed,
			onAuthenticationFailed: () => {
				// The head refused: the token is. Asking again gets the same answer.
				// (Another doc refused is one the hub does not serve: it stays unsynced.)
				if (!isHead) return;
				this.refusedBy = true;
				this.socket.disconnect();
				this.changed();
			}
		});
		this.providers.add(provider);
		provider.attach();
		return provider;
	}

	private close(provider: HocuspocusProvider): void {
		if (!this.providers.delete(provider)) return;
		// destroy() also destroys the awareness it was given (the head's).
		provider.destroy();
		this.changed();
	}

	private readonly changed = () => {
		for (const listener of this.listeners) listener();
	};
}
