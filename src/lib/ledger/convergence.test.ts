/**
 * The seeded convergence harness (DESIGN.md, Testing): devices, each a
 * ledger with its own projected Dexie database and the sync planner wired
 * as in the app, make random changes between them, many of them clashing
 * (the same serial received on two devices, the same unit sold or adjusted
 * on two), while months go by (the log is split by period) and the sync
 * protocol's messages go in random order over links that go up and down.
 * One device stays apart for months and comes back with events in periods
 * the others have closed. Then every link comes up, and every device must
 * hold the same events once each, the same tables, and every conflict.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { adjustmentsFrom, adjustUnit } from '$lib/domain/adjust';
import type { NewEvent, UnitStatus } from '$lib/domain/types';
import { openRuntime, type LocalRuntime as Runtime } from '$lib/services/runtime';
import { UnitrackDb } from '$lib/store/db';
import { rebuildProjection } from '$lib/store/projector';
import { MemoryLogStore } from './memory-log-store';
import { MemoryNetwork, type MemoryTransport } from './memory-transport';
import { StoreSync } from './store-sync';
import { dumpTables } from '$lib/store/test-tables';

const DEVICES = 5;
const EVENTS = 1000;
const PRODUCTS = ['p1', 'p2', 'p3'];
/** New serials come from a window that moves on: devices apart often receive the same ones. */
const WINDOW = [...Array(6).keys()];

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Device {
	rt: Runtime;
	net: MemoryTransport;
	sync: StoreSync;
}

/** The simulated time all devices share: about four months pass over a run. */
const clock = { now: Date.UTC(2026, 0, 20) };
const HOUR = 60 * 60 * 1000;

const opened: UnitrackDb[] = [];
afterAll(async () => {
	for (const db of opened) await db.delete();
});

async function makeDevices(network: MemoryNetwork, seed: number): Promise<Device[]> {
	const devices: Device[] = [];
	for (let i = 0; i < DEVICES; i++) {
		const db = new UnitrackDb(`convergence-${seed}-${i}-${Math.random()}`);
		opened.push(db);
		const rt = await openRuntime(db, new MemoryLogStore(), {
			device: `dev${i}`,
			now: () => clock.now
		});
		const net = network.join();
		const sync = new StoreSync(rt.ledger, net, `device ${i}`, { now: () => clock.now });
		devices.push({ rt, net, sync });
	}
	return devices;
}

/** One random change a member of staff could make on `device`, decided from what it shows. */
async function randomChange(
	device: Device,
	pick: <T>(items: readonly T[]) => T,
	chance: (p: number) => boolean,
	n: number
): Promise<NewEvent[]> {
	const { db } = device.rt;
	const roll = pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	const productId = pick(PRODUCTS);
	if (roll <= 1) {
		// Receive serials this device does not hold yet (the app refuses known ones).
		const wanted = [1, 2, 3]
			.filter((k) => k === 1 || chance(0.5))
			.map(() => `S${Math.floor(n / 8) + pick(WINDOW)}`);
		const held = await db.units.bulkGet(wanted.map((s) => [productId, s] as [string, string]));
		const serials = [...new Set(wanted.filter((_, i) => !held[i]))];
		if (serials.length === 0) return [];
		return [
			{
				type: 'stock.received',
				receiptId: `r${n}-${device.rt.ledger.device}`,
				productId,
				supplierId: 's1',
				reference: '',
				unitCost: null,
				warrantyDays: 30,
				method: 'manual',
				serials
			}
		];
	}
	if (roll <= 6) {
		const units = await db.units
			.where('[productId+serial]')
			.between([productId, ''], [productId, '\uffff'])
			.toArray();
		const unit = units.length > 0 ? pick(units) : null;
		if (!unit || unit.status === 'not_received') return [];
		if ((unit.status === 'in_stock' || unit.status === 'reserved') && chance(0.5)) {
			return [
				{
					type: 'units.changed',
					action: 'sell',
					productId,
					serials: [unit.serial],
					ref: { kind: 'sale', id: `sale${n}` },
					note: '',
					expected: unit.status
				}
			];
		}
		const actions = adjustmentsFrom(unit.status);
		if (actions.length === 0) return [];
		const adjusted = adjustUnit(unit, pick(actions), '');
		return adjusted.ok ? [adjusted.event] : [];
	}
	if (roll === 7 && chance(0.3)) {
		const conflicts = await db.conflicts.toArray();
		if (conflicts.length === 0) return [];
		const c = pick(conflicts);
		const status: UnitStatus = pick(['in_stock', 'sold', 'faulty', 'written_off']);
		return [
			{
				type: 'conflict.resolved',
				conflictId: c.id,
				productId: c.productId,
				serial: c.serial,
				status,
				note: `settled on ${n}`
			}
		];
	}
	if (roll === 8) {
		return [
			{
				type: 'product.upserted',
				productId,
				fields: { name: `Product ${productId} v${n}`, price: n, serialised: true }
			}
		];
	}
	return [
		{
			type: 'supplier.upserted',
			supplierId: 's1',
			fields: { name: `Supplier v${n}`, phone: '', email: '' }
		}
	];
}

