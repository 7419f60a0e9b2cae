import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '$lib/domain/hlc';
import type { LedgerEvent } from '$lib/domain/types';
import { PROJECTION_SCHEMA, UnitrackDb } from './db';
import { projectEvents } from './projector';

let db: UnitrackDb;
beforeEach(() => {
	db = new UnitrackDb(`db-${Math.random()}`);
});
afterEach(async () => {
	await db.delete();
});

describe('the projection schema', () => {
	it('is one version, with a table of quantity events and none of applied events', async () => {
		await db.open();
		expect(db.verno).toBe(1);
		expect(PROJECTION_SCHEMA).toBeGreaterThanOrEqual(1);
		const names = db.tables.map((t) => t.name).sort();
		expect(names).toEqual(
			[
				'conflicts',
				'products',
				'quantityEvents',
				'receipts',
				'refunds',
				'rejected',
				'sales',
				'settings',
				'suppliers',
				'tickets',
				'units'
			].sort()
		);
		expect(db.projected.map((t) => t.name).sort()).toEqual(names);
	});

	it('leaves in-stock units out of the status index', async () => {
		const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
		const events: LedgerEvent[] = [
			{
				id: 'r',
				at: at(1),
				device: 'd',
				type: 'stock.received',
				receiptId: 'r1',
				productId: 'p',
				supplierId: 's',
				reference: '',
				unitCost: null,
				warrantyDays: 0,
				method: 'manual',
				serials: ['A', 'B', 'C']
			},
			{
				id: 'f',
				at: at(2),
				device: 'd',
				type: 'units.changed',
				action: 'mark_faulty',
				productId: 'p',
				serials: ['B'],
				ref: null,
				note: ''
			}
		];
		await projectEvents(db, events);
		const faulty = await db.units
			.where('[productId+unlessInStock]')
			.equals(['p', 'faulty'])
			.toArray();
		expect(faulty.map((u) => u.serial)).toEqual(['B']);
		expect(
			await db.units.where('[productId+unlessInStock]').between(['p', ''], ['p', '\uffff']).count()
		).toBe(1);
		expect((await db.units.get(['p', 'A']))?.unlessInStock).toBeUndefined();
	});
});
