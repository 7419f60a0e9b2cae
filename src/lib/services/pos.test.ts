import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftSale } from '$lib/domain/cart';
import { exchange } from '$lib/ledger/exchange';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { UnitrackDb } from '$lib/store/db';
import { completeSale, releaseUnits, scanIntoCart } from './pos';
import { openRuntime, type LocalRuntime as Runtime } from './runtime';
import { saveStoreSettings } from './settings';

const open: Runtime[] = [];
async function device(): Promise<Runtime> {
	const rt = await openRuntime(new UnitrackDb(`pos-${Math.random()}`), new MemoryLogStore());
	open.push(rt);
	return rt;
}
afterEach(async () => {
	for (const rt of open.splice(0)) {
		rt.ledger.close();
		await rt.db.delete();
	}
});

/** Delivers what each device has that the other lacks, both ways. */
async function meet(a: Runtime, b: Runtime): Promise<void> {
	await exchange(a.ledger, b.ledger);
}

const sale = (serials: string[]): DraftSale => ({
	lines: [
		{
			lineId: 'l1',
			productId: 'p1',
			name: 'Pixel 9',
			serialised: true,
			price: '10',
			quantity: String(serials.length),
			serials,
			customerWarrantyDays: 365
		}
	],
	customer: { name: '', phone: '', email: '' },
	paymentMethod: 'cash',
	paymentAmount: '100'
});

async function stock(rt: Runtime): Promise<void> {
	await rt.ledger.append([
		{
			type: 'product.upserted',
			productId: 'p1',
			fields: {
				name: 'Pixel 9',
				stockCode: 'PX9',
				barcode: '',
				price: 1000,
				serialised: true,
				customerWarrantyDays: 365
			}
		},
		{
			type: 'stock.received',
			receiptId: 'r1',
			productId: 'p1',
			supplierId: 's1',
			reference: '',
			unitCost: null,
			warrantyDays: 30,
			method: 'manual',
			serials: ['SN1', 'SN2']
		}
	]);
}

describe('selling by serial across devices', () => {
	it('two devices that sell the same unit apart both show the conflict once they meet', async () => {
		const a = await device();
		const b = await device();
		await stock(a);
		await meet(a, b);
		// Apart: each device scans SN1 into its own cart and completes the sale.
		for (const [rt, cart] of [
			[a, 'cartA'],
			[b, 'cartB']
		] as const) {
			const scan = await scanIntoCart(rt, cart, 'SN1');
			expect(scan.kind).toBe('unit');
			expect(await completeSale(rt, cart, sale(['SN1']))).toMatchObject({ ok: true });
		}
		await meet(a, b);
		for (const rt of [a, b]) {
			const unit = await rt.db.units.get(['p1', 'SN1']);
			expect(unit?.status).toBe('sold');
			expect(
				await rt.db.conflicts.where('[productId+serial]').equals(['p1', 'SN1']).count()
			).toBeGreaterThan(0);
			expect(await rt.db.sales.count()).toBe(2);
		}
		const [ua, ub] = await Promise.all([
			a.db.units.get(['p1', 'SN1']),
			b.db.units.get(['p1', 'SN1'])
		]);
		expect(ua).toEqual(ub);
		expect((await a.db.conflicts.toArray()).map((c) => c.id).sort()).toEqual(
			(await b.db.conflicts.toArray()).map((c) => c.id).sort()
		);
	});

	it('shows a unit in another cart on a peer, and frees it when released', async () => {
		const a = await device();
		const b = await device();
		await stock(a);
		await meet(a, b);
		expect((await scanIntoCart(a, 'cartA', 'SN2')).kind).toBe('unit');
		await meet(a, b);
		const refused = await scanIntoCart(b, 'cartB', 'SN2');
		expect(refused).toEqual({
			kind: 'refused',
			message: `Serial SN2 is in another cart, on device ${a.ledger.device}.`
		});
		await releaseUnits(a, 'cartA', [{ productId: 'p1', serials: ['SN2'] }]);
		await meet(a, b);
		expect((await scanIntoCart(b, 'cartB', 'SN2')).kind).toBe('unit');
	});

	it('refuses completing a sale whose serial is not reserved for the cart, writing nothing', async () => {
		const a = await device();
		await stock(a);
		const before = a.ledger.size;
		const result = await completeSale(a, 'cartA', sale(['SN1']));
		expect(result.ok).toBe(false);
		expect(a.ledger.size).toBe(before);
	});
});

