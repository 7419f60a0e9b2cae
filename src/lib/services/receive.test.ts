import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { Ledger } from '$lib/ledger/ledger';
import { UnitrackDb } from '$lib/store/db';
import { saveProduct } from './catalog';
import { receiveSerials, type ReceiveForm } from './receive';
import { openRuntime, type LocalRuntime as Runtime } from './runtime';

let rt: Runtime;
afterEach(async () => {
	await rt?.db.delete();
});

async function setup(barcode = '', exactSerialCase = false) {
	rt = await openRuntime(new UnitrackDb(`rt-${Math.random()}`), new MemoryLogStore());
	const saved = await saveProduct(rt, null, {
		name: 'Phone',
		stockCode: 'PH1',
		barcode,
		price: '10',
		serialised: true,
		customerWarrantyDays: '365',
		exactSerialCase,
		components: []
	});
	if (!saved.ok) throw new Error('product not saved');
	return saved.id;
}

const form = (productId: string, over: Partial<ReceiveForm>): ReceiveForm => ({
	productId,
	supplierId: '',
	newSupplierName: 'Acme',
	reference: 'PO-1',
	unitCost: '',
	warrantyDays: '30',
	method: 'manual',
	count: '',
	rangeFirst: '',
	rangeLast: '',
	rangeBy: 'last',
	rangeCount: '',
	manualText: '',
	scanned: [],
	...over
});

describe('receiving serials', () => {
	it('a range whose number grows a digit is saved only once the person confirms it', async () => {
		const productId = await setup();
		const range = {
			method: 'range',
			rangeFirst: 'SN-9998',
			rangeBy: 'count',
			rangeCount: '5'
		} as const;
		const before = rt.ledger.size;
		expect(await receiveSerials(rt, form(productId, range))).toEqual({
			ok: false,
			errors: {
				range:
					'The number grows from 4 to 5 digits at SN-10000: tick "Save with the longer number" to save these serials, or end the range before SN-10000.'
			},
			problems: []
		});
		expect(rt.ledger.size).toBe(before);
		const saved = await receiveSerials(
			rt,
			form(productId, { ...range, rangeGrowthConfirmed: true })
		);
		expect(saved).toMatchObject({ ok: true, count: 5 });
		expect(await rt.db.units.get([productId, 'SN-10002'])).toBeDefined();
	});

	it('refuses a serial already held in another letter case, unless the product says case counts', async () => {
		const productId = await setup();
		expect((await receiveSerials(rt, form(productId, { manualText: 'SN-0100' }))).ok).toBe(true);
		const before = rt.ledger.size;
		const again = await receiveSerials(rt, form(productId, { manualText: 'SN-0101\nsn-0100' }));
		expect(again).toEqual({
			ok: false,
			errors: {},
			problems: [
				{
					line: 2,
					serial: 'sn-0100',
					reason:
						'already exists for this product as "SN-0100" (letter case does not count for its serials)'
				}
			]
		});
		expect(rt.ledger.size).toBe(before);

		await rt.db.delete();
		const exact = await setup('', true);
		expect((await receiveSerials(rt, form(exact, { manualText: 'SN-0100' }))).ok).toBe(true);
		expect((await receiveSerials(rt, form(exact, { manualText: 'sn-0100' }))).ok).toBe(true);
		expect((await rt.db.products.get(exact))?.counts.in_stock).toBe(2);
	});

	it('writes one event for the whole batch and projects every unit', async () => {
		const productId = await setup();
		const before = rt.ledger.size;
		const result = await receiveSerials(
			rt,
			form(productId, { method: 'range', rangeFirst: 'SN0098', rangeLast: 'SN0102' })
		);
		expect(result.ok).toBe(true);
		// The new supplier and the receipt travel in one append.
		expect(rt.ledger.size - before).toBe(2);
		expect((await rt.db.products.get(productId))?.counts.in_stock).toBe(5);
	});

	it('writes nothing when any serial is bad, and names every bad one', async () => {
		const productId = await setup();
		await receiveSerials(rt, form(productId, { manualText: 'A1\nA2' }));
		const before = rt.ledger.size;
		const result = await receiveSerials(
			rt,
			form(productId, { manualText: 'A1\nB1\n\nB1\nSN é\nC1', warrantyDays: '-1' })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => p.line)).toEqual([1, 4, 5]);
		expect(result.errors.warrantyDays).toBeDefined();
		expect(rt.ledger.size).toBe(before);
		expect(await rt.db.units.count()).toBe(2);
	});

	it('makes system serials that differ from one batch to the next', async () => {
		const productId = await setup();
		await receiveSerials(rt, form(productId, { method: 'system', count: '3' }));
		await receiveSerials(rt, form(productId, { method: 'system', count: '3' }));
		const units = await rt.db.units.toArray();
		expect(new Set(units.map((u) => u.serial)).size).toBe(6);
	});
});

