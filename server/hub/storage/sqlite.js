// The embedded database: SQLite compiled to WebAssembly (node-sqlite3-wasm),
// one file in the hub's data folder. Nothing to compile or install beside
// `npm ci`, and it keeps little in memory (docs/hub.md, Storage, says why
// this one). Writes are synchronous calls that return once SQLite has
// committed and fsynced (synchronous=FULL): durable when the promise resolves.
//
// This VFS locks a database by making a `<file>.lock` folder, which a killed
// process leaves behind; the hub keeps its data folder to itself (hub.pid)
// and clears a lock left by a hub that is gone.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { groupCommit } from './group-commit.js';
import { schema, tokenOfRow } from './schema.js';

const FILE = 'hub.sqlite';

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** Takes the data folder for this process, or throws if a live hub holds it. */
function claimFolder(dir) {
	mkdirSync(dir, { recursive: true });
	const pidFile = join(dir, 'hub.pid');
	if (existsSync(pidFile)) {
		const pid = Number(readFileSync(pidFile, 'utf8'));
		if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid))
			throw new Error(`Another hub (process ${pid}) uses the data folder ${dir}.`);
	}
	writeFileSync(pidFile, String(process.pid));
	// Left by a hub that was killed: nobody holds it any more.
	rmSync(join(dir, `${FILE}.lock`), { recursive: true, force: true });
	return () => rmSync(pidFile, { force: true });
}

/**
 * @param {string} dir the data folder
 * @returns {Promise<import('./schema.js').HubStorage>}
 */
export async function openSqlite(dir) {
	const release = claimFolder(dir);
	const db = new sqlite.Database(join(dir, FILE));
	// One process writes this file: hold SQLite's lock for the whole session,
	// commit through a rollback journal, fsync on every commit.
	db.exec('PRAGMA locking_mode = EXCLUSIVE');
	db.exec('PRAGMA journal_mode = TRUNCATE');
	db.exec('PRAGMA synchronous = FULL');
	for (const statement of schema('sqlite')) db.exec(statement);
	const insert = db.prepare('INSERT INTO hub_updates (doc, bytes) VALUES (?, ?)');
	const select = db.prepare('SELECT seq, bytes FROM hub_updates WHERE doc = ? ORDER BY seq');

	/** @param {() => void} work */
	function transaction(work) {
		db.exec('BEGIN IMMEDIATE');
		try {
			work();
			db.exec('COMMIT');
		} catch (error) {
			if (db.inTransaction) db.exec('ROLLBACK');
			throw error;
		}
	}

	const append = groupCommit(async (/** @type {{doc: string, bytes: Uint8Array}[]} */ entries) => {
		/** @type {number[]} */
		const seqs = [];
		transaction(() => {
			for (const e of entries) seqs.push(Number(insert.run([e.doc, e.bytes]).lastInsertRowid));
		});
		return seqs;
	});

	return {
		kind: 'sqlite',
		append: (doc, bytes) => append({ doc, bytes }),
		async load(doc) {
			return select.all([doc]).map((r) => ({
				seq: Number(r.seq),
				bytes: /** @type {Uint8Array} */ (r.bytes)
			}));
		},
		async replace(doc, seqs, merged) {
			let seq = 0;
			transaction(() => {
				for (let i = 0; i < seqs.length; i += 500) {
					const part = seqs.slice(i, i + 500);
					db.run(
						`DELETE FROM hub_updates WHERE doc = ? AND seq IN (${part.map(() => '?').join(',')})`,
						[doc, ...part]
					);
				}
				seq = Number(insert.run([doc, merged]).lastInsertRowid);
			});
			return seq;
		},
		async putToken(t) {
			db.run(
				`INSERT INTO hub_tokens (id, hash, store, store_name, device_name, created_at, expires_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?)`,
				[t.id, t.hash, t.store, t.storeName, t.deviceName, t.createdAt, t.expiresAt]
			);
		},
		async getToken(id) {
			const row = db.get('SELECT * FROM hub_tokens WHERE id = ?', [id]);
			return row ? tokenOfRow(row) : null;
		},
		async listTokens(store) {
			const rows =
				store === null
					? db.all('SELECT * FROM hub_tokens ORDER BY created_at')
					: db.all('SELECT * FROM hub_tokens WHERE store = ? ORDER BY created_at', [store]);
			return rows.map(tokenOfRow);
		},
		async deleteToken(id) {
			return db.run('DELETE FROM hub_tokens WHERE id = ?', [id]).changes > 0;
		},
		async getMeta(key) {
			const row = db.get('SELECT value FROM hub_meta WHERE key = ?', [key]);
			return row ? String(row.value) : null;
		},
		async setMeta(key, value) {
			db.run(
				'INSERT INTO hub_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
				[key, value]
			);
		},
		async close() {
			insert.finalize();
			select.finalize();
			db.close();
			release();
		}
	};
}
