import { describe, expect, it } from 'vitest';
import { formatHlc } from '$lib/domain/hlc';
import { importEvents } from './import-events';
import { Ledger } from './ledger';
import { MemoryLogStore } from './memory-log-store';

const DAY = 24 * 60 * 60 * 1000;

/** 5,000 events over four months, as an old log held them. */
const events = [...Array(5000).keys()].map((i) => ({
	id: `e${i}`,
	at: formatHlc({
		wall: Date.UTC(2026, 0, 1) + Math.floor(i / 42) * DAY,
		counter: i % 42,
		device: 'old'
	}),
	device: 'old',
	type: 'supplier.upserted',
	supplierId: `s${i}`,
	fields: { name: `S${i}` }
}));

async function idsOf(store: MemoryLogStore): Promise<string[]> {
	const ledger = await Ledger.open(store, { device: 'new', now: () => Date.UTC(2026, 6, 1) });
	const ids: string[] = [];
	for await (const batch of ledger.history())
		for (const e of batch) ids.push((e as { id: string }).id);
	ledger.close();
	return ids;
}

describe('importEvents', () => {
	it('puts each event in the period of its clock', async () => {
		const store = new MemoryLogStore();
		expect(await importEvents(store, [...events, { id: 'x', at: 'tomorrow' }])).toEqual([
			{ id: 'x', at: 'tomorrow' }
		]);
		expect([...new Set(store.rows.map((r) => r.doc))].sort()).toEqual([
			'p/2026-01',
			'p/2026-02',
			'p/2026-03',
			'p/2026-04'
		]);
		expect((await idsOf(store)).sort()).toEqual(events.map((e) => e.id).sort());
	});

	it('goes on where it stopped after a failed write, and writes nothing twice', async () => {
		const store = new MemoryLogStore();
		const write = store.write.bind(store);
		let writes = 0;
		store.write = (rows, options) => {
			if (++writes === 3) throw new Error('the page closed');
			return write(rows, options);
		};
		await expect(importEvents(store, events)).rejects.toThrow('the page closed');
		store.write = write;
		await importEvents(store, events);
		const ids = await idsOf(store);
		expect(ids).toHaveLength(events.length);
		expect(new Set(ids).size).toBe(events.length);
		// Each period's doc holds each event once (no second copy under another client).
		const ledger = await Ledger.open(store, { device: 'new', now: () => Date.UTC(2026, 6, 1) });
		expect(ledger.size).toBe(events.length);
		ledger.close();
	});
});
