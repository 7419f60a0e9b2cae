// One suite for both databases the hub keeps its docs in: the embedded one
// (a file in a data folder) and a real PostgreSQL server started for the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../tests/fixtures/services.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

/** @typedef {import('./schema.js').HubStorage} HubStorage */

const bytes = (/** @type {number[]} */ ...b) => new Uint8Array(b);

/** @type {[string, () => Promise<{ open: () => Promise<HubStorage>, done: () => Promise<void> }>][]} */
const backends = [
	[
		'embedded (SQLite)',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'unitrack-hub-'));
			return {
				open: () => openSqlite(dir),
				done: async () => rmSync(dir, { recursive: true, force: true })
			};
		}
	],
	[
		'PostgreSQL',
		async () => {
			const pg = await startPostgres();
			return { open: () => openPostgres(pg.url), done: () => pg.stop() };
		}
	]
];

describe.each(backends)('hub storage: %s', (_name, make) => {
	/** @type {{ open: () => Promise<HubStorage>, done: () => Promise<void> }} */
	let backend;
	/** @type {HubStorage} */
	let storage;

	beforeAll(async () => {
		backend = await make();
		storage = await backend.open();
	}, 60_000);

	afterAll(async () => {
		await storage?.close();
		await backend?.done();
	});

	it('keeps the updates of each doc in the order they were appended, apart from other docs', async () => {
		const a1 = await storage.append('s/p/2026-01', bytes(1, 2));
		const b1 = await storage.append('s/head', bytes(9));
		const a2 = await storage.append('s/p/2026-01', bytes(3));
		expect(a2).toBeGreaterThan(a1);
		expect(b1).not.toBe(a1);
		const rows = await storage.load('s/p/2026-01');
		expect(rows.map((r) => [...r.bytes])).toEqual([[1, 2], [3]]);
		expect(rows.map((r) => r.seq)).toEqual([a1, a2]);
		expect((await storage.load('s/head')).map((r) => [...r.bytes])).toEqual([[9]]);
		expect(await storage.load('nothing/head')).toEqual([]);
	});

	it('writes appends made at once together, each with its own seq, none lost', async () => {
		const seqs = await Promise.all(
			Array.from({ length: 300 }, (_, i) => storage.append('s/p/2026-02', bytes(i % 256, i >> 8)))
		);
		expect(new Set(seqs).size).toBe(300);
		expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
		const rows = await storage.load('s/p/2026-02');
		expect(rows.map((r) => (r.bytes[0] ?? 0) + 256 * (r.bytes[1] ?? 0))).toEqual(
			Array.from({ length: 300 }, (_, i) => i)
		);
	});

	it('replaces some rows of one doc by one merged row, leaving the rest and other docs alone', async () => {
		const doc = 's/p/2026-03';
		const seqs = [];
		for (let i = 0; i < 5; i++) seqs.push(await storage.append(doc, bytes(i)));
		const other = await storage.load('s/p/2026-01');
		const merged = await storage.replace(doc, seqs.slice(0, 3), bytes(0, 1, 2));
		const rows = await storage.load(doc);
		expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(
			[seqs[3], seqs[4], merged].sort((x, y) => (x ?? 0) - (y ?? 0))
		);
		expect(rows.find((r) => r.seq === merged)?.bytes).toEqual(bytes(0, 1, 2));
		expect(await storage.load('s/p/2026-01')).toEqual(other);
	});

	it('keeps device tokens: put, get, list by store, delete', async () => {
		const token = {
			id: 'T'.repeat(22),
			hash: 'ab'.repeat(32),
			store: 'S'.repeat(22),
			storeName: 'Main Street',
			deviceName: 'Till 1',
			createdAt: 1_800_000_000_000,
			expiresAt: null
		};
		await storage.putToken(token);
		await storage.putToken({
			...token,
			id: 'U'.repeat(22),
			store: '*',
			expiresAt: 1_900_000_000_000
		});
		expect(await storage.getToken(token.id)).toEqual(token);
		expect(await storage.getToken('V'.repeat(22))).toBeNull();
		expect((await storage.listTokens(token.store)).map((t) => t.id)).toEqual([token.id]);
		expect((await storage.listTokens(null)).map((t) => t.id).sort()).toEqual([
			token.id,
			'U'.repeat(22)
		]);
		expect((await storage.getToken('U'.repeat(22)))?.expiresAt).toBe(1_900_000_000_000);
		expect(await storage.deleteToken(token.id)).toBe(true);
		expect(await storage.deleteToken(token.id)).toBe(false);
		expect(await storage.getToken(token.id)).toBeNull();
	});

	it('keeps settings, and everything is there again after the database is opened anew', async () => {
		await storage.setMeta('k', 'one');
		await storage.setMeta('k', 'two');
		expect(await storage.getMeta('k')).toBe('two');
		expect(await storage.getMeta('none')).toBeNull();
		await storage.close();
		storage = await backend.open();
		expect(await storage.getMeta('k')).toBe('two');
		expect((await storage.load('s/p/2026-01')).map((r) => [...r.bytes])).toEqual([[1, 2], [3]]);
		expect(await storage.getToken('U'.repeat(22))).not.toBeNull();
	});
});