async function quiesce(network: MemoryNetwork, devices: Device[]) {
	for (let round = 0; round < 200; round++) {
		// Time goes on while the devices talk: a period fetch that rested (it
		// gained nothing for a while) is tried again, as it would be.
		clock.now += 30_000;
		for (let guard = 0; network.inFlight > 0 && guard < 1_000_000; guard++) network.deliverOne();
		await Promise.all(devices.map((d) => d.rt.ledger.settled()));
		for (const d of devices) await d.sync.refresh();
		await Promise.all(devices.map((d) => d.rt.ledger.settled()));
		if (network.inFlight === 0 && devices.every((d) => d.sync.snapshot.state === 'synced')) return;
	}
}

async function run(seed: number) {
	const random = prng(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
	const chance = (p: number) => random() < p;
	clock.now = Date.UTC(2026, 0, 20);
	const network = new MemoryNetwork(random);
	const devices = await makeDevices(network, seed);
	const nets = devices.map((d) => d.net);
	const apart = devices[DEVICES - 1]!;
	const setLink = (a: MemoryTransport, b: MemoryTransport, up: boolean) => {
		// The device that is apart meets nobody until the end.
		if (up && (a === apart.net || b === apart.net)) return;
		network.setLink(a, b, up);
	};
	for (const a of nets) for (const b of nets) if (a.id < b.id && chance(0.3)) setLink(a, b, true);

	let appended = 0;
	let tries = 0;
	while (appended < EVENTS && tries++ < EVENTS * 20) {
		clock.now += Math.floor(random() * 6 * HOUR);
		const device = pick(devices);
		const events = await randomChange(device, pick, chance, tries);
		if (events.length > 0) {
			await device.rt.ledger.append(events);
			appended += events.length;
		}
		for (let i = Math.floor(random() * 5); i > 0; i--) network.deliverOne();
		if (chance(0.1)) setLink(pick(nets), pick(nets), chance(0.4));
		if (chance(0.05)) await pick(devices).sync.refresh();
		if (chance(0.01)) {
			// A device leaves: every link it has goes down, with what was in flight.
			const gone = pick(nets);
			for (const other of nets) setLink(gone, other, false);
		}
	}
	expect(appended).toBeGreaterThanOrEqual(EVENTS);

	// Everyone meets: every link up, every message delivered, every write done.
	for (const a of nets) for (const b of nets) network.setLink(a, b, true);
	await quiesce(network, devices);
	expect(network.inFlight).toBe(0);
	return { devices, appended, network };
}

async function eventIds(rt: Runtime): Promise<string[]> {
	const ids: string[] = [];
	for await (const batch of rt.ledger.history())
		for (const e of batch) ids.push((e as { id: string }).id);
	return ids;
}

describe('convergence', () => {
	for (const seed of [1, 20251126]) {
		it(`seed ${seed}: five devices, months apart, end with the same events once each, the same tables and every conflict`, async () => {
			const { devices, appended, network } = await run(seed);
			const [first, ...rest] = devices as [Device, ...Device[]];

			const reference = await eventIds(first.rt);
			if (reference.length !== appended) {
				const { knownPeriods } = await import('./head');
				const { itemsIn } = await import('./update-events');
				for (const d of devices) {
					const held = d.rt.ledger.heldDocs();
					const union = knownPeriods(d.rt.ledger.head);
					console.log(
						d.rt.ledger.device,
						d.sync.snapshot.state,
						(await eventIds(d.rt)).length,
						[...union]
							.map(([p, sv]) => `${p}:${itemsIn(held.get(p) ?? new Map())}/${itemsIn(sv)}`)
							.join(' '),
						'held:',
						[...held].map(([p, sv]) => `${p}:${itemsIn(sv)}`).join(' ')
					);
				}
			}
			expect(reference).toHaveLength(appended);
			expect(new Set(reference).size).toBe(appended);
			for (const d of rest) expect((await eventIds(d.rt)).sort()).toEqual([...reference].sort());
			// The log spans several periods, and the device that was apart wrote into closed ones.
			const periods = [...first.rt.ledger.heldDocs().keys()].filter((d) => d.startsWith('p/'));
			expect(periods.length).toBeGreaterThanOrEqual(3);

			const tables = await dumpTables(first.rt.db);
			for (const d of rest) expect(await dumpTables(d.rt.db)).toEqual(tables);
			expect(tables.rejected).toEqual([]);

			// What the devices show is what the log says, rebuilt from nothing, period by
			// period, with a cache small enough that rows leave it and are read back.
			const rebuilt = new UnitrackDb(`convergence-rebuilt-${seed}-${Math.random()}`);
			opened.push(rebuilt);
			await rebuildProjection(rebuilt, first.rt.ledger.history(), undefined, { cacheRows: 40 });
			expect(await dumpTables(rebuilt)).toEqual(tables);

			// The random changes clashed, and every device sees each clash.
			const conflicts = tables.conflicts as { kind: string; reason: string }[];
			console.info(
				`seed ${seed}: ${conflicts.length} open conflicts (${conflicts.filter((c) => c.kind === 'received').length} receipts), ${network.delivered} messages, periods ${periods.join(' ')}`
			);
			expect(conflicts.filter((c) => c.kind === 'received').length).toBeGreaterThan(0);
			expect(conflicts.filter((c) => c.kind !== 'received').length).toBeGreaterThan(0);
			for (const d of devices) expect(d.sync.snapshot.state).toBe('synced');
			for (const d of devices) await d.sync.stop();
		}, 240_000);
	}
});
