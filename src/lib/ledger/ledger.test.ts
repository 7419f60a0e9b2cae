import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { LedgerEvent, NewEvent } from '$lib/domain/types';
import { IdbLogStore } from './idb-log-store';
import { Ledger, type EventBatch } from './ledger';
import type { LogStore } from './log-store';
import { MemoryLogStore } from './memory-log-store';
import { HEAD, periodOfTime } from './period';

const receipt = (serials: string[]): NewEvent => ({
	type: 'stock.received',
	receiptId: 'r1',
	productId: 'p1',
	supplierId: 's1',
	reference: '',
	unitCost: null,
	warrantyDays: 30,
	method: 'manual',
	serials
});

const DAY = 24 * 60 * 60 * 1000;
const JAN = Date.UTC(2026, 0, 10);

async function open<S extends LogStore = MemoryLogStore>(
	store: S = new MemoryLogStore() as unknown as S,
	now = () => JAN,
	device = 'dev1'
) {
	const ledger = await Ledger.open(store, { device, now });
	const seen: EventBatch[] = [];
	ledger.subscribe(async (batch) => void seen.push(batch));
	return { ledger, store, seen };
}

async function allEvents(ledger: Ledger): Promise<LedgerEvent[]> {
	const out: LedgerEvent[] = [];
	for await (const batch of ledger.history()) out.push(...(batch as LedgerEvent[]));
	return out;
}

const serialsOf = (events: LedgerEvent[]) =>
	events.flatMap((e) => (e.type === 'stock.received' ? e.serials : []));