describe('the store rules a sale must keep', () => {
	const quantitySale = (productId: string, name: string, quantity: number): DraftSale => ({
		...sale([]),
		lines: [
			{
				lineId: `l-${productId}`,
				productId,
				name,
				serialised: false,
				price: '1',
				quantity: String(quantity),
				serials: [],
				customerWarrantyDays: 0
			}
		]
	});

	it('refuses selling more of a quantity product than is on hand, writing nothing', async () => {
		const a = await device();
		await a.ledger.append([
			{ type: 'product.upserted', productId: 'cable', fields: { name: 'USB-C Cable' } },
			{
				type: 'stock.quantity_received',
				receiptId: 'q1',
				productId: 'cable',
				supplierId: '',
				reference: '',
				unitCost: null,
				quantity: 2
			}
		]);
		const before = a.ledger.size;
		expect(await completeSale(a, 'cart1', quantitySale('cable', 'USB-C Cable', 3))).toEqual({
			ok: false,
			errors: ['Line 1 (USB-C Cable): only 2 on hand.']
		});
		expect(a.ledger.size).toBe(before);
		expect(await a.db.sales.count()).toBe(0);
		expect(await completeSale(a, 'cart2', quantitySale('cable', 'USB-C Cable', 2))).toMatchObject({
			ok: true
		});
		expect((await a.db.products.get('cable'))?.quantityOnHand).toBe(0);
		expect(await completeSale(a, 'cart3', quantitySale('cable', 'USB-C Cable', 1))).toEqual({
			ok: false,
			errors: ['Line 1 (USB-C Cable): only 0 on hand.']
		});
	});

	it('sells a service nobody ever received (Labour) without counting stock', async () => {
		const a = await device();
		await a.ledger.append([
			{ type: 'product.upserted', productId: 'labour', fields: { name: 'Labour' } }
		]);
		expect(await completeSale(a, 'cart1', quantitySale('labour', 'Labour', 3))).toMatchObject({
			ok: true
		});
	});

	it('refuses serialised stock without a customer once any device of the store requires one', async () => {
		const a = await device();
		const b = await device();
		await stock(a);
		await saveStoreSettings(a, { customerRequiredForSerialised: true });
		await meet(a, b);
		expect((await scanIntoCart(b, 'cartB', 'SN1')).kind).toBe('unit');
		const before = b.ledger.size;
		const refused = await completeSale(b, 'cartB', sale(['SN1']));
		expect(refused).toEqual({
			ok: false,
			errors: [
				"Enter the customer's name or phone: this store requires a customer for sales of serialised stock (Pixel 9)."
			]
		});
		expect(b.ledger.size).toBe(before);
		const named = { ...sale(['SN1']), customer: { name: 'Ann Lee', phone: '', email: '' } };
		expect(await completeSale(b, 'cartB', named)).toMatchObject({ ok: true });
	});
});

