import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '$lib/domain/hlc';
import { deviceCode } from '$lib/domain/serial-generate';
import type { LedgerEvent, NewEvent } from '$lib/domain/types';
import { UnitrackDb } from './db';
import { factReferences } from './history-queries';
import { projectEvents } from './projector';

const dbs: UnitrackDb[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

let clock = 0;
function stamp(event: NewEvent, device = 'deviceA'): LedgerEvent {
	clock += 1;
	return {
		...event,
		id: `e${clock}`,
		at: formatHlc({ wall: 1_700_000_000_000 + clock, counter: 0, device }),
		device
	};
}
const change = (
	action: 'reserve' | 'release' | 'sell' | 'use' | 'return' | 'restock',
	kind: 'cart' | 'sale' | 'ticket' | 'refund',
	id: string
): NewEvent => ({
	type: 'units.changed',
	action,
	productId: 'p1',
	serials: ['SN1'],
	ref: { kind, id },
	note: ''
});

describe('factReferences', () => {
	it('names receipt, cart, sale, refund, ticket and conflict as staff read them', async () => {
		const db = new UnitrackDb(`history-${Math.random()}`);
		dbs.push(db);
		const line = {
			lineId: 'l1',
			productId: 'p1',
			name: 'Pixel 9',
			unitPrice: 100,
			quantity: 1,
			serials: ['SN1'],
			customerWarrantyDays: 0,
			bundleLineId: null
		};
		await projectEvents(db, [
			stamp({
				type: 'stock.received',
				receiptId: 'rcpt1',
				productId: 'p1',
				supplierId: 's1',
				reference: 'PO-77',
				unitCost: null,
				warrantyDays: 0,
				method: 'manual',
				serials: ['SN1']
			}),
			stamp(change('reserve', 'cart', 'cart1')),
			stamp(change('release', 'cart', 'cart1'), 'deviceB'),
			stamp(change('sell', 'sale', 'sale1')),
			stamp({
				type: 'sale.completed',
				saleId: 'sale1',
				receiptNo: '4K7AB-000012',
				lines: [line],
				customer: { name: '', phone: '', email: '' },
				total: 100,
				payment: { method: 'cash', amount: 100 },
				ticketId: null
			}),
			stamp({
				type: 'refund.completed',
				refundId: 'ref1',
				saleId: 'sale1',
				lines: [{ ...line, condition: 'stock', amount: 100 }],
				total: 100
			}),
			stamp(change('return', 'refund', 'ref1')),
			stamp(change('use', 'ticket', 'tk1')),
			stamp({
				type: 'ticket.saved',
				ticketId: 'tk1',
				ticketNo: 'T-4K7AB-000003',
				customer: { name: '', phone: '', email: '' },
				deviceDescription: '',
				deviceSerial: '',
				problem: '',
				status: 'open',
				parts: [],
				saleId: null
			}),
			stamp({
				type: 'conflict.resolved',
				conflictId: 'c1',
				productId: 'p1',
				serial: 'SN1',
				status: 'in_stock',
				note: ''
			}),
			stamp(change('sell', 'sale', 'elsewhere'))
		]);
		const unit = await db.units.get(['p1', 'SN1']);
		const refs = await factReferences(db, unit?.facts ?? [], { deviceA: 'Counter 1' });
		expect(unit?.facts.map((f) => refs.get(f.eventId))).toEqual([
			{ text: 'Receipt PO-77', href: '/receipts/rcpt1' },
			{ text: 'in a cart on device Counter 1', href: null },
			{ text: `from a cart on device ${deviceCode('deviceB')}`, href: null },
			{ text: 'Sale 4K7AB-000012', href: '/refund?sale=sale1' },
			{ text: 'Refund of sale 4K7AB-000012', href: '/refund?sale=sale1' },
			{ text: 'Ticket T-4K7AB-000003', href: '/tickets/tk1' },
			{ text: 'Conflicts', href: '/conflicts' },
			{ text: 'a sale not on this device yet', href: null }
		]);
	});
});
