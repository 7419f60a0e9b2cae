import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '$lib/domain/hlc';
import type { LedgerEvent } from '$lib/domain/types';
import { UnitrackDb } from './db';
import { arbLogAndArrival, chunks } from './log-arbitrary';
import { projectEvents, rebuildProjection } from './projector';
import { dumpTables, testDatabases } from './test-tables';

const dbs = testDatabases('test');
const freshDb = () => dbs.fresh();
afterEach(dbs.deleteAll);

describe('projector', () => {
	it('gives the same rows applied one by one in any order as rebuilt from the log', async () => {
		await fc.assert(
			fc.asyncProperty(
				arbLogAndArrival(),
				fc.integer({ min: 1, max: 8 }),
				fc.integer({ min: 1, max: 30 }),
				async ([log, arrival], batch, cacheRows) => {
					const incremental = freshDb();
					for (const event of arrival) await projectEvents(incremental, [event]);
					// Rebuilt in batches, with a cache that rows leave and are read back into.
					const rebuilt = freshDb();
					await rebuildProjection(rebuilt, chunks(log, batch), undefined, { cacheRows });
					expect(await dumpTables(incremental)).toEqual(await dumpTables(rebuilt));
					await dbs.deleteAll();
				}
			),
			{ numRuns: 40 }
		);
		// Two databases per run on fake-indexeddb: slow on a loaded machine, not stuck.
	}, 60_000);

	it('applies an event once, however often it arrives', async () => {
		const db = freshDb();
		const event: LedgerEvent = {
			id: 'e1',
			at: formatHlc({ wall: 1, counter: 0, device: 'd' }),
			device: 'd',
			type: 'stock.quantity_received',
			receiptId: 'q1',
			productId: 'p',
			supplierId: '',
			reference: '',
			unitCost: null,
			quantity: 3
		};
		await projectEvents(db, [event, event]);
		await projectEvents(db, [event]);
		expect((await db.products.get('p'))?.quantityOnHand).toBe(3);
	});

	it('counts the quantities of two sales with one id once each, whatever order and however often they come', async () => {
		const sale = (id: string, wall: number, quantity: number): LedgerEvent => ({
			id,
			at: formatHlc({ wall, counter: 0, device: 'd' }),
			device: 'd',
			type: 'sale.completed',
			// One sale id twice: only a hostile peer does it.
			saleId: 's1',
			receiptNo: `R-${id}`,
			lines: [
				{
					lineId: 'l1',
					productId: 'cable',
					name: 'Cable',
					unitPrice: 100,
					quantity,
					serials: [],
					customerWarrantyDays: 0,
					bundleLineId: null
				}
			],
			customer: { name: '', phone: '', email: '' },
			total: 100,
			payment: { method: 'cash', amount: 100 },
			ticketId: null
		});
		const early = sale('early', 10, 2);
		const late = sale('late', 20, 5);
		for (const order of [
			[[early], [late], [early, late]],
			[[late], [early], [late]],
			[[late, early], [early]]
		]) {
			const db = freshDb();
			for (const batch of order) await projectEvents(db, batch);
			expect((await db.products.get('cable'))?.quantityOnHand).toBe(-7);
			expect((await db.sales.get('s1'))?.eventId).toBe('early');
			// The sale row names the earlier event; the later one keeps a row of its own.
			expect(await db.quantityEvents.toArray()).toEqual([
				{ eventId: 'late', productId: 'cable', delta: -5 }
			]);
		}
	});

	it('moves the stock of a bundle through its components, out on the sale and back on the refund', async () => {
		const db = freshDb();
		const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
		const line = (lineId: string, productId: string, bundleLineId: string | null) => ({
			lineId,
			productId,
			name: productId,
			unitPrice: bundleLineId ? 0 : 2500,
			quantity: 1,
			serials: [],
			customerWarrantyDays: 0,
			bundleLineId
		});
		const events: LedgerEvent[] = [
			{
				id: 'q',
				at: at(1),
				device: 'd',
				type: 'stock.quantity_received',
				receiptId: 'q1',
				productId: 'case',
				supplierId: '',
				reference: '',
				unitCost: null,
				quantity: 5
			},
			{
				id: 's',
				at: at(2),
				device: 'd',
				type: 'sale.completed',
				saleId: 's1',
				receiptNo: 'R-1',
				lines: [line('b', 'kit', null), line('c', 'case', 'b')],
				customer: { name: '', phone: '', email: '' },
				total: 2500,
				payment: { method: 'cash', amount: 2500 },
				ticketId: null
			}
		];
		await projectEvents(db, events);
		expect((await db.products.get('case'))?.quantityOnHand).toBe(4);
		expect((await db.products.get('kit'))?.quantityOnHand ?? 0).toBe(0);
		await projectEvents(db, [
			{
				id: 'f',
				at: at(3),
				device: 'd',
				type: 'refund.completed',
				refundId: 'f1',
				saleId: 's1',
				lines: [
					{
						lineId: 'b',
						productId: 'kit',
						quantity: 1,
						serials: [],
						condition: 'stock',
						amount: 2500
					},
					{
						lineId: 'c',
						productId: 'case',
						quantity: 1,
						serials: [],
						condition: 'stock',
						amount: 0,
						bundleLineId: 'b'
					}
				],
				total: 2500
			}
		]);
		expect((await db.products.get('case'))?.quantityOnHand).toBe(5);
		expect((await db.products.get('kit'))?.quantityOnHand ?? 0).toBe(0);
	});

	it('keeps a second receipt of a serial as a conflict with both receipts', async () => {
		const db = freshDb();
		const receive = (id: string, wall: number, device: string): LedgerEvent => ({
			id,
			at: formatHlc({ wall, counter: 0, device }),
			device,
			type: 'stock.received',
			receiptId: `r-${id}`,
			productId: 'p',
			supplierId: 's',
			reference: '',
			unitCost: null,
			warrantyDays: 30,
			method: 'manual',
			serials: ['SN1']
		});
		await projectEvents(db, [receive('b', 20, 'devB')]);
		await projectEvents(db, [receive('a', 10, 'devA')]);
		const unit = await db.units.get(['p', 'SN1']);
		expect(unit?.receiptId).toBe('r-a');
		expect(unit?.facts.map((f) => f.refId)).toEqual(['r-a', 'r-b']);
		expect(await db.conflicts.count()).toBe(1);
		expect((await db.products.get('p'))?.counts).toEqual({ in_stock: 1 });
	});

	it('gives units the lot and expiry their receipt read, through later changes, any order and a rebuild', async () => {
		const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
		const received: LedgerEvent = {
			id: 'r1',
			at: at(10),
			device: 'd',
			type: 'stock.received',
			receiptId: 'rc1',
			productId: 'p',
			supplierId: 's',
			reference: '',
			unitCost: null,
			warrantyDays: 30,
			method: 'scan',
			serials: ['S1', 'S2', 'S3'],
			lots: ['L-1', '', 'L-3'],
			expiries: ['2027-03-31', '2027-04-30', '']
		};
		const sold: LedgerEvent = {
			id: 'c1',
			at: at(20),
			device: 'd',
			type: 'units.changed',
			action: 'sell',
			productId: 'p',
			serials: ['S1'],
			ref: { kind: 'sale', id: 'sale1' },
			note: ''
		};
		const rows = async (db: UnitrackDb) =>
			(await db.units.toArray()).map((u) => [u.serial, u.lot, u.expiry, u.status]);
		const want = [
			['S1', 'L-1', '2027-03-31', 'sold'],
			['S2', undefined, '2027-04-30', 'in_stock'],
			['S3', 'L-3', undefined, 'in_stock']
		];
		const inOrder = freshDb();
		await projectEvents(inOrder, [received]);
		await projectEvents(inOrder, [sold]);
		expect(await rows(inOrder)).toEqual(want);
		const reversed = freshDb();
		await projectEvents(reversed, [sold]);
		await projectEvents(reversed, [received]);
		expect(await rows(reversed)).toEqual(want);
		const rebuilt = freshDb();
		await rebuildProjection(rebuilt, [[sold, received]]);
		expect(await dumpTables(rebuilt)).toEqual(await dumpTables(inOrder));
	});

	it('refuses lots and expiries that do not match the serials', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const db = freshDb();
		const base = {
			at: formatHlc({ wall: 1, counter: 0, device: 'd' }),
			device: 'd',
			type: 'stock.received',
			receiptId: 'r',
			productId: 'p',
			supplierId: 's',
			reference: '',
			unitCost: null,
			warrantyDays: 5,
			method: 'scan',
			serials: ['A', 'B']
		};
		await projectEvents(db, [
			{ ...base, id: 'l1', lots: ['only-one'] },
			{ ...base, id: 'l2', lots: ['A B', ''] },
			{ ...base, id: 'l3', lots: ['x'.repeat(21), ''] },
			{ ...base, id: 'l4', expiries: ['2027-02-30', ''] },
			{ ...base, id: 'l5', expiries: [5, ''] }
		]);
		expect(await db.units.count()).toBe(0);
		expect((await db.rejected.toArray()).map((r) => r.reason)).toEqual([
			'bad lots',
			'bad lots',
			'bad lots',
			'bad expiries',
			'bad expiries'
		]);
		warn.mockRestore();
	});

	it('keeps the store setting with the latest clock, whatever order saves arrive in', async () => {
		const save = (id: string, wall: number, device: string, on: boolean): LedgerEvent => ({
			id,
			at: formatHlc({ wall, counter: 0, device }),
			device,
			type: 'settings.upserted',
			fields: { customerRequiredForSerialised: on }
		});
		const saves = [
			save('s1', 10, 'devA', true),
			save('s2', 30, 'devB', false),
			save('s3', 20, 'devA', true)
		];
		for (const order of [saves, [...saves].reverse(), [saves[1], saves[0], saves[2]]]) {
			const db = freshDb();
			for (const event of order) await projectEvents(db, [event]);
			const row = await db.settings.get('store');
			expect(row?.customerRequiredForSerialised).toBe(false);
			expect(row?.clocks.customerRequiredForSerialised).toEqual({
				at: saves[1]?.at,
				eventId: 's2'
			});
		}
		// An empty save changes no field.
		const db = freshDb();
		await projectEvents(db, [
			save('s4', 40, 'devA', true),
			{ ...save('s5', 50, 'devB', true), fields: {} }
		]);
		expect((await db.settings.get('store'))?.clocks.customerRequiredForSerialised).toEqual({
			at: formatHlc({ wall: 40, counter: 0, device: 'devA' }),
			eventId: 's4'
		});
	});

	it('refuses a setting that is unknown or not a switch', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const db = freshDb();
		const base = {
			at: formatHlc({ wall: 1, counter: 0, device: 'd' }),
			device: 'd',
			type: 'settings.upserted'
		};
		await projectEvents(db, [
			{ ...base, id: 'x1', fields: { customerRequiredForSerialised: 'yes' } },
			{ ...base, id: 'x2', fields: { isAdmin: true } },
			{ ...base, id: 'x3', fields: null }
		]);
		expect(await db.settings.count()).toBe(0);
		expect((await db.rejected.toArray()).map((r) => r.reason)).toEqual([
			'customerRequiredForSerialised is not true or false',
			'unknown setting isAdmin',
			'fields is not an object'
		]);
		warn.mockRestore();
	});

	it('refuses a malformed or hostile event and changes nothing', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const db = freshDb();
		const hostile = [
			null,
			{ id: 'x', type: 'stock.received' },
			{
				id: 'h1',
				at: formatHlc({ wall: 1, counter: 0, device: 'd' }),
				device: 'd',
				type: 'stock.received',
				receiptId: 'r',
				productId: 'p',
				supplierId: 's',
				reference: '',
				unitCost: null,
				warrantyDays: 5,
				method: 'manual',
				serials: ['<script>', 'x'.repeat(41)]
			},
			{
				id: 'h2',
				at: formatHlc({ wall: 1, counter: 0, device: 'd' }),
				device: 'd',
				type: 'product.upserted',
				productId: 'p',
				fields: { __proto__: { admin: true }, price: -5 }
			}
		];
		await projectEvents(db, hostile);
		expect(await db.units.count()).toBe(0);
		expect(await db.products.count()).toBe(0);
		expect(await db.rejected.count()).toBe(4);
		expect(warn).toHaveBeenCalled();
		warn.mockRestore();
	});
});
