// The hub for chains of stores (docs/hub.md): a Hocuspocus server on the
// app's own HTTP(S) server, its WebSocket at /hub, its API under /hub/api/.
// Devices sync each doc of their store with it (`<storeId>/head`,
// `<storeId>/p/YYYY-MM`) through @hocuspocus/provider, beside or instead of
// peer sync. It keeps every doc in its database (persistence.js), lets in
// only devices with a token for the store (access.js), and with Redis shares
// its docs live with other hub processes on the same database.
import { Hocuspocus } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import IORedis from 'ioredis';
import { WebSocketServer } from 'ws';
import { access } from './access.js';
import { API_PREFIX, createApi } from './api.js';
import { hubHeld } from './hub-held.js';
import { persistence } from './persistence.js';
import { Tokens } from './tokens.js';

export const HUB_PATH = '/hub';
/** A month of a big store's events fits; more is refused before it is read. */
const MAX_MESSAGE = 64 * 1024 * 1024;
const REVOKED_CHANNEL = 'unitrack-hub:revoked';
/**
 * Hocuspocus queues what a socket sends for a doc until the doc's
 * authentication is done; a socket not let in for any doc may not queue more.
 */
const MAX_BEFORE_ADMITTED = 1024 * 1024;

/**
 * @typedef {{
 *   storage: import('./storage/schema.js').HubStorage,
 *   redis?: string,
 *   adminToken?: string,
 *   compactRows?: number,
 *   now?: () => number
 * }} HubOptions
 */

/** @param {HubOptions} options */
export async function createHub({ storage, redis, adminToken, compactRows, now = Date.now }) {
	const tokens = new Tokens(storage, now);
	const newAdminToken = await tokens.initAdmin(adminToken);
	/** @type {Hocuspocus} */
	let hocuspocus;
	const held = hubHeld({ hocuspocus: () => hocuspocus, now });
	const guard = access({ tokens, now });
	/** @type {import('@hocuspocus/server').Extension[]} */
	const extensions = [
		guard.extension,
		persistence({ storage, compactRows, onStored: (name) => held.changed(name) }),
		held.extension
	];

	// Other processes' revocations close their devices' sockets here too.
	/** @type {IORedis | null} */
	let pub = null;
	/** @type {IORedis | null} */
	let sub = null;
	if (redis) {
		extensions.unshift(new RedisExtension({ createClient: () => new IORedis(redis) }));
		pub = new IORedis(redis);
		sub = new IORedis(redis);
		await sub.subscribe(REVOKED_CHANNEL);
		sub.on('message', (_channel, id) => guard.disconnect(id));
	}

	hocuspocus = new Hocuspocus({ name: 'unitrack-hub', quiet: true, extensions });
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: MAX_MESSAGE,
		perMessageDeflate: false
	});
	/** @type {Set<import('ws').WebSocket>} */
	const sockets = new Set();

	const api = createApi({
		tokens,
		now,
		isOnline: (id) => guard.isOnline(id),
		async revoke(id) {
			guard.disconnect(id);
			await pub?.publish(REVOKED_CHANNEL, id);
		}
	});

	return {
		path: HUB_PATH,
		hocuspocus,
		tokens,
		/** The admin token made at this first start (to print once), or null. */
		newAdminToken,
		/** @param {import('node:http').IncomingMessage} req @param {import('node:stream').Duplex} socket @param {Buffer} head */
		handleUpgrade(req, socket, head) {
			wss.handleUpgrade(req, socket, head, (ws) => {
				sockets.add(ws);
				ws.once('close', () => sockets.delete(ws));
				let before = 0;
				ws.on('message', (/** @type {Buffer} */ data) => {
					if (guard.isAdmitted(ws)) return;
					before += data.length;
					if (before > MAX_BEFORE_ADMITTED) ws.terminate();
				});
				hocuspocus.handleConnection(ws, req, { socket: ws });
			});
		},
		/** @param {import('node:http').IncomingMessage} req */
		isApiRequest(req) {
			return new URL(req.url ?? '/', 'http://x').pathname.startsWith(API_PREFIX);
		},
		handleRequest: api,
		async close() {
			held.stop();
			guard.stop();
			for (const ws of sockets) ws.terminate();
			wss.close();
			hocuspocus.closeConnections();
			await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
			pub?.disconnect();
			sub?.disconnect();
			await storage.close();
		}
	};
}
