// PostgreSQL (`--database postgres://…`), through `pg`, with the same tables
// as the embedded database (schema.js). A commit returns once PostgreSQL has
// written it to its WAL and flushed it (synchronous_commit, on by default).
import pg from 'pg';
import { groupCommit } from './group-commit.js';
import { schema, tokenOfRow } from './schema.js';

/**
 * @param {string} url postgres://user:password@host:port/database
 * @returns {Promise<import('./schema.js').HubStorage>}
 */
export async function openPostgres(url) {
	const pool = new pg.Pool({ connectionString: url, max: 4 });
	// An idle client that loses the server must not take the hub down.
	pool.on('error', (error) => console.error('PostgreSQL:', error.message));
	// Two hub processes may start at once on a new database.
	await transaction(async (client) => {
		await client.query('SELECT pg_advisory_xact_lock(7251004)');
		for (const statement of schema('postgres')) await client.query(statement);
	});

	/**
	 * @template T
	 * @param {(client: import('pg').PoolClient) => Promise<T>} work
	 * @returns {Promise<T>}
	 */
	async function transaction(work) {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	const append = groupCommit(async (/** @type {{doc: string, bytes: Uint8Array}[]} */ entries) => {
		const values = entries.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
		const params = entries.flatMap((e) => [e.doc, Buffer.from(e.bytes)]);
		// One statement is one transaction: committed (and flushed) before it answers.
		const { rows } = await pool.query(
			`INSERT INTO hub_updates (doc, bytes) VALUES ${values} RETURNING seq`,
			params
		);
		return rows.map((r) => Number(r.seq));
	});

	return {
		kind: 'postgres',
		append: (doc, bytes) => append({ doc, bytes }),
		async load(doc) {
			const { rows } = await pool.query(
				'SELECT seq, bytes FROM hub_updates WHERE doc = $1 ORDER BY seq',
				[doc]
			);
			return rows.map((r) => ({ seq: Number(r.seq), bytes: new Uint8Array(r.bytes) }));
		},
		async replace(doc, seqs, merged) {
			return transaction(async (client) => {
				await client.query('DELETE FROM hub_updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [
					doc,
					seqs
				]);
				const { rows } = await client.query(
					'INSERT INTO hub_updates (doc, bytes) VALUES ($1, $2) RETURNING seq',
					[doc, Buffer.from(merged)]
				);
				return Number(rows[0].seq);
			});
		},
		async putToken(t) {
			await pool.query(
				`INSERT INTO hub_tokens (id, hash, store, store_name, device_name, created_at, expires_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[t.id, t.hash, t.store, t.storeName, t.deviceName, t.createdAt, t.expiresAt]
			);
		},
		async getToken(id) {
			const { rows } = await pool.query('SELECT * FROM hub_tokens WHERE id = $1', [id]);
			return rows[0] ? tokenOfRow(rows[0]) : null;
		},
		async listTokens(store) {
			const { rows } =
				store === null
					? await pool.query('SELECT * FROM hub_tokens ORDER BY created_at')
					: await pool.query('SELECT * FROM hub_tokens WHERE store = $1 ORDER BY created_at', [
							store
						]);
			return rows.map(tokenOfRow);
		},
		async deleteToken(id) {
			const { rowCount } = await pool.query('DELETE FROM hub_tokens WHERE id = $1', [id]);
			return (rowCount ?? 0) > 0;
		},
		async getMeta(key) {
			const { rows } = await pool.query('SELECT value FROM hub_meta WHERE key = $1', [key]);
			return rows[0] ? String(rows[0].value) : null;
		},
		async setMeta(key, value) {
			await pool.query(
				'INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
				[key, value]
			);
		},
		async close() {
			await pool.end();
		}
	};
}
