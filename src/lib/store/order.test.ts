/**
 * Order never decides (DESIGN.md, The ledger; issue 13): for every pair of
 * event types, any delivery order and any batching give the same rows.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '$lib/domain/hlc';
import type { LedgerEvent } from '$lib/domain/types';
import { arbLogAndArrival, chunks, EVENT_TYPES } from './log-arbitrary';
import { projectEvents } from './projector';
import { dumpTables, testDatabases } from './test-tables';

const dbs = testDatabases('order');
const freshDb = () => dbs.fresh();
afterEach(dbs.deleteAll);

const pairs = EVENT_TYPES.flatMap((a, i) => EVENT_TYPES.slice(i).map((b) => [a, b] as const));

describe('order never decides', () => {
	it.each(pairs)(
		'%s with %s: any delivery order and batching, the same rows',
		async (a, b) => {
			await fc.assert(
				fc.asyncProperty(
					arbLogAndArrival([a, b], 10),
					fc.integer({ min: 1, max: 4 }),
					async ([log, arrival], batch) => {
						const shuffled = freshDb();
						for (const part of chunks(arrival, batch)) await projectEvents(shuffled, part);
						const reversed = freshDb();
						for (const e of [...log].reverse()) await projectEvents(reversed, [e]);
						expect(await dumpTables(shuffled)).toEqual(await dumpTables(reversed));
						await dbs.deleteAll();
					}
				),
				{ numRuns: 12 }
			);
		},
		60_000
	);

	it("takes a unit's supplier, receipt date, warranty and cost from the receipt the fold chose", async () => {
		const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
		const receive = (id: string, wall: number, supplierId: string, days: number): LedgerEvent => ({
			id,
			at: at(wall),
			device: 'd',
			type: 'stock.received',
			// One receipt id twice: only a hostile peer does it, and still order must not decide.
			receiptId: 'r1',
			productId: 'p',
			supplierId,
			reference: '',
			unitCost: wall * 100,
			warrantyDays: days,
			method: 'manual',
			serials: [id === 'early' ? 'SN1' : 'SN2', 'SN3']
		});
		const sell: LedgerEvent = {
			id: 'sell',
			at: at(30),
			device: 'd',
			type: 'units.changed',
			action: 'sell',
			productId: 'p',
			serials: ['SN3'],
			ref: { kind: 'sale', id: 'x' },
			note: ''
		};
		const events = [sell, receive('late', 20, 'sLate', 90), receive('early', 10, 'sEarly', 30)];
		const rows = [];
		for (const order of [events, [...events].reverse(), [events[1]!, events[0]!, events[2]!]]) {
			const db = freshDb();
			for (const e of order) await projectEvents(db, [e]);
			rows.push(
				await db.units.bulkGet([
					['p', 'SN1'],
					['p', 'SN2'],
					['p', 'SN3']
				])
			);
		}
		expect(rows[1]).toEqual(rows[0]);
		expect(rows[2]).toEqual(rows[0]);
		const [sn1, sn2, sn3] = rows[0]!;
		// Each unit from the receipt event it came in on; SN3 came in on both: the earlier.
		expect(sn1).toMatchObject({ supplierId: 'sEarly', unitCost: 1000, receivedAt: 10 });
		expect(sn2).toMatchObject({ supplierId: 'sLate', unitCost: 2000, receivedAt: 20 });
		expect(sn3).toMatchObject({ supplierId: 'sEarly', status: 'sold' });
		expect(sn3?.supplierWarrantyEnd).toBe(10 + 30 * 24 * 60 * 60 * 1000);
	});
});
