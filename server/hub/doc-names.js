// Names of the docs the hub serves: `<storeId>/<docName>`, where the store id
// is the store's 22-character room id (128 random bits, base64url) and the
// doc is the store's head or one of its monthly periods
// (src/lib/ledger/period.ts): `Ab3…/head`, `Ab3…/p/2026-12`, which it keeps,
// or the store's checkpoint doc (src/lib/ledger/checkpoint.ts), which it only
// passes between the devices online and never stores.

const NAME = /^([A-Za-z0-9_-]{22})\/(head|checkpoint|p\/\d{4}-(?:0[1-9]|1[0-2]))$/;

/**
 * @param {unknown} name
 * @returns {{ store: string, doc: string } | null} null when it is not a doc of a store
 */
export function parseDocName(name) {
	if (typeof name !== 'string') return null;
	const m = NAME.exec(name);
	return m ? { store: /** @type {string} */ (m[1]), doc: /** @type {string} */ (m[2]) } : null;
}

/** Whether the hub keeps this doc in its database (the head and the periods). @param {string} name */
export function isKeptDoc(name) {
	const doc = parseDocName(name)?.doc;
	return doc !== undefined && doc !== 'checkpoint';
}

/** A store id as the hub's tokens name them. */
export const STORE_ID = /^[A-Za-z0-9_-]{22}$/;
