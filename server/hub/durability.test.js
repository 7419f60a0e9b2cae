// Writes are durable before the hub acknowledges them: five devices append
// 1,000 events between them, the hub process is killed (SIGKILL) half way,
// and after a restart the hub holds every event that a device had seen
// acknowledged. Then the devices come back and the hub ends with all 1,000.
// Run against the embedded database and against PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startPostgres } from '../../tests/fixtures/services.js';
import { issueToken, spawnHub, storeId, until } from './hub-fixtures.js';
import { SimDevice } from './sim-device.js';

const PERIOD = 'p/2026-12';
const DEVICES = 5;
const PER_DEVICE = 200;

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

/** @type {[string, () => Promise<{ data?: string, database?: string }>][]} */
const backends = [
	[
		'embedded',
		async () => {
			const data = mkdtempSync(join(tmpdir(), 'unitrack-hub-kill-'));
			cleanups.push(async () => rmSync(data, { recursive: true, force: true }));
			return { data };
		}
	],
	[
		'PostgreSQL',
		async () => {
			const pg = await startPostgres();
			cleanups.push(() => pg.stop());
			return { database: pg.url };
		}
	]
];

describe.each(backends)('the hub killed during appends (%s)', (_name, where) => {
	it('keeps every event it acknowledged, and gets the rest once the devices are back', async () => {
		const options = await where();
		let hub = await spawnHub(options);
		cleanups.push(() => hub.stop('SIGKILL'));
		const store = storeId('kill');
		const { token } = await issueToken(hub.base, { store });
		const devices = Array.from(
			{ length: DEVICES },
			(_, i) => new SimDevice({ url: hub.url, store, token, name: `d${i}` })
		);
		await Promise.all(devices.map((d) => d.open(PERIOD)));

		// Each device appends every 2–6 ms; the hub dies once half are appended.
		let appended = 0;
		let killed = false;
		/** @type {string[]} */
		let ackedAtKill = [];
		const kill = async () => {
			ackedAtKill = devices.flatMap((d) => d.acknowledged(PERIOD));
			killed = true;
			await hub.stop('SIGKILL');
		};
		/** @type {Promise<void> | null} */
		let killing = null;
		await Promise.all(
			devices.map(async (d, i) => {
				for (let n = 0; n < PER_DEVICE; n++) {
					d.append(PERIOD, { id: `d${i}-${n}`, at: Date.now() });
					appended++;
					if (appended === (DEVICES * PER_DEVICE) / 2 && !killing) killing = kill();
					await new Promise((r) => setTimeout(r, 2 + Math.random() * 4));
				}
			})
		);
		await killing;
		expect(killed).toBe(true);
		// Some were acknowledged, and not all of those appended by then (it was mid-way).
		expect(ackedAtKill.length).toBeGreaterThan(50);
		const docs = devices.map((d) => d.docs.get(PERIOD)?.doc ?? new Y.Doc());
		for (const d of devices) d.destroy();

		hub = await spawnHub({ ...options, port: hub.port });
		const checker = new SimDevice({ url: hub.url, store, token, name: 'checker' });
		await checker.open(PERIOD);
		const held = new Set(checker.events(PERIOD).map((e) => e.id));
		const lost = ackedAtKill.filter((id) => !held.has(id));
		expect(lost).toEqual([]);

		// The devices come back with what they hold: the hub gets the rest.
		const back = docs.map((doc, i) => new SimDevice({ url: hub.url, store, token, name: `b${i}` }));
		await Promise.all(back.map((d, i) => d.open(PERIOD, docs[i])));
		await until(
			() => new Set(checker.events(PERIOD).map((e) => e.id)).size === DEVICES * PER_DEVICE,
			20_000,
			'all events on the hub'
		);
		for (const d of [...back, checker]) d.destroy();
		await hub.stop();
	}, 120_000);
});
