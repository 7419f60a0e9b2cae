/**
 * A device joining a store with months of history, over the memory network
 * with the sync planner and the real projection (docs/ledger.md, A joining
 * device): it saves nothing until the store's stock is in, installs the
 * checkpoint a peer builds, can sell at once, and once the history has come
 * in the background its tables are the source's, and what a rebuild from its
 * own log gives.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '$lib/domain/types';
import { openRuntime, type LocalRuntime } from '$lib/services/runtime';
import {
	buildCheckpoint as buildRows,
	installCheckpoint as installRows,
	type CheckpointRows
} from '$lib/store/checkpoint';
import { UnitrackDb } from '$lib/store/db';
import { projectEvents, rebuildProjection } from '$lib/store/projector';
import type { CheckpointStore } from './checkpoint';
import { HoldError, Ledger } from './ledger';
import { MemoryLogStore } from './memory-log-store';
import { MemoryNetwork } from './memory-transport';
import { StoreSync } from './store-sync';
import { dumpTables, testDatabases } from '$lib/store/test-tables';

const DAY = 24 * 60 * 60 * 1000;
const clock = { now: Date.UTC(2026, 0, 5) };
const dbs = testDatabases('join');
afterAll(dbs.deleteAll);
const freshDb = (name: string) => dbs.fresh(`${name}-`);

function checkpointsOf(db: UnitrackDb): CheckpointStore {
	return {
		build: () => buildRows(db),
		install: (rows) => installRows(db, rows as CheckpointRows)
	};
}

const serials = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => `SN-${String(from + i).padStart(4, '0')}`);

const received = (n: number, list: string[]): NewEvent => ({
	type: 'stock.received',
	receiptId: `r${n}`,
	productId: 'p1',
	supplierId: 's1',
	reference: `INV-${n}`,
	unitCost: 1000,
	warrantyDays: 365,
	method: 'manual',
	serials: list
});
const sold = (n: number, list: string[]): NewEvent => ({
	type: 'units.changed',
	action: 'sell',
	productId: 'p1',
	serials: list,
	ref: { kind: 'sale', id: `sale${n}` },
	note: '',
	expected: 'in_stock'
});

/** Three months of trade: most of January's units sold by March. */
async function trade(source: LocalRuntime): Promise<void> {
	await source.ledger.append([
		{ type: 'supplier.upserted', supplierId: 's1', fields: { name: 'Acme', phone: '', email: '' } },
		{
			type: 'product.upserted',
			productId: 'p1',
			fields: { name: 'Phone X', price: 49_900, serialised: true }
		}
	]);
	await source.ledger.append([received(1, serials(0, 300))]);
	for (let i = 0; i < 50; i++) {
		clock.now += DAY;
		await source.ledger.append([sold(i, serials(i * 5, 5))]);
	}
	await source.ledger.append([received(2, serials(1000, 40))]);
	clock.now += 3 * DAY;
	await source.ledger.append([sold(99, serials(1000, 3))]);
}

async function inStock(db: UnitrackDb): Promise<string[]> {
	return (await db.units.toArray())
		.filter((u) => u.status === 'in_stock')
		.map((u) => u.serial)
		.sort();
}

/** A device that has just joined: its ledger held, waiting for a checkpoint. */
async function joiner(network: MemoryNetwork, offered: boolean) {
	const db = freshDb('joiner');
	const ledger = await Ledger.open(new MemoryLogStore(), {
		device: 'joiner',
		now: () => clock.now
	});
	ledger.subscribe(async (batch) => {
		await projectEvents(db, batch.events, { covered: batch.isCovered });
	});
	await ledger.hold(true);
	await ledger.catchUp();
	const done: string[] = [];
	const net = network.join();
	const sync = new StoreSync(ledger, net, 'Till 2', {
		now: () => clock.now,
		checkpoints: checkpointsOf(db),
		awaitingCheckpoint: true,
		checkpointWaitMs: offered ? DAY : 60_000,
		onCheckpointDone: (how) => done.push(how)
	});
	return { db, ledger, net, sync, done };
}