describe('runtime', () => {
	it('projects on open what the log holds and the tables lack', async () => {
		const store = new MemoryLogStore();
		const ledger = await Ledger.open(store, { device: 'dev1' });
		await ledger.append([
			{
				type: 'stock.quantity_received',
				receiptId: 'q',
				productId: 'p',
				supplierId: '',
				reference: '',
				unitCost: null,
				quantity: 4
			}
		]);
		ledger.close();
		// The tables never saw it: as after a crash between the log write and the projection.
		for (const row of store.rows) row.pending = 1;
		rt = await openRuntime(new UnitrackDb(`rt-${Math.random()}`), store, { device: 'dev1' });
		expect((await rt.db.products.get('p'))?.quantityOnHand).toBe(4);
		expect(await rt.ledger.catchUp()).toBe(0);
	});

	describe('GS1 codes', () => {
		const GS = '\u001d';
		const TODAY = new Date(Date.UTC(2026, 10, 26));
		// GTIN-13 4006381333931 on the product; its GS1 codes carry it as GTIN-14.
		const code = (serial: string, lot = 'LOT-7', expiry = '270300') =>
			`]d2010400638133393117${expiry}10${lot}${GS}21${serial}`;

		it('fills product, serials, lots and expiries, and the units carry them', async () => {
			const productId = await setup('4006381333931');
			const result = await receiveSerials(
				rt,
				form('', {
					method: 'scan',
					scanned: [code('A1'), code('A2', 'LOT-8', '270415'), 'PLAIN-3']
				}),
				TODAY
			);
			expect(result).toMatchObject({ ok: true, count: 3 });
			const units = await rt.db.units
				.where('[productId+serial]')
				.between([productId, ''], [productId, '\uffff'])
				.toArray();
			expect(units.map((u) => [u.serial, u.lot, u.expiry])).toEqual([
				['A1', 'LOT-7', '2027-03-31'],
				['A2', 'LOT-8', '2027-04-15'],
				['PLAIN-3', undefined, undefined]
			]);
		});

		it('reports every bad GS1 line and writes nothing', async () => {
			const productId = await setup('4006381333931');
			const before = rt.ledger.size;
			const result = await receiveSerials(
				rt,
				form(productId, {
					manualText: [
						code('B1'),
						`]d2010400638133393217270300${'21'}B2`,
						`]d20104006381333931172703`,
						`]d20109506000134352${'21'}B4`,
						`]d2010400638133393110LOT`,
						code('B1')
					].join('\n')
				}),
				TODAY
			);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.problems.map((p) => [p.line, p.reason])).toEqual([
				[2, 'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1)'],
				[3, 'The code ends inside the expiry date (17)'],
				[4, 'The GS1 code is for GTIN 09506000134352, not Phone (GTIN 04006381333931)'],
				[5, 'The GS1 code has no serial number (21): it names the product, not one unit'],
				[6, 'also on line 1']
			]);
			expect(rt.ledger.size).toBe(before);
		});

		it('names a GTIN no product has', async () => {
			await setup('4006381333931');
			const result = await receiveSerials(
				rt,
				form('', { method: 'scan', scanned: [`]d20109506000134352${'21'}C1`] }),
				TODAY
			);
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result.errors.product).toBe(
					"No serialised product has GTIN 09506000134352: enter it as the product's barcode first, or choose the product."
				);
		});
	});
});
