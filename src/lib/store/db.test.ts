import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { UnitrackDb } from './db';

const name = `db-upgrade-${Math.random()}`;
afterEach(async () => {
	await Dexie.delete(name);
});

describe('the units status index', () => {
	it('is filled for a store written before it existed, in-stock units left out', async () => {
		// The schema as version 4 left it.
		const old = new Dexie(name);
		old.version(4).stores({
			products: 'id, nameKey, stockCodeKey, barcode',
			suppliers: 'id, nameKey',
			units: '[productId+serial], serial, [productId+status]',
			receipts: 'id, productId, supplierId, at',
			conflicts: 'id, [productId+serial], at',
			applied: 'id',
			rejected: 'key',
			sales: 'id, receiptNo, customerKey, at',
			refunds: 'id, saleId, at',
			tickets: 'id, ticketNo, customerKey, openedAt',
			settings: 'id'
		});
		await old.table('units').bulkAdd([
			{ productId: 'p', serial: 'A', status: 'in_stock' },
			{ productId: 'p', serial: 'B', status: 'faulty' },
			{ productId: 'p', serial: 'C', status: 'sold' }
		]);
		old.close();

		const db = new UnitrackDb(name);
		const faulty = await db.units
			.where('[productId+unlessInStock]')
			.equals(['p', 'faulty'])
			.toArray();
		expect(faulty.map((u) => u.serial)).toEqual(['B']);
		expect(
			await db.units.where('[productId+unlessInStock]').between(['p', ''], ['p', '\uffff']).count()
		).toBe(2);
		expect(await db.units.get(['p', 'A'])).toEqual({
			productId: 'p',
			serial: 'A',
			status: 'in_stock'
		});
		db.close();
	});
});
