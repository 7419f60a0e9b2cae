import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { NewEvent } from '$lib/domain/types';
import { Ledger } from './ledger';
import { IndexedDbPersistence, MemoryPersistence } from './persistence';

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

describe('ledger', () => {
	it('stamps events with id, clock and device, and hands them to subscribers after they are stored', async () => {
		const persistence = new MemoryPersistence();
		const ledger = await Ledger.open(persistence);
		const seen: unknown[] = [];
		ledger.subscribe(async (events) => {
			// By the time a subscriber runs, the update carrying the events is stored.
			expect(persistence.updates.length).toBeGreaterThan(0);
			seen.push(...events);
		});
		const [stamped] = await ledger.append([receipt(['A', 'B'])]);
		expect(stamped?.device).toBe(ledger.device);
		expect(stamped?.id).toMatch(/^[a-z0-9]{16}$/);
		expect(seen).toEqual([stamped]);
	});

	it('fails the append when the write fails, and keeps working afterwards', async () => {
		const persistence = new MemoryPersistence();
		const ledger = await Ledger.open(persistence);
		const store = persistence.store.bind(persistence);
		persistence.store = () => Promise.reject(new Error('quota exceeded'));
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		await expect(ledger.append([receipt(['A'])])).rejects.toThrow('quota exceeded');
		quiet.mockRestore();
		persistence.store = store;
		await expect(ledger.append([receipt(['B'])])).resolves.toHaveLength(1);
	});

	it('keeps every appended event across a reopen (IndexedDB)', async () => {
		const name = `ledger-${Math.random()}`;
		const first = await Ledger.open(new IndexedDbPersistence(name));
		for (let i = 0; i < 5; i++) await first.append([receipt([`S${i}`])]);
		const device = first.device;
		first.close();
		const again = await Ledger.open(new IndexedDbPersistence(name));
		expect(again.device).toBe(device);
		expect(again.events().map((e) => (e as { serials: string[] }).serials[0])).toEqual([
			'S0',
			'S1',
			'S2',
			'S3',
			'S4'
		]);
		again.close();
	});

	it('compacts its stored updates without losing events', async () => {
		const persistence = new MemoryPersistence();
		const ledger = await Ledger.open(persistence);
		for (let i = 0; i < 450; i++) await ledger.append([receipt([`S${i}`])]);
		expect(persistence.updates.length).toBeLessThan(250);
		const again = await Ledger.open(persistence);
		expect(again.size).toBe(450);
	});

	it('passes events that arrive from a peer to subscribers as remote', async () => {
		const a = await Ledger.open(new MemoryPersistence());
		const b = await Ledger.open(new MemoryPersistence());
		const origins: string[] = [];
		b.subscribe(async (_events, origin) => void origins.push(origin));
		await a.append([receipt(['X'])]);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'peer');
		await b.settled();
		expect(origins).toEqual(['remote']);
		expect(b.events()).toEqual(a.events());
		// B's next stamp orders after what it saw from A.
		const [next] = await b.append([receipt(['Y'])]);
		expect(next!.at > (a.events()[0] as { at: string }).at).toBe(true);
	});
});
