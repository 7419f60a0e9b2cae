// Two hub processes behind one address (docs/hub.md, Two hub processes):
// one PostgreSQL database, and Redis to share each doc's changes live. The
// devices of one store on either process see each other's events; a device
// moved from one to the other loses nothing; a token revoked on one is cut
// off on the other. Real postgres and redis-server, started for the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, startRedis } from '../../tests/fixtures/services.js';
import { ADMIN_TOKEN, issueToken, spawnHub, storeId, until } from './hub-fixtures.js';
import { SimDevice } from './sim-device.js';

const PERIOD = 'p/2026-12';
/** @type {{ url: string, stop: () => Promise<void> }} */
let pg;
/** @type {{ url: string, stop: () => Promise<void> }} */
let redis;
/** @type {Awaited<ReturnType<typeof spawnHub>>[]} */
let hubs = [];
/** @type {SimDevice[]} */
const devices = [];
const store = storeId('chain');

const ids = (/** @type {SimDevice} */ d) => new Set(d.events(PERIOD).map((e) => e.id));

beforeAll(async () => {
	[pg, redis] = await Promise.all([startPostgres(), startRedis()]);
	// One after the other: the first makes the tables.
	hubs.push(await spawnHub({ database: pg.url, redis: redis.url }));
	hubs.push(await spawnHub({ database: pg.url, redis: redis.url }));
}, 60_000);

afterAll(async () => {
	for (const d of devices) d.destroy();
	await Promise.all(hubs.map((h) => h.stop()));
	await Promise.all([pg?.stop(), redis?.stop()]);
});

describe('two hub processes with Redis', () => {
	it("keep one store's devices on either in step, and a moved device loses nothing", async () => {
		const [one, two] = /** @type {[typeof hubs[0], typeof hubs[0]]} */ (hubs);
		const { token } = await issueToken(one.base, { store });
		const a = new SimDevice({ url: one.url, store, token, name: 'a' });
		const b = new SimDevice({ url: two.url, store, token, name: 'b' });
		devices.push(a, b);
		await Promise.all([a.open(PERIOD), b.open(PERIOD), a.open('head'), b.open('head')]);

		for (let i = 0; i < 20; i++) {
			a.append(PERIOD, { id: `a${i}` });
			b.append(PERIOD, { id: `b${i}` });
		}
		await until(() => ids(a).size === 40 && ids(b).size === 40, 10_000, 'both ways');

		// A goes on appending, then moves to the other process with what it holds.
		const docA = a.docs.get(PERIOD)?.doc;
		for (let i = 20; i < 70; i++) a.append(PERIOD, { id: `a${i}` });
		a.destroy();
		const moved = new SimDevice({ url: two.url, store, token, name: 'a moved' });
		devices.push(moved);
		await moved.open(PERIOD, docA);
		await until(
			() => ids(b).size === 90,
			10_000,
			'what the moved device holds, on the other process'
		);
		const c = new SimDevice({ url: one.url, store, token, name: 'c' });
		devices.push(c);
		await c.open(PERIOD);
		await until(() => ids(c).size === 90, 10_000, 'everything on the first process too');
		expect([...ids(c)].sort()).toEqual([...ids(moved)].sort());
	}, 60_000);

	it('cuts off a revoked device on the other process at once', async () => {
		const [one, two] = /** @type {[typeof hubs[0], typeof hubs[0]]} */ (hubs);
		const { id, token } = await issueToken(one.base, { store, deviceName: 'Lost phone' });
		const lost = new SimDevice({ url: two.url, store, token, name: 'lost' });
		devices.push(lost);
		await lost.open(PERIOD);
		const res = await fetch(`${one.base}/hub/api/tokens/${id}`, {
			method: 'DELETE',
			headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }
		});
		expect(res.status).toBe(204);
		await until(
			() => lost.socket.status !== 'connected',
			3000,
			'the device on the other process cut off'
		);
		await until(() => lost.refused === 'permission-denied', 5000, 'its token refused from then on');
	}, 30_000);
});
