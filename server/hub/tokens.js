// Device tokens and the admin token (docs/hub.md, Tokens).
//
// A device token is `uth_<id>_<secret>`: the id finds its row, the secret
// (256 random bits) proves it. The hub keeps only SHA-256(id.secret): a copy
// of its database gives nobody a working token. The secret is random and
// long, so a fast hash is enough (nothing to guess by brute force). Each
// token names one store, or `*` (head office: every store), and the name of
// the device it was issued for; it may expire.
//
// The admin token (`uta_<secret>`, its hash in hub_meta) is the manager's:
// it issues, lists and revokes device tokens through the hub's HTTP API. It
// is made and printed at the hub's first start, or set with --admin-token.
//
// A check takes the same steps whatever is wrong with a token (malformed,
// unknown, forged, expired, for another store): one lookup by id, one hash,
// one constant-time comparison, and the same answer, so that neither the
// answer nor its timing says which it was, or whether a store exists.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { STORE_ID } from './doc-names.js';

const DEVICE = /^uth_([A-Za-z0-9_-]{22})_([A-Za-z0-9_-]{43})$/;
const ADMIN = /^uta_[A-Za-z0-9_-]{43}$/;
const ADMIN_KEY = 'admin-token-sha256';
/** Compared against when the id is unknown, so that case costs the same. */
const NOBODY = sha256('nobody');
export const MAX_DEVICE_NAME = 60;
export const MAX_STORE_NAME = 60;

/** @param {string} text */
function sha256(text) {
	return createHash('sha256').update(text).digest('hex');
}

/** @param {number} bytes */
const random = (bytes) => randomBytes(bytes).toString('base64url');

/** @param {string} a @param {string} b hex digests of equal length */
function same(a, b) {
	return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/**
 * @typedef {import('./storage/schema.js').HubStorage} HubStorage
 * @typedef {import('./storage/schema.js').TokenRow} TokenRow
 * @typedef {{ id: string, store: string, storeName: string, deviceName: string, expiresAt: number | null }} Grant
 */

export class Tokens {
	/**
	 * @param {HubStorage} storage
	 * @param {() => number} [now]
	 */
	constructor(storage, now = Date.now) {
		this.storage = storage;
		this.now = now;
	}

	/**
	 * Sets the admin token: the given one, or the one kept, or a new one.
	 * @param {string | undefined} given
	 * @returns {Promise<string | null>} the new token when one was made (to print once)
	 */
	async initAdmin(given) {
		if (given !== undefined) {
			if (!ADMIN.test(given))
				throw new Error(
					'--admin-token must look like uta_ followed by 43 characters of A-Z a-z 0-9 _ -.'
				);
			await this.storage.setMeta(ADMIN_KEY, sha256(given));
			return null;
		}
		if (await this.storage.getMeta(ADMIN_KEY)) return null;
		const token = `uta_${random(32)}`;
		await this.storage.setMeta(ADMIN_KEY, sha256(token));
		return token;
	}

	/** @param {unknown} token */
	async isAdmin(token) {
		const kept = (await this.storage.getMeta(ADMIN_KEY)) ?? NOBODY;
		const given = typeof token === 'string' && ADMIN.test(token) ? sha256(token) : NOBODY;
		return same(given, kept) && given !== NOBODY;
	}

	/**
	 * Issues a device token for a store (or `*`).
	 * @param {{ store: string, storeName: string, deviceName: string, expiresAt?: number | null }} what
	 * @returns {Promise<{ token: string, row: TokenRow }>}
	 */
	async issue({ store, storeName, deviceName, expiresAt = null }) {
		const id = random(16);
		const secret = random(32);
		/** @type {TokenRow} */
		const row = {
			id,
			hash: sha256(`${id}.${secret}`),
			store,
			storeName,
			deviceName,
			createdAt: this.now(),
			expiresAt
		};
		await this.storage.putToken(row);
		return { token: `uth_${id}_${secret}`, row };
	}

	/**
	 * What a device token grants, or null (malformed, unknown, forged, expired), all alike.
	 * @param {unknown} token
	 * @returns {Promise<Grant | null>}
	 */
	async check(token) {
		const m = typeof token === 'string' ? DEVICE.exec(token) : null;
		const id = m?.[1] ?? 'A'.repeat(22);
		const row = await this.storage.getToken(id);
		const given = sha256(`${id}.${m?.[2] ?? ''}`);
		const isGenuine = same(given, row?.hash ?? NOBODY) && m !== null && row !== null;
		if (!isGenuine || !row) return null;
		if (row.expiresAt !== null && row.expiresAt <= this.now()) return null;
		return {
			id: row.id,
			store: row.store,
			storeName: row.storeName,
			deviceName: row.deviceName,
			expiresAt: row.expiresAt
		};
	}

	/** @param {string | null} store */
	list(store) {
		return this.storage.listTokens(store);
	}

	/** @param {string} id */
	revoke(id) {
		return this.storage.deleteToken(id);
	}
}

/** Whether a grant covers a store's docs. @param {Grant} grant @param {string} store */
export function grants(grant, store) {
	return grant.store === '*' || grant.store === store;
}

/** @param {unknown} store */
export function isTokenStore(store) {
	return store === '*' || (typeof store === 'string' && STORE_ID.test(store));
}