describe('ledger', () => {
	it('stamps events and hands them to subscribers only after they are stored', async () => {
		const store = new MemoryLogStore();
		const ledger = await Ledger.open(store, { device: 'dev1', now: () => JAN });
		const seen: unknown[] = [];
		ledger.subscribe(async ({ events, origin }) => {
			expect(store.rows.some((r) => r.doc === periodOfTime(JAN))).toBe(true);
			expect(origin).toBe('local');
			seen.push(...events);
		});
		const [stamped] = await ledger.append([receipt(['A', 'B'])]);
		expect(stamped?.device).toBe('dev1');
		expect(stamped?.id).toMatch(/^[a-z0-9]{16}$/);
		expect(seen).toEqual([stamped]);
		// Projected: nothing is left pending.
		expect(await store.pending()).toEqual([]);
	});

	it('a failed write leaves nothing behind, and every later append stands on its own', async () => {
		const { ledger, store, seen } = await open();
		const doc = await ledger.acquire(periodOfTime(JAN));
		const peerUpdates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => peerUpdates.push(u));
		store.failWrites = 1;
		await expect(ledger.append([receipt(['FAILED'])])).rejects.toThrow(/quota/i);
		// Not applied to the doc (so never sent to a peer), not projected, not stored.
		expect(peerUpdates).toHaveLength(0);
		expect(seen).toHaveLength(0);
		expect(store.rows).toHaveLength(0);
		for (let i = 0; i < 10; i++) await ledger.append([receipt([`S${i}`])]);
		ledger.close();
		const again = await open(store);
		const events = await allEvents(again.ledger);
		expect(serialsOf(events)).toEqual([...Array(10).keys()].map((i) => `S${i}`));
		// The reopened doc holds every one of them (none is stuck behind the failed one).
		const reopened = await again.ledger.acquire(periodOfTime(JAN));
		expect(reopened.getArray('events').length).toBe(10);
	});

	it('keeps every appended event across a reopen (IndexedDB)', async () => {
		const store = new IdbLogStore(`t-${Math.random()}`);
		const first = await open(store);
		for (let i = 0; i < 5; i++) await first.ledger.append([receipt([`S${i}`])]);
		first.ledger.close();
		const again = await open(new IdbLogStore(store.storeId));
		expect(serialsOf(await allEvents(again.ledger))).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
		again.ledger.close();
	});

	it('puts each event in the period of its clock and holds only the current one in memory', async () => {
		let now = Date.UTC(2026, 0, 31, 23, 0);
		const { ledger, store } = await open(new MemoryLogStore(), () => now);
		await ledger.append([receipt(['JAN'])]);
		now += 2 * DAY;
		await ledger.append([receipt(['FEB'])]);
		expect([...new Set(store.rows.map((r) => r.doc))].sort()).toEqual(['p/2026-01', 'p/2026-02']);
		ledger.close();
		const again = await open(store, () => now);
		expect(again.ledger.isOpen('p/2026-02')).toBe(true);
		expect(again.ledger.isOpen('p/2026-01')).toBe(false);
		expect(again.ledger.size).toBe(2);
		// History streams every period, oldest first.
		expect(serialsOf(await allEvents(again.ledger))).toEqual(['JAN', 'FEB']);
	});

	it('never writes more than a bounded row, however long the period grows', async () => {
		const { ledger, store } = await open();
		for (let i = 0; i < 1500; i++) await ledger.append([receipt([`S${i}`, `T${i}`])]);
		expect(Math.max(...store.written)).toBeLessThanOrEqual(512 * 1024);
		expect(store.rows.length).toBeLessThan(200);
		ledger.close();
		const again = await open(store);
		expect(again.ledger.size).toBe(1500);
		expect((await allEvents(again.ledger)).length).toBe(1500);
	});

	it('hands a peer’s events to subscribers as remote, after writing them', async () => {
		const a = await open(new MemoryLogStore(), () => JAN, 'devA');
		const b = await open(new MemoryLogStore(), () => JAN, 'devB');
		const [sent] = await a.ledger.append([receipt(['X'])]);
		const docA = await a.ledger.acquire(periodOfTime(JAN));
		const docB = await b.ledger.acquire(periodOfTime(JAN));
		Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), 'peer');
		await b.ledger.settled();
		expect(b.seen.map((s) => s.origin)).toEqual(['remote']);
		expect(b.seen[0]?.events).toEqual([sent]);
		expect(b.store.rows).toHaveLength(1);
		expect(await b.store.pending()).toEqual([]);
		// B's next stamp orders after what it saw from A.
		const [next] = await b.ledger.append([receipt(['Y'])]);
		expect(next!.at > sent!.at).toBe(true);
	});

	it('does not project a peer’s update it could not write, and reads the doc again to ask for it', async () => {
		vi.useFakeTimers();
		try {
			const a = await open(new MemoryLogStore(), () => JAN, 'devA');
			const b = await open(new MemoryLogStore(), () => JAN, 'devB');
			await a.ledger.append([receipt(['X'])]);
			const docA = await a.ledger.acquire(periodOfTime(JAN));
			const docB = await b.ledger.acquire(periodOfTime(JAN));
			const replaced: Y.Doc[] = [];
			b.ledger.notices.on('replaced', (_name, next) => replaced.push(next));
			const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
			b.store.failWrites = 1;
			Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), 'peer');
			await b.ledger.settled();
			quiet.mockRestore();
			expect(b.seen).toHaveLength(0);
			expect(b.ledger.currentProblem).toMatch(/storage/);
			await vi.advanceTimersByTimeAsync(1500);
			await b.ledger.settled();
			// The doc read again from storage lacks the update: a sync asks for it again.
			expect(replaced).toHaveLength(1);
			expect(replaced[0]!.getArray('events').length).toBe(0);
			Y.applyUpdate(
				replaced[0]!,
				Y.encodeStateAsUpdate(docA, Y.encodeStateVector(replaced[0]!)),
				'peer'
			);
			await b.ledger.settled();
			expect(b.seen.map((s) => s.events.length)).toEqual([1]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('projects at start what was written but not projected', async () => {
		const store = new MemoryLogStore();
		const first = await open(store);
		await first.ledger.append([receipt(['A'])]);
		first.ledger.close();
		// As if the page closed between the write and the projection.
		for (const row of store.rows) if (row.doc !== HEAD) row.pending = 1;
		const again = await open(store);
		expect(await again.ledger.catchUp()).toBe(1);
		expect(again.seen.map((s) => s.origin)).toEqual(['catch-up']);
		expect(await store.pending()).toEqual([]);
	});

	it('says which events a checkpoint already covers', async () => {
		const a = await open(new MemoryLogStore(), () => JAN, 'devA');
		const [old] = await a.ledger.append([receipt(['OLD'])]);
		const docA = await a.ledger.acquire(periodOfTime(JAN));
		const covered = Y.encodeStateVector(docA);
		const [fresh] = await a.ledger.append([receipt(['NEW'])]);
		const b = await open(new MemoryLogStore(), () => JAN, 'devB');
		await b.ledger.setCoverage(new Map([[periodOfTime(JAN), covered]]));
		const docB = await b.ledger.acquire(periodOfTime(JAN));
		Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), 'peer');
		await b.ledger.settled();
		const [batch] = b.seen;
		expect(batch?.isCovered(old!.id)).toBe(true);
		expect(batch?.isCovered(fresh!.id)).toBe(false);
	});

	it('moves a counter only with a saved append, and never from a stale value', async () => {
		const { ledger, store } = await open();
		const from = await ledger.counter('n');
		await ledger.append([receipt(['A'])], { counters: { n: { from, to: from + 5 } } });
		expect(await ledger.counter('n')).toBe(5);
		// Another append read 0 too: refused, nothing written.
		const rows = store.rows.length;
		await expect(
			ledger.append([receipt(['B'])], { counters: { n: { from: 0, to: 5 } } })
		).rejects.toThrow(/moved/);
		expect(store.rows.length).toBe(rows);
		// A failed write uses no number.
		store.failWrites = 1;
		await expect(
			ledger.append([receipt(['C'])], { counters: { n: { from: 5, to: 6 } } })
		).rejects.toThrow(/quota/i);
		expect(await ledger.counter('n')).toBe(5);
	});
});
