// The signaling endpoint for peer sync: y-webrtc's protocol (as its own
// bin/server.js speaks it) on a WebSocket at one path of the app's server.
//
//   client -> server  { type: 'subscribe', topics: [room, ...] }
//                     { type: 'unsubscribe', topics: [room, ...] }
//                     { type: 'publish', topic: room, data }   -> every subscriber of room,
//                                                                 the sender too, with `clients`
//                     { type: 'ping' }                         -> { type: 'pong' }
//
// A topic is a store's room id. The app always sets a password, so `data` is
// base64 of AES-GCM ciphertext: this server never sees the secret, the store's
// name or anything the devices say to each other, and it keeps and logs
// nothing. It relays only such data (a plain object or a malformed string
// would reach clients that cannot use it), and bounds what one client can
// ask of it.
import { WebSocketServer } from 'ws';

/** A signaling message is an SDP offer or answer, encrypted: a few KB. */
const MAX_PAYLOAD = 64 * 1024;
const MAX_TOPICS = 16;
const MAX_TOPIC_LENGTH = 128;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Attaches the endpoint to `server`: WebSocket upgrades at `path` are
 * signaling, those at a path of `others` go to its handler (the hub), and
 * an upgrade anywhere else is refused.
 * @typedef {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} UpgradeHandler
 * @param {import('node:http').Server} server
 * @param {{ path: string, pingMs?: number, others?: Record<string, UpgradeHandler> }} options
 * @returns {{ close: () => void, clients: () => number }}
 */
export function attachSignaling(server, { path, pingMs = 30_000, others = {} }) {
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: MAX_PAYLOAD,
		perMessageDeflate: false
	});
	/** @type {Map<string, Set<import('ws').WebSocket>>} */
	const topics = new Map();

	server.on('upgrade', (req, socket, head) => {
		const pathname = new URL(req.url ?? '/', 'http://x').pathname;
		const other = Object.hasOwn(others, pathname) ? others[pathname] : undefined;
		if (other) return other(req, socket, head);
		if (pathname !== path) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
	});

	/** @param {import('ws').WebSocket} ws */
	function onConnection(ws) {
		/** @type {Set<string>} */
		const subscribed = new Set();
		let alive = true;
		// A device that vanished (its network cut) sends no close: find out by ping.
		const heartbeat = setInterval(() => {
			if (!alive) return ws.terminate();
			alive = false;
			ws.ping();
		}, pingMs);
		ws.on('pong', () => (alive = true));
		ws.on('error', () => ws.terminate());
		ws.on('close', () => {
			clearInterval(heartbeat);
			for (const topic of subscribed) leave(topic, ws);
			subscribed.clear();
		});
		ws.on('message', (raw, isBinary) => {
			alive = true;
			const message = isBinary ? null : parse(raw.toString());
			if (!message) return;
			switch (message.type) {
				case 'subscribe':
					for (const topic of topicsOf(message)) {
						if (subscribed.size >= MAX_TOPICS) break;
						subscribed.add(topic);
						let subscribers = topics.get(topic);
						if (!subscribers) topics.set(topic, (subscribers = new Set()));
						subscribers.add(ws);
					}
					break;
				case 'unsubscribe':
					for (const topic of topicsOf(message)) {
						subscribed.delete(topic);
						leave(topic, ws);
					}
					break;
				case 'publish': {
					const { topic, data } = message;
					if (!isTopic(topic) || typeof data !== 'string' || !BASE64.test(data)) return;
					const subscribers = topics.get(topic);
					if (!subscribers) return;
					const out = JSON.stringify({ type: 'publish', topic, data, clients: subscribers.size });
					for (const receiver of subscribers) send(receiver, out);
					break;
				}
				case 'ping':
					send(ws, JSON.stringify({ type: 'pong' }));
					break;
			}
		});
	}

	/**
	 * @param {string} topic
	 * @param {import('ws').WebSocket} ws
	 */
	function leave(topic, ws) {
		const subscribers = topics.get(topic);
		if (!subscribers) return;
		subscribers.delete(ws);
		if (subscribers.size === 0) topics.delete(topic);
	}

	return {
		close() {
			for (const ws of wss.clients) ws.terminate();
			wss.close();
		},
		clients: () => wss.clients.size
	};
}

/**
 * @param {string} text
 * @returns {Record<string, unknown> | null}
 */
function parse(text) {
	try {
		const value = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

/** @param {unknown} topic @returns {topic is string} */
function isTopic(topic) {
	return typeof topic === 'string' && topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH;
}

/** @param {Record<string, unknown>} message @returns {string[]} */
function topicsOf(message) {
	return Array.isArray(message.topics) ? message.topics.filter(isTopic) : [];
}

/**
 * @param {import('ws').WebSocket} ws
 * @param {string} text
 */
function send(ws, text) {
	if (ws.readyState !== ws.OPEN) return;
	ws.send(text, (error) => {
		if (error) ws.terminate();
	});
}
