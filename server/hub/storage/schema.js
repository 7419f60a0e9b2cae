// The hub's tables, the same in the embedded database (SQLite) and in
// PostgreSQL; only the column types are each one's spelling.
//
//   hub_updates  every Yjs update of every doc, append-only (compaction
//                replaces some rows of ONE doc by one row holding them all)
//   hub_tokens   device tokens: only a hash of the secret is kept
//   hub_meta     the hub's own settings (the admin token's hash)

/** @param {'sqlite' | 'postgres'} dialect */
export function schema(dialect) {
	const pg = dialect === 'postgres';
	const serial = pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
	const blob = pg ? 'BYTEA' : 'BLOB';
	const int = pg ? 'BIGINT' : 'INTEGER';
	return [
		`CREATE TABLE IF NOT EXISTS hub_updates (
			seq ${serial},
			doc TEXT NOT NULL,
			bytes ${blob} NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS hub_updates_doc ON hub_updates (doc, seq)`,
		`CREATE TABLE IF NOT EXISTS hub_tokens (
			id TEXT PRIMARY KEY,
			hash TEXT NOT NULL,
			store TEXT NOT NULL,
			store_name TEXT NOT NULL,
			device_name TEXT NOT NULL,
			created_at ${int} NOT NULL,
			expires_at ${int}
		)`,
		`CREATE INDEX IF NOT EXISTS hub_tokens_store ON hub_tokens (store)`,
		`CREATE TABLE IF NOT EXISTS hub_meta (
			key TEXT PRIMARY KEY,
			value TEXT NOT NULL
		)`
	];
}

/**
 * @typedef {{ seq: number, bytes: Uint8Array }} UpdateRow
 * @typedef {{
 *   id: string, hash: string, store: string, storeName: string, deviceName: string,
 *   createdAt: number, expiresAt: number | null
 * }} TokenRow
 * @typedef {{
 *   kind: 'sqlite' | 'postgres',
 *   append(doc: string, bytes: Uint8Array): Promise<number>,
 *   load(doc: string): Promise<UpdateRow[]>,
 *   replace(doc: string, seqs: number[], merged: Uint8Array): Promise<number>,
 *   putToken(token: TokenRow): Promise<void>,
 *   getToken(id: string): Promise<TokenRow | null>,
 *   listTokens(store: string | null): Promise<TokenRow[]>,
 *   deleteToken(id: string): Promise<boolean>,
 *   getMeta(key: string): Promise<string | null>,
 *   setMeta(key: string, value: string): Promise<void>,
 *   close(): Promise<void>
 * }} HubStorage
 *
 * Every promise of a write resolves only once the write is durable
 * (committed with the database's own sync to disk).
 */

/** @param {Record<string, unknown>} r @returns {TokenRow} */
export function tokenOfRow(r) {
	return {
		id: String(r.id),
		hash: String(r.hash),
		store: String(r.store),
		storeName: String(r.store_name),
		deviceName: String(r.device_name),
		createdAt: Number(r.created_at),
		expiresAt: r.expires_at === null || r.expires_at === undefined ? null : Number(r.expires_at)
	};
}
