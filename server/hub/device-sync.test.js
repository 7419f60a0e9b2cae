// The app's own sync code (src/lib/ledger: the planner over the hub
// transport) against a real hub: a device that wrote months ago while it had
// no hub pushes those periods to it, a new device gets the whole history
// from the hub alone with no other device online, and what a device wrote
// offline reaches the others once it is back; a store can sync with peers
// and the hub at once (a device on both carries events between the others);
// a hub restored from an older backup gets back from the devices what it lost.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Ledger } from '../../src/lib/ledger/ledger.ts';
import { MemoryLogStore } from '../../src/lib/ledger/memory-log-store.ts';
import { HubTransport } from '../../src/lib/ledger/hub-transport.ts';
import { CombinedTransport } from '../../src/lib/ledger/combined-transport.ts';
import { MemoryNetwork } from '../../src/lib/ledger/memory-transport.ts';
import { StoreSync } from '../../src/lib/ledger/store-sync.ts';
import { openSqlite } from './storage/sqlite.js';
import { issueToken, startHub, storeId, until } from './hub-fixtures.js';
import { QuietWebSocket } from './sim-device.js';

const DAY = 24 * 60 * 60 * 1000;
const dir = mkdtempSync(join(tmpdir(), 'unitrack-hub-devices-'));
/** @type {Awaited<ReturnType<typeof startHub>>} */
let hub;
const store = storeId('devices');
/** @type {{ stop: () => Promise<void> }[]} */
const syncs = [];

beforeAll(async () => {
	hub = await startHub({ storage: await openSqlite(dir) });
});
afterAll(async () => {
	for (const s of syncs) await s.stop();
	await hub?.close();
	rmSync(dir, { recursive: true, force: true });
});

/** @param {string} token @param {string} [of] the store @param {string} [url] the hub's */
function hubTransport(token, of = store, url = hub.url) {
	return new HubTransport({ url, token, store: of, WebSocketPolyfill: QuietWebSocket });
}

/**
 * @param {Ledger} ledger @param {string} token
 * @param {import('../../src/lib/ledger/doc-transport.ts').DocTransport} [transport]
 * @param {import('../../src/lib/ledger/store-sync.ts').StoreSyncOptions} [options]
 */
function syncThroughHub(
	ledger,
	token,
	name = 'device',
	transport = hubTransport(token),
	options = {}
) {
	const sync = new StoreSync(ledger, transport, name, { stallMs: 5000, ...options });
	syncs.push(sync);
	return sync;
}

/** @param {Ledger} ledger */
async function eventIds(ledger) {
	const ids = [];
	for await (const batch of ledger.history())
		ids.push(...batch.map((e) => /** @type {{id: string}} */ (e).id));
	return ids.sort();
}

const sale = (/** @type {string} */ note) => ({ type: 'settings.changed', settings: { note } });

