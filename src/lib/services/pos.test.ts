import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSale } from '$lib/domain/cart';
import { MemoryPersistence } from '$lib/ledger/persistence';
import { UnitrackDb } from '$lib/store/db';
import { completeSale, releaseUnits, scanIntoCart } from './pos';
import { openRuntime, type Runtime } from './runtime';

const open: Runtime[] = [];
async function device(): Promise<Runtime> {
	const rt = await openRuntime(new UnitrackDb(`pos-${Math.random()}`), new MemoryPersistence());
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
	Y.applyUpdate(
		b.ledger.doc,
		Y.encodeStateAsUpdate(a.ledger.doc, Y.encodeStateVector(b.ledger.doc))
	);
	Y.applyUpdate(
		a.ledger.doc,
		Y.encodeStateAsUpdate(b.ledger.doc, Y.encodeStateVector(a.ledger.doc))
	);
	await Promise.all([a.ledger.settled(), b.ledger.settled()]);
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
