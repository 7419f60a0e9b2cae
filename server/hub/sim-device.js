// A simulated device for the hub's tests and benchmarks (Node): the docs of
// one store synced with a hub through @hocuspocus/provider, one WebSocket for
// all of them, as the app's hub transport does (src/lib/ledger/hub-transport.ts).
// It appends events to a period's `events` array and tells which of them the
// hub has acknowledged. The provider counts the updates it sent that the hub
// has not acknowledged (`unsyncedChanges`, one SyncStatus message from the
// hub each): once that count has come back to zero after the first sync,
// each time it goes down by one, the hub has acknowledged the next update
// this device sent (the hub writes updates in the order they come and
// acknowledges each after its write; server/hub/persistence.js), and with
// it every event appended up to it. Whenever the count is zero, everything
// appended so far is acknowledged. Should the hub acknowledge out of order,
// this would count too much as acknowledged, and a durability check over it
// would fail, never pass wrongly. After a disconnection only zero counts.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * Node's `ws` emits an error when a socket still connecting is closed (the
 * provider does so when it is destroyed mid-reconnect), where a browser's
 * WebSocket does not: one listener keeps it from being thrown.
 */
export class QuietWebSocket extends WebSocket {
	/** @param {string} url @param {string | string[]} [protocols] */
	constructor(url, protocols) {
		super(url, protocols);
		this.on('error', () => {});
	}
}

export class SimDevice {
	/**
	 * @param {{ url: string, store: string, token: string, name?: string }} options
	 */
	constructor({ url, store, token, name = 'device' }) {
		this.store = store;
		this.token = token;
		this.name = name;
		this.socket = new HocuspocusProviderWebsocket({
			url,
			WebSocketPolyfill: QuietWebSocket,
			// Reconnect quickly: the tests restart the hub under the devices.
			delay: 100,
			minDelay: 100,
			maxDelay: 1000
		});
		/** @type {Map<string, { doc: Y.Doc, provider: HocuspocusProvider, appended: string[], acked: number }>} */
		this.docs = new Map();
		/** @type {string | null} */
		this.refused = null;
	}

	/** Syncs a doc of the store (`head`, `p/2026-12`); resolves once the first sync is done. */
	open(name, doc = new Y.Doc({ gc: name === 'head' })) {
		const entry = {
			doc,
			provider: /** @type {HocuspocusProvider} */ (/** @type {unknown} */ (null)),
			appended: /** @type {string[]} */ ([]),
			acked: 0
		};
		const provider = new HocuspocusProvider({
			websocketProvider: this.socket,
			name: `${this.store}/${name}`,
			document: doc,
			token: this.token,
			onAuthenticationFailed: ({ reason }) => (this.refused = reason)
		});
		entry.provider = provider;
		let sent = 0;
		/** Per update sent since counting began and not yet acknowledged: events appended by then. */
		const marks = /** @type {number[]} */ ([]);
		let counting = false;
		let last = provider.unsyncedChanges;
		doc.on('update', (_u, origin) => {
			if (origin === provider) return;
			sent = entry.appended.length;
			if (counting) marks.push(sent);
		});
		provider.on('unsyncedChanges', ({ number }) => {
			if (counting && number < last) {
				const upTo = marks.shift();
				if (upTo !== undefined) entry.acked = Math.max(entry.acked, upTo);
			}
			if (number === 0) {
				entry.acked = Math.max(entry.acked, sent);
				marks.length = 0;
				counting = true;
			}
			last = number;
		});
		provider.on('disconnect', () => {
			counting = false;
			marks.length = 0;
		});
		provider.attach();
		this.docs.set(name, entry);
		return new Promise((resolve, reject) => {
			if (provider.isSynced) return resolve(doc);
			provider.on('synced', () => resolve(doc));
			provider.on('authenticationFailed', ({ reason }) => reject(new Error(reason)));
		});
	}

	/** Appends one event to a doc's `events` (a sale: its id and the time it was made). */
	append(name, event) {
		const entry = this.docs.get(name);
		if (!entry) throw new Error(`${name} is not open`);
		entry.appended.push(event.id);
		entry.doc.getArray('events').push([event]);
	}

	/** Ids of the events appended to a doc that the hub has acknowledged. */
	acknowledged(name) {
		const entry = this.docs.get(name);
		return entry ? entry.appended.slice(0, entry.acked) : [];
	}

	/** @param {string} name */
	events(name) {
		return /** @type {{ id: string }[]} */ (
			this.docs.get(name)?.doc.getArray('events').toArray() ?? []
		);
	}

	/** @param {string} name */
	isSettled(name) {
		const p = this.docs.get(name)?.provider;
		return Boolean(p && p.isSynced && p.unsyncedChanges === 0);
	}

	destroy() {
		for (const { provider } of this.docs.values()) provider.destroy();
		this.socket.destroy();
	}
}
