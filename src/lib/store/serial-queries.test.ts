import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { openRuntime, type LocalRuntime } from '$lib/services/runtime';
import { UnitrackDb } from './db';
import { nearMatches, unitsBySerial } from './serial-queries';

let rt: LocalRuntime;
afterEach(async () => {
	await rt?.db.delete();
});

async function store() {
	rt = await openRuntime(new UnitrackDb(`sq-${Math.random()}`), new MemoryLogStore());
	const receive = (productId: string, serials: string[]) => ({
		type: 'stock.received' as const,
		receiptId: `r-${productId}`,
		productId,
		supplierId: 's1',
		reference: '',
		unitCost: null,
		warrantyDays: 0,
		method: 'manual' as const,
		serials
	});
	const product = (productId: string, name: string, exactSerialCase?: boolean) => ({
		type: 'product.upserted' as const,
		productId,
		fields: {
			name,
			stockCode: name.toUpperCase(),
			barcode: '',
			price: 0,
			serialised: true,
			customerWarrantyDays: 0,
			...(exactSerialCase ? { exactSerialCase } : {})
		}
	});
	await rt.ledger.append([
		product('p1', 'Drill'),
		product('p2', 'Saw', true),
		receive('p1', ['MAN-A2', 'MAN-A20', 'MAN-B1']),
		receive('p2', ['man-a2', 'Ab-1'])
	]);
}

describe('unitsBySerial', () => {
	it('finds a serial typed in another case, except on a product whose case counts', async () => {
		await store();
		const found = (serial: string) =>
			unitsBySerial(rt.db, serial).then((units) => units.map((u) => `${u.productId} ${u.serial}`));
		expect(await found('man-a2')).toEqual(['p1 MAN-A2', 'p2 man-a2']);
		expect(await found('MAN-A2')).toEqual(['p1 MAN-A2']);
		expect(await found('ab-1')).toEqual([]);
		expect(await found('Ab-1')).toEqual(['p2 Ab-1']);
		expect(await found('')).toEqual([]);
	});
});

describe('nearMatches', () => {
	it('lists serials that start with the text in any case, the same serial first', async () => {
		await store();
		const near = await nearMatches(rt.db, 'man-a2');
		expect(near.map((n) => `${n.product?.name} ${n.unit.serial}`)).toEqual([
			'Saw man-a2',
			'Drill MAN-A2',
			'Drill MAN-A20'
		]);
		expect(await nearMatches(rt.db, 'zz')).toEqual([]);
	});
});
