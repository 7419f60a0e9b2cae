// The hub's HTTP API, beside the app on the same origin (docs/hub.md, Tokens):
//
//   GET    /hub/api/whoami          device token: its store, store name, device name
//   POST   /hub/api/tokens          admin: issue a device token {store, storeName, deviceName, expiresInDays?}
//   GET    /hub/api/tokens?store=ID admin: the store's device tokens (without secrets)
//   DELETE /hub/api/tokens/ID       admin: revoke; the device is disconnected at once
//
// Tokens go in `Authorization: Bearer …`. Answers are JSON; a refusal is 401
// with the same words whatever was wrong. Cross-origin calls are allowed:
// nothing is decided by cookies, only by the bearer token.
import { isTokenStore, MAX_DEVICE_NAME, MAX_STORE_NAME } from './tokens.js';

export const API_PREFIX = '/hub/api/';
const MAX_BODY = 16 * 1024;
const MAX_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;
const REFUSAL = 'This token is not accepted here.';

/**
 * @param {{ tokens: import('./tokens.js').Tokens, revoke: (id: string) => Promise<void>,
 *   isOnline: (id: string) => boolean, now?: () => number }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createApi({ tokens, revoke, isOnline, now = Date.now }) {
	return async (req, res) => {
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
		res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
		res.setHeader('Cache-Control', 'no-store');
		if (req.method === 'OPTIONS') return end(res, 204);
		const url = new URL(req.url ?? '/', 'http://x');
		const route = url.pathname.slice(API_PREFIX.length);
		const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
		try {
			if (route === 'whoami' && req.method === 'GET') {
				const grant = await tokens.check(bearer);
				if (!grant) return json(res, 401, { error: REFUSAL });
				const { store, storeName, deviceName, expiresAt } = grant;
				return json(res, 200, { store, storeName, deviceName, expiresAt });
			}
			if (route !== 'tokens' && !route.startsWith('tokens/'))
				return json(res, 404, { error: 'No such thing.' });
			if (!(await tokens.isAdmin(bearer))) return json(res, 401, { error: REFUSAL });

			if (route === 'tokens' && req.method === 'GET') {
				const store = url.searchParams.get('store');
				if (store !== null && !isTokenStore(store))
					return json(res, 400, { error: 'Not a store id.' });
				const rows = await tokens.list(store);
				return json(res, 200, {
					tokens: rows.map((r) => ({
						id: r.id,
						store: r.store,
						storeName: r.storeName,
						deviceName: r.deviceName,
						createdAt: r.createdAt,
						expiresAt: r.expiresAt,
						online: isOnline(r.id)
					}))
				});
			}
			if (route === 'tokens' && req.method === 'POST') {
				const body = await readJson(req);
				const problem = issueProblem(body);
				if (problem) return json(res, 400, { error: problem });
				const days = body.expiresInDays;
				const { token, row } = await tokens.issue({
					store: body.store,
					storeName: body.storeName.trim(),
					deviceName: body.deviceName.trim(),
					expiresAt: typeof days === 'number' ? now() + days * DAY_MS : null
				});
				const { hash: _hash, ...shown } = row;
				return json(res, 201, { ...shown, token });
			}
			const id = route.slice('tokens/'.length);
			if (req.method === 'DELETE' && /^[A-Za-z0-9_-]{22}$/.test(id)) {
				const existed = await tokens.revoke(id);
				await revoke(id);
				return existed ? end(res, 204) : json(res, 404, { error: 'No such token.' });
			}
			return json(res, 405, { error: 'Not allowed.' });
		} catch (error) {
			if (error instanceof BadRequest) return json(res, 400, { error: error.message });
			console.error('hub API:', error);
			return json(res, 500, { error: 'The hub could not do that.' });
		}
	};
}

class BadRequest extends Error {}

/** @param {any} body @returns {string | null} */
function issueProblem(body) {
	if (typeof body !== 'object' || body === null) return 'Send a JSON object.';
	if (!isTokenStore(body.store)) return 'store: a store id (22 characters) or * for head office.';
	for (const [key, max] of /** @type {const} */ ([
		['storeName', MAX_STORE_NAME],
		['deviceName', MAX_DEVICE_NAME]
	])) {
		const v = body[key];
		if (typeof v !== 'string' || !v.trim()) return `${key}: give a name.`;
		if (v.trim().length > max) return `${key}: at most ${max} characters.`;
	}
	const days = body.expiresInDays;
	if (
		days !== undefined &&
		days !== null &&
		!(Number.isInteger(days) && days >= 1 && days <= MAX_DAYS)
	)
		return `expiresInDays: a whole number of days from 1 to ${MAX_DAYS}.`;
	return null;
}

/** @param {import('node:http').IncomingMessage} req */
async function readJson(req) {
	let size = 0;
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) {
		size += chunk.length;
		if (size > MAX_BODY) throw new BadRequest('The request is too large.');
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new BadRequest('The request is not JSON.');
	}
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** @param {import('node:http').ServerResponse} res @param {number} status */
function end(res, status) {
	res.writeHead(status);
	res.end();
}