describe('devices syncing through the hub only', () => {
	it('pushes periods written before the hub, serves all history to a new device, and carries offline writes', async () => {
		const { token } = await issueToken(hub.base, { store });
		let time = Date.now() - 100 * DAY;
		const a = await Ledger.open(new MemoryLogStore(store), {
			device: 'deviceaaa',
			now: () => time
		});
		// Three months of the store's life on A alone, before it used the hub.
		for (let i = 0; i < 3; i++) {
			await a.append([sale(`old ${i}`), sale(`old ${i}b`)]);
			time += 31 * DAY;
		}
		time = Date.now();
		await a.append([sale('today')]);
		const syncA = syncThroughHub(a, token, 'Till 1');
		// The hub ends up holding A's closed periods, said in the head under `hub`.
		await until(
			() =>
				[...a.heldDocs().keys()]
					.filter((d) => d.startsWith('p/'))
					.every((p) => a.head.getMap('held').has(`${p}|hub`)),
			20_000,
			'every period of A on the hub'
		);

		// A goes away; B joins with nothing and gets it all from the hub.
		await syncA.stop();
		const b = await Ledger.open(new MemoryLogStore(store), { device: 'devicebbb' });
		syncThroughHub(b, token, 'Tablet');
		await until(async () => b.size === a.size, 20_000, 'B holds what A holds');
		expect(await eventIds(b)).toEqual(await eventIds(a));

		// A writes offline, then comes back: B gets it through the hub.
		await a.append([sale('offline')]);
		syncThroughHub(a, token, 'Till 1');
		await until(async () => b.size === a.size, 20_000, 'the offline write on B');
		expect(await eventIds(b)).toEqual(await eventIds(a));
		expect(a.size).toBe(8);
	}, 60_000);

	it('stops only when the hub refuses the token, not when it serves no such doc', async () => {
		const { token } = await issueToken(hub.base, { store });
		const ok = new HubTransport({ url: hub.url, token, store, WebSocketPolyfill: QuietWebSocket });
		syncs.push(ok);
		ok.attachHead(new Y.Doc());
		ok.attach('p/2026-13', new Y.Doc());
		await until(() => ok.state.hub?.status === 'online', 5000, 'online');
		await new Promise((r) => setTimeout(r, 500));
		expect(ok.state.hub?.status).toBe('online');
		const refused = new HubTransport({
			url: hub.url,
			token: 'uth_forged',
			store,
			WebSocketPolyfill: QuietWebSocket
		});
		syncs.push(refused);
		refused.attachHead(new Y.Doc());
		await until(() => refused.state.hub?.status === 'refused', 5000, 'refused');
	});

	it('syncs with peers and the hub at once: a device on both carries events between a device on peers only and one on the hub only', async () => {
		const both = storeId('both-ways');
		const { token } = await issueToken(hub.base, { store: both });
		const network = new MemoryNetwork();
		const peerOfA = network.join();
		const peerOfB = network.join();
		network.setLink(peerOfA, peerOfB, true);
		const pump = setInterval(() => {
			while (network.deliverOne());
		}, 5);
		try {
			const a = await Ledger.open(new MemoryLogStore(both), { device: 'devicepeer' });
			const b = await Ledger.open(new MemoryLogStore(both), { device: 'deviceboth' });
			const c = await Ledger.open(new MemoryLogStore(both), { device: 'devicehubo' });
			syncThroughHub(a, token, 'Peers only', peerOfA);
			const combined = new CombinedTransport([peerOfB, hubTransport(token, both)]);
			syncThroughHub(b, token, 'Both', combined);
			syncThroughHub(c, token, 'Hub only', hubTransport(token, both));
			await a.append([sale('from the peer')]);
			await c.append([sale('from the hub')]);
			await until(
				async () => a.size === 2 && b.size === 2 && c.size === 2,
				20_000,
				'every device holds both events'
			);
			expect(await eventIds(a)).toEqual(await eventIds(c));
			expect(await eventIds(b)).toEqual(await eventIds(c));
			// The device on both is online with the hub and sees the peer and the hub-only device.
			expect(combined.state.hub?.status).toBe('online');
			expect(combined.state.connections).toBeGreaterThanOrEqual(2);
		} finally {
			clearInterval(pump);
		}
	}, 40_000);

	it('gets back from a device what it lost when restored from an older backup', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'unitrack-hub-restore-'));
		const backup = join(folder, 'backup.sqlite');
		const of = storeId('restored');
		/** @type {Awaited<ReturnType<typeof startHub>> | null} */
		let restored = null;
		/** @type {StoreSync[]} */
		const later = [];
		try {
			let older = await startHub({ storage: await openSqlite(folder) });
			const { token } = await issueToken(older.base, { store: of });
			await older.close();
			copyFileSync(join(folder, 'hub.sqlite'), backup);

			// Two closed months on A, pushed to the hub and noted in the head under `hub`.
			older = await startHub({ storage: await openSqlite(folder) });
			let time = Date.now() - 70 * DAY;
			const a = await Ledger.open(new MemoryLogStore(of), {
				device: 'devicerest',
				now: () => time
			});
			for (let i = 0; i < 2; i++) {
				await a.append([sale(`month ${i}`)]);
				time += 31 * DAY;
			}
			time = Date.now();
			await a.append([sale('today')]);
			const first = syncThroughHub(a, token, 'Till 1', hubTransport(token, of, older.url));
			const periods = [...a.heldDocs().keys()].filter((d) => d.startsWith('p/')).sort();
			expect(periods.length).toBe(3);
			await until(
				() => periods.every((p) => a.head.getMap('held').has(`${p}|hub`)),
				20_000,
				'every period of A on the hub'
			);
			await first.stop();
			await older.close();

			// The hub is restored from the copy taken before: it lacks them all, but A's head says it has them.
			copyFileSync(backup, join(folder, 'hub.sqlite'));
			const storage = await openSqlite(folder);
			restored = await startHub({ storage });
			later.push(syncThroughHub(a, token, 'Till 1', hubTransport(token, of, restored.url)));
			await until(
				async () => {
					for (const p of periods)
						if ((await storage.load(`${of}/${p}`)).length === 0) return false;
					return true;
				},
				20_000,
				'A pushes again what the restored hub lost'
			);
			// A goes; B gets it all from the hub alone.
			await later[0]?.stop();
			const b = await Ledger.open(new MemoryLogStore(of), { device: 'devicenew' });
			later.push(syncThroughHub(b, token, 'Tablet', hubTransport(token, of, restored.url)));
			await until(
				async () => b.size === a.size,
				30_000,
				'B gets all of A through the restored hub'
			);
			expect(await eventIds(b)).toEqual(await eventIds(a));
		} finally {
			for (const sync of later) await sync.stop();
			await restored?.close();
			rmSync(folder, { recursive: true, force: true });
		}
	}, 60_000);

	it('lets a device that joins through the hub, with no other device there, take the history from the hub', async () => {
		const alone = storeId('joins-alone');
		const { token } = await issueToken(hub.base, { store: alone });
		let time = Date.now() - 40 * DAY;
		const a = await Ledger.open(new MemoryLogStore(alone), {
			device: 'devicegone',
			now: () => time
		});
		await a.append([sale('last month')]);
		time = Date.now();
		await a.append([sale('today')]);
		const first = syncThroughHub(a, token, 'Till 1', hubTransport(token, alone));
		const periods = [...a.heldDocs().keys()].filter((d) => d.startsWith('p/'));
		await until(
			() => periods.every((p) => a.head.getMap('held').has(`${p}|hub`)),
			20_000,
			'A on the hub'
		);
		await first.stop();

		// B joins as the app does (held, waiting for a checkpoint); nobody is there to offer one.
		const b = await Ledger.open(new MemoryLogStore(alone), { device: 'devicejoin' });
		await b.hold(true);
		/** @type {string | null} */
		let done = null;
		const never = () => Promise.reject(new Error('no checkpoint here'));
		syncThroughHub(b, token, 'Tablet', hubTransport(token, alone), {
			checkpoints: { build: never, install: never },
			awaitingCheckpoint: true,
			onCheckpointDone: (/** @type {string} */ how) => (done = how)
		});
		await until(() => done === 'none', 15_000, 'the wait for a checkpoint over');
		expect(b.isHeld).toBe(false);
		await until(async () => b.size === a.size, 20_000, 'B holds the whole history');
		expect(await eventIds(b)).toEqual(await eventIds(a));
	}, 60_000);
});