describe('selling a bundle', () => {
	async function kit(rt: Runtime): Promise<void> {
		await stock(rt);
		await rt.ledger.append([
			{
				type: 'product.upserted',
				productId: 'kit',
				fields: {
					name: 'Phone kit',
					stockCode: 'KIT',
					price: 1200,
					components: [{ productId: 'p1', quantity: 1 }]
				}
			}
		]);
	}
	const kitSale = (parts: DraftSale['lines']): DraftSale => ({
		...sale([]),
		lines: [
			{
				lineId: 'b',
				productId: 'kit',
				name: 'Phone kit',
				serialised: false,
				price: '12',
				quantity: '1',
				serials: [],
				customerWarrantyDays: 0,
				bundleLineId: null
			},
			...parts
		]
	});
	const phone = (serials: string[], quantity = serials.length) => ({
		...(sale(serials).lines[0] as DraftSale['lines'][number]),
		lineId: 'c',
		price: '0',
		quantity: String(quantity),
		bundleLineId: 'b'
	});

	it('records which unit went into which bundle', async () => {
		const a = await device();
		await kit(a);
		expect((await scanIntoCart(a, 'cartA', 'SN2')).kind).toBe('unit');
		const result = await completeSale(a, 'cartA', kitSale([phone(['SN2'])]));
		expect(result).toMatchObject({ ok: true });
		const sold = await a.db.sales.get('cartA');
		expect(sold?.lines.map((l) => [l.productId, l.serials, l.bundleLineId])).toEqual([
			['kit', [], null],
			['p1', ['SN2'], 'b']
		]);
		expect((await a.db.units.get(['p1', 'SN2']))?.status).toBe('sold');
	});

	it('refuses a bundle short of a component, writing nothing', async () => {
		const a = await device();
		await kit(a);
		const before = a.ledger.size;
		const result = await completeSale(a, 'cartA', kitSale([]));
		expect(result).toEqual({
			ok: false,
			errors: ['Line 1 (Phone kit) takes 1 × Pixel 9, but the sale has 0.']
		});
		expect(a.ledger.size).toBe(before);
	});
});

describe('GS1 codes at the POS', () => {
	const GS = '\u001d';
	async function gs1Stock(rt: Runtime): Promise<void> {
		await rt.ledger.append([
			{
				type: 'product.upserted',
				productId: 'stent',
				// Its barcode field holds the GTIN-13; the codes carry it as GTIN-14.
				fields: { name: 'Stent 4 mm', barcode: '4006381333931', serialised: true, price: 5 }
			},
			{
				type: 'product.upserted',
				productId: 'other',
				fields: { name: 'Other', barcode: '', serialised: true, price: 5 }
			},
			{
				type: 'stock.received',
				receiptId: 'r1',
				productId: 'stent',
				supplierId: 's',
				reference: '',
				unitCost: null,
				warrantyDays: 0,
				method: 'scan',
				serials: ['S1', 'S2']
			},
			{
				type: 'stock.received',
				receiptId: 'r2',
				productId: 'other',
				supplierId: 's',
				reference: '',
				unitCost: null,
				warrantyDays: 0,
				method: 'scan',
				serials: ['S1']
			}
		]);
	}

	it('reserves the unit of (the product with that GTIN, that serial)', async () => {
		const rt = await device();
		await gs1Stock(rt);
		const result = await scanIntoCart(rt, 'cart1', `]d2010400638133393117270300${'10'}L1${GS}21S1`);
		expect(result).toMatchObject({ kind: 'unit', unit: { productId: 'stent', serial: 'S1' } });
		expect((await rt.db.units.get(['other', 'S1']))?.status).toBe('in_stock');
	});

	it('refuses a GTIN no product has, a serial that is not its unit, and a bad code, saying so', async () => {
		const rt = await device();
		await gs1Stock(rt);
		const message = async (code: string) => {
			const r = await scanIntoCart(rt, 'cart1', code);
			return r.kind === 'refused' ? r.message : r.kind;
		};
		expect(await message(`]d20109506000134352${'21'}S1`)).toBe(
			'No product has GTIN 09506000134352 on this device.'
		);
		expect(await message(`]d20104006381333931${'21'}S9`)).toBe(
			'Serial S9 is not a unit of Stent 4 mm (GTIN 04006381333931).'
		);
		expect(await message(`]d20104006381333932${'21'}S1`)).toBe(
			'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1).'
		);
		// A GTIN without a serial adds the product, as its barcode would.
		expect(await message(`]d20104006381333931`)).toBe('product');
	});
});