/** Rounds of delivering every message, 5 s apart (a fetch rests after 20 s without progress). */
async function settle(network: MemoryNetwork, syncs: StoreSync[], ledgers: Ledger[], rounds = 1) {
	for (let round = 0; round < rounds; round++) {
		clock.now += 5_000;
		for (let guard = 0; network.inFlight > 0 && guard < 1_000_000; guard++) network.deliverOne();
		await Promise.all(ledgers.map((l) => l.settled()));
		for (const s of syncs) await s.refresh();
		await Promise.all(ledgers.map((l) => l.settled()));
	}
}

describe('a device joining a store with history', () => {
	it('sells from the checkpoint at once, then holds the source’s tables once the history is in', async () => {
		clock.now = Date.UTC(2026, 0, 5);
		const network = new MemoryNetwork(() => 0.5);
		const source = await openRuntime(freshDb('source'), new MemoryLogStore(), {
			device: 'source',
			now: () => clock.now
		});
		await trade(source);
		const sourceNet = network.join();
		const sourceSync = new StoreSync(source.ledger, sourceNet, 'Till 1', {
			now: () => clock.now,
			checkpoints: checkpointsOf(source.db)
		});
		const joining = await joiner(network, true);
		// Nothing may be saved before the store's stock is in.
		await expect(joining.ledger.append([sold(500, serials(200, 1))])).rejects.toBeInstanceOf(
			HoldError
		);

		network.setLink(sourceNet, joining.net, true);
		const syncs = [sourceSync, joining.sync];
		const ledgers = [source.ledger, joining.ledger];
		// Building and gzipping take real time: wait for it, as a device does.
		for (let i = 0; i < 500 && joining.done.length === 0; i++) {
			await settle(network, syncs, ledgers);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		expect(joining.done).toEqual(['installed']);
		expect(joining.ledger.isHeld).toBe(false);
		// The stock is there to sell, whatever of the history has come so far.
		const expected = await inStock(source.db);
		expect(expected.length).toBe(300 - 250 + 40 - 3);
		expect(await inStock(joining.db)).toEqual(expected);
		await joining.ledger.append([sold(600, ['SN-0260'])]);
		expect((await joining.db.units.get(['p1', 'SN-0260']))?.status).toBe('sold');

		await settle(network, syncs, ledgers, 40);
		expect(joining.sync.snapshot.state).toBe('synced');
		expect(joining.ledger.size).toBe(source.ledger.size);
		expect(await dumpTables(joining.db)).toEqual(await dumpTables(source.db));

		const rebuilt = freshDb('rebuilt');
		await rebuildProjection(rebuilt, joining.ledger.history());
		expect(await dumpTables(rebuilt)).toEqual(await dumpTables(joining.db));
		await Promise.all(syncs.map((s) => s.stop()));
	});

	it('with no checkpoint offered, takes the whole history after a while connected', async () => {
		clock.now = Date.UTC(2026, 0, 5);
		const network = new MemoryNetwork(() => 0.5);
		const source = await openRuntime(freshDb('old-source'), new MemoryLogStore(), {
			device: 'source',
			now: () => clock.now
		});
		await trade(source);
		// A device of an earlier version: it builds no checkpoints.
		const sourceNet = network.join();
		const sourceSync = new StoreSync(source.ledger, sourceNet, 'Till 1', { now: () => clock.now });
		const joining = await joiner(network, false);
		network.setLink(sourceNet, joining.net, true);
		const syncs = [sourceSync, joining.sync];
		const ledgers = [source.ledger, joining.ledger];
		await settle(network, syncs, ledgers, 10);
		expect(joining.done).toEqual([]);
		await settle(network, syncs, ledgers, 4);
		expect(joining.done).toEqual(['none']);
		await settle(network, syncs, ledgers, 40);
		expect(joining.ledger.isHeld).toBe(false);
		expect(joining.ledger.size).toBe(source.ledger.size);
		expect(await dumpTables(joining.db)).toEqual(await dumpTables(source.db));
		await Promise.all(syncs.map((s) => s.stop()));
	});
});
