// What the hub keeps of each doc: only what its copy lacked, every row
// readable again after a restart, and compaction that merges the rows of
// the one doc that has many, touching no other doc.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqlite } from './storage/sqlite.js';
import { HUB_DEVICE } from './hub-held.js';
import { issueToken, startHub, storeId, until } from './hub-fixtures.js';
import { SimDevice } from './sim-device.js';

const dir = mkdtempSync(join(tmpdir(), 'unitrack-hub-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = storeId('rows');

describe('the checkpoint doc', () => {
	it('passes between the devices online and is never stored', async () => {
		const dir2 = mkdtempSync(join(tmpdir(), 'unitrack-hub-ck-'));
		const storage = await openSqlite(dir2);
		const hub = await startHub({ storage });
		const { token } = await issueToken(hub.base, { store });
		const a = new SimDevice({ url: hub.url, store, token });
		const b = new SimDevice({ url: hub.url, store, token });
		const docA = await a.open('checkpoint', new Y.Doc());
		const docB = await b.open('checkpoint', new Y.Doc());
		docA.getMap('checkpoints').set('deviceaaa', new Uint8Array([1, 2, 3]));
		await until(() => docB.getMap('checkpoints').has('deviceaaa'), 5000, 'the checkpoint on B');
		expect(await storage.load(`${store}/checkpoint`)).toEqual([]);
		a.destroy();
		b.destroy();
		await hub.close();
		rmSync(dir2, { recursive: true, force: true });
	});
});

describe('the hub keeping docs', () => {
	it('stores updates once, compacts a busy doc alone, and holds it all after a restart', async () => {
		let storage = await openSqlite(dir);
		let hub = await startHub({ storage, compactRows: 20 });
		const { token } = await issueToken(hub.base, { store });
		const busy = `${store}/p/2026-12`;
		const quiet = `${store}/p/2026-11`;
		const a = new SimDevice({ url: hub.url, store, token });
		await a.open('head');
		await a.open('p/2026-12');
		await a.open('p/2026-11');
		a.append('p/2026-11', { id: 'q1' });
		a.append('p/2026-11', { id: 'q2' });
		await until(() => a.isSettled('p/2026-11'), 5000, 'quiet doc stored');
		const quietRows = await storage.load(quiet);
		expect(quietRows).toHaveLength(2);

		for (let i = 0; i < 45; i++) {
			a.append('p/2026-12', { id: `e${i}` });
			await until(() => a.isSettled('p/2026-12'), 5000, 'each stored');
		}
		// Two compactions happened (at 20 and 40 rows): few rows remain, the quiet doc's are untouched.
		await until(async () => (await storage.load(busy)).length < 10, 5000, 'compaction');
		expect(await storage.load(quiet)).toEqual(quietRows);

		// A second device that syncs what the hub has adds no row.
		const before = (await storage.load(busy)).length;
		const b = new SimDevice({ url: hub.url, store, token });
		const copy = new Y.Doc({ gc: false });
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.docs.get('p/2026-12')?.doc ?? new Y.Doc()));
		await b.open('p/2026-12', copy);
		await until(() => b.isSettled('p/2026-12'), 5000, 'b synced');
		expect((await storage.load(busy)).length).toBe(before);

		// The hub notes what it holds of each period in the store's head.
		await until(
			() => a.docs.get('head')?.doc.getMap('held').has(`p/2026-12|${HUB_DEVICE}`) ?? false,
			5000,
			'hub entry'
		);
		a.destroy();
		b.destroy();
		await hub.close();

		storage = await openSqlite(dir);
		hub = await startHub({ storage });
		const c = new SimDevice({ url: hub.url, store, token });
		await c.open('p/2026-12');
		expect(c.events('p/2026-12').map((e) => e.id)).toEqual(
			Array.from({ length: 45 }, (_, i) => `e${i}`)
		);
		c.destroy();
		await hub.close();
	}, 60_000);
});
