/**
 * The seeded convergence harness (DESIGN.md, Testing): five devices, each a
 * ledger with its own projected Dexie database wired as in the app, make
 * 1,000 random changes between them, many of them clashing (the same serial
 * received on two devices, the same unit sold or adjusted on two), while the
 * sync protocol's messages go in random order over links that go up and down.
 * Then every link comes up, and every device must hold the same events once
 * each, the same tables, and every conflict.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { adjustmentsFrom, adjustUnit } from '$lib/domain/adjust';
import type { LedgerEvent, NewEvent, UnitStatus } from '$lib/domain/types';
import { openRuntime, type Runtime } from '$lib/services/runtime';
import {
	UnitrackDb,
	type ProductRow,
	type ReceiptRow,
	type SupplierRow,
	type UnitRow
} from '$lib/store/db';
import { rebuildProjection } from '$lib/store/projector';
import { MemorySyncHub, type MemorySync } from './memory-sync';
import { MemoryPersistence } from './persistence';

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
	sync: MemorySync;
}

const opened: UnitrackDb[] = [];
afterAll(async () => {
	for (const db of opened) await db.delete();
});

async function dump(db: UnitrackDb) {
	const out: Record<string, unknown[]> = {};
	for (const table of db.projected) out[table.name] = await table.toArray();
	return out;
}

/** Each event of the log shows in the tables: its record, its field writes, its unit facts. */
function expectEveryEventReflected(tables: Record<string, unknown[]>, log: LedgerEvent[]) {
	const units = new Map(
		(tables.units as UnitRow[]).map((u) => [
			`${u.productId} ${u.serial}`,
			new Set(u.facts.map((f) => f.eventId))
		])
	);
	const receipts = new Set((tables.receipts as ReceiptRow[]).map((r) => r.id));
	const stamps = new Set(
		[...(tables.products as ProductRow[]), ...(tables.suppliers as SupplierRow[])].flatMap((r) =>
			Object.values(r.clocks).map((c) => c?.eventId)
		)
	);
	const later = (e: { at: string }, row: { clocks: Record<string, { at: string } | undefined> }) =>
		Object.values(row.clocks).every((c) => c && c.at >= e.at);
	for (const e of log) {
		const has = (productId: string, serial: string) =>
			units.get(`${productId} ${serial}`)?.has(e.id) ?? false;
		if (e.type === 'stock.received') {
			expect(receipts.has(e.receiptId)).toBe(true);
			expect(e.serials.every((s) => has(e.productId, s))).toBe(true);
		} else if (e.type === 'units.changed')
			expect(e.serials.every((s) => has(e.productId, s))).toBe(true);
		else if (e.type === 'conflict.resolved') expect(has(e.productId, e.serial)).toBe(true);
		else if (e.type === 'product.upserted' || e.type === 'supplier.upserted') {
			// Its writes hold, or later writes to every field replaced them.
			const row = (
				e.type === 'product.upserted'
					? (tables.products as ProductRow[]).find((p) => p.id === e.productId)
					: (tables.suppliers as SupplierRow[]).find((p) => p.id === e.supplierId)
			) as { clocks: Record<string, { at: string } | undefined> } | undefined;
			expect(row).toBeDefined();
			expect(stamps.has(e.id) || later(e, row!)).toBe(true);
		}
	}
}

async function makeDevices(hub: MemorySyncHub, seed: number): Promise<Device[]> {
	const devices: Device[] = [];
	for (let i = 0; i < DEVICES; i++) {
		const db = new UnitrackDb(`convergence-${seed}-${i}-${Math.random()}`);
		opened.push(db);
		const rt = await openRuntime(db, new MemoryPersistence());
		devices.push({ rt, sync: hub.join(rt.ledger, `device ${i}`) });
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

async function run(seed: number) {
	const random = prng(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
	const chance = (p: number) => random() < p;
	const hub = new MemorySyncHub(random);
	const devices = await makeDevices(hub, seed);
	const syncs = devices.map((d) => d.sync);
	for (const a of syncs)
		for (const b of syncs) if (a.id < b.id && chance(0.3)) hub.setLink(a, b, true);

	let appended = 0;
	let tries = 0;
	while (appended < EVENTS && tries++ < EVENTS * 20) {
		const device = pick(devices);
		const events = await randomChange(device, pick, chance, tries);
		if (events.length > 0) {
			await device.rt.ledger.append(events);
			appended += events.length;
		}
		for (let i = Math.floor(random() * 5); i > 0; i--) hub.deliverOne();
		if (chance(0.1)) hub.setLink(pick(syncs), pick(syncs), chance(0.4));
		if (chance(0.01)) {
			// A device leaves: every link it has goes down, with what was in flight.
			const gone = pick(syncs);
			for (const other of syncs) hub.setLink(gone, other, false);
		}
	}
	expect(appended).toBeGreaterThanOrEqual(EVENTS);

	// Everyone meets: every link up, every message delivered, every write done.
	for (const a of syncs) for (const b of syncs) hub.setLink(a, b, true);
	for (let guard = 0; hub.inFlight > 0 && guard < 1_000_000; guard++) hub.deliverOne();
	expect(hub.inFlight).toBe(0);
	await Promise.all(devices.map((d) => d.rt.ledger.settled()));
	return { devices, appended, hub };
}

describe('convergence', () => {
	for (const seed of [1, 20251126]) {
		it(`seed ${seed}: five devices end with the same events once each, the same tables and every conflict`, async () => {
			const { devices, appended, hub } = await run(seed);
			const [first, ...rest] = devices as [Device, ...Device[]];

			const ids = (d: Device) => d.rt.ledger.events().map((e) => (e as { id: string }).id);
			const reference = ids(first);
			expect(reference).toHaveLength(appended);
			expect(new Set(reference).size).toBe(appended);
			for (const d of rest) expect(ids(d).sort()).toEqual([...reference].sort());

			const tables = await dump(first.rt.db);
			for (const d of rest) expect(await dump(d.rt.db)).toEqual(tables);
			expect(tables.rejected).toEqual([]);
			expectEveryEventReflected(tables, first.rt.ledger.events() as LedgerEvent[]);

			// What the devices show is what the log says, rebuilt from nothing: in
			// batches, with a cache small enough that rows leave it and are read back.
			const rebuilt = new UnitrackDb(`convergence-rebuilt-${seed}-${Math.random()}`);
			opened.push(rebuilt);
			const log = first.rt.ledger.events();
			const batches = [];
			for (let i = 0; i < log.length; i += 97) batches.push(log.slice(i, i + 97));
			await rebuildProjection(rebuilt, batches, undefined, { cacheRows: 40 });
			expect(await dump(rebuilt)).toEqual(tables);

			// The random changes clashed, and every device sees each clash.
			const conflicts = tables.conflicts as { kind: string; reason: string }[];
			console.info(
				`seed ${seed}: ${conflicts.length} open conflicts (${conflicts.filter((c) => c.kind === 'received').length} receipts), ${hub.delivered} messages`
			);
			expect(conflicts.filter((c) => c.kind === 'received').length).toBeGreaterThan(0);
			expect(conflicts.filter((c) => c.kind !== 'received').length).toBeGreaterThan(0);
			const resolutions = (log as LedgerEvent[]).filter((e) => e.type === 'conflict.resolved');
			expect(resolutions.length).toBeGreaterThan(0);
			for (const d of devices) expect(d.sync.snapshot.state).toBe('synced');
		}, 240_000);
	}
});
