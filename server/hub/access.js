// Who may connect (docs/hub.md, Tokens): every doc connection is checked in
// onAuthenticate against the device tokens, and gets only its store's docs
// (a `*` token: every store's). Whatever is wrong (no token, a forged,
// expired, revoked or other store's token, a name that is no store's doc)
// the answer is the same refusal, after the same work, so a device learns
// nothing, not even which stores exist. A socket whose token is no good is
// then closed, so it cannot queue messages for a doc it was refused.
//
// Revoking a token closes at once every socket that used it, on this
// process and (through `broadcast`) the other hub processes, and the token's
// messages still in flight are refused (beforeHandleMessage). A token that
// expires while its device is connected has its sockets closed within a
// second of expiring, so it gets nothing after.
import { parseDocName } from './doc-names.js';
import { grants } from './tokens.js';

export const REFUSED = 'permission-denied';
/** Time for the refusal to reach the device before its socket closes. */
const CLOSE_AFTER_MS = 200;
/** How often sockets whose token has expired since they connected are looked for. */
const EXPIRY_SWEEP_MS = 1000;

/**
 * @param {{ tokens: import('./tokens.js').Tokens, now?: () => number }} options
 */
export function access({ tokens, now = Date.now }) {
	/** Open sockets by token id. @type {Map<string, Set<import('ws').WebSocket>>} */
	const sockets = new Map();
	/** @type {Set<string>} */
	const revoked = new Set();
	/** Sockets let in for at least one doc. @type {WeakSet<import('ws').WebSocket>} */
	const admitted = new WeakSet();
	/** Open sockets of tokens that expire, and when. @type {Map<import('ws').WebSocket, number>} */
	const expiring = new Map();
	const sweep = setInterval(() => {
		const t = now();
		for (const [ws, at] of expiring)
			if (at <= t) {
				expiring.delete(ws);
				ws.terminate();
			}
	}, EXPIRY_SWEEP_MS);
	sweep.unref?.();

	/** @param {string} id */
	function disconnect(id) {
		revoked.add(id);
		for (const ws of sockets.get(id) ?? []) ws.terminate();
		sockets.delete(id);
	}

	/** @type {import('@hocuspocus/server').Extension} */
	const extension = {
		async onAuthenticate({ token, documentName, context }) {
			const parsed = parseDocName(documentName);
			const grant = await tokens.check(token);
			const isRefusedToken = !grant || revoked.has(grant.id);
			if (isRefusedToken || !parsed || !grants(grant, parsed.store)) {
				// A token that is no good gets its socket closed; a good one asking
				// for a doc it may not have (another store's) keeps the others.
				if (isRefusedToken) refuseLater(context?.socket);
				throw Object.assign(new Error(''), { reason: REFUSED });
			}
			// Let in: what it sends from now on is a known device's (queued or not).
			if (context?.socket) admitted.add(context.socket);
			return { tokenId: grant.id, store: grant.store, expiresAt: grant.expiresAt };
		},

		async connected({ connection, context }) {
			const id = context?.tokenId;
			if (typeof id !== 'string') return;
			if (revoked.has(id)) return connection.webSocket.terminate();
			let set = sockets.get(id);
			if (!set) sockets.set(id, (set = new Set()));
			set.add(connection.webSocket);
			const expiresAt = context?.expiresAt;
			if (typeof expiresAt === 'number') expiring.set(connection.webSocket, expiresAt);
			connection.webSocket.once('close', () => {
				expiring.delete(connection.webSocket);
				set.delete(connection.webSocket);
				if (set.size === 0 && sockets.get(id) === set) sockets.delete(id);
			});
		},

		async beforeHandleMessage({ context }) {
			const expiresAt = context?.expiresAt;
			if (revoked.has(context?.tokenId) || (typeof expiresAt === 'number' && expiresAt <= now()))
				throw Object.assign(new Error(''), { reason: REFUSED });
		}
	};

	return {
		extension,
		disconnect,
		isOnline: (/** @type {string} */ id) => sockets.has(id),
		stop: () => clearInterval(sweep),
		/** @param {import('ws').WebSocket} ws */
		isAdmitted: (ws) => admitted.has(ws)
	};
}

/** @param {import('ws').WebSocket | undefined} ws */
function refuseLater(ws) {
	if (!ws) return;
	setTimeout(() => ws.terminate(), CLOSE_AFTER_MS).unref?.();
}
