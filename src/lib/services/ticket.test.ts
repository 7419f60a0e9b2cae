import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { UnitrackDb } from '$lib/store/db';
import { salesBySerial } from '$lib/store/sale-queries';
import { completeRefund } from './refund';
import { openRuntime, type LocalRuntime as Runtime } from './runtime';
import { addPart, attachUnit, chargeTicket, detachUnit, type TicketDraft } from './ticket';

const open: Runtime[] = [];
async function device(): Promise<Runtime> {
	const rt = await openRuntime(new UnitrackDb(`ticket-${Math.random()}`), new MemoryLogStore());
	open.push(rt);
	return rt;
}
afterEach(async () => {
	for (const rt of open.splice(0)) {
		rt.ledger.close();
		await rt.db.delete();
	}
});

const product = (id: string, name: string, serialised: boolean) => ({
	type: 'product.upserted' as const,
	productId: id,
	fields: { name, stockCode: id, barcode: '', price: 2500, serialised, customerWarrantyDays: 90 }
});

async function stock(rt: Runtime): Promise<void> {
	await rt.ledger.append([
		product('screen', 'Screen', true),
		product('battery', 'Battery', true),
		{
			type: 'stock.received',
			receiptId: 'r1',
			productId: 'screen',
			supplierId: 's1',
			reference: '',
			unitCost: null,
			warrantyDays: 30,
			method: 'manual',
			serials: ['SC1', 'SC2']
		},
		{
			type: 'stock.received',
			receiptId: 'r2',
			productId: 'battery',
			supplierId: 's1',
			reference: '',
			unitCost: null,
			warrantyDays: 30,
			method: 'manual',
			serials: ['BA1']
		}
	]);
}

const blank = (ticketId: string): TicketDraft => ({
	ticketId,
	customer: { name: 'Ann', phone: '', email: '' },
	deviceDescription: 'iPhone 12',
	deviceSerial: '356938035643809',
	problem: 'Cracked screen',
	status: 'open',
	parts: []
});

async function withScreenLine(rt: Runtime): Promise<TicketDraft> {
	const screen = await rt.db.products.get('screen');
	const added = await addPart(rt, blank('t1'), screen!);
	if (!added.ok) throw new Error(added.errors.join());
	return added.draft;
}

describe('repair tickets', () => {
	it('reserves an attached unit for the ticket, uses it on charging, and records the sale', async () => {
		const rt = await device();
		await stock(rt);
		let draft = await withScreenLine(rt);
		const lineId = draft.parts[0]!.lineId;
		const attached = await attachUnit(rt, draft, lineId, 'SC1');
		expect(attached).toMatchObject({ ok: true });
		if (!attached.ok) return;
		draft = attached.draft;
		expect(await rt.db.units.get(['screen', 'SC1'])).toMatchObject({
			status: 'reserved',
			holder: { kind: 'ticket', id: 't1' }
		});
		expect((await rt.db.tickets.get('t1'))?.parts[0]?.serials).toEqual(['SC1']);

		const charged = await chargeTicket(rt, draft, { method: 'cash', amount: '25' });
		expect(charged).toMatchObject({ ok: true });
		if (!charged.ok) return;
		expect(await rt.db.units.get(['screen', 'SC1'])).toMatchObject({
			status: 'used',
			holder: { kind: 'ticket', id: 't1' }
		});
		const ticket = await rt.db.tickets.get('t1');
		expect(ticket).toMatchObject({ status: 'collected', saleId: charged.saleId });
		const sale = await rt.db.sales.get(charged.saleId);
		expect(sale).toMatchObject({
			ticketId: 't1',
			lines: [{ serials: ['SC1'], customerWarrantyDays: 90 }]
		});
	});

	it('takes a used part back on a refund of the sale that charged the ticket, found by its serial', async () => {
		const rt = await device();
		await stock(rt);
		const draft = await withScreenLine(rt);
		const attached = await attachUnit(rt, draft, draft.parts[0]!.lineId, 'SC1');
		if (!attached.ok) throw new Error(attached.errors.join());
		const charged = await chargeTicket(rt, attached.draft, { method: 'cash', amount: '25' });
		if (!charged.ok) throw new Error(charged.errors.join());
		const [found] = await salesBySerial(rt.db, 'SC1');
		expect(found?.sale?.id).toBe(charged.saleId);
		const line = found!.sale!.lines[0]!;
		const refund = await completeRefund(rt, charged.saleId, [
			{ lineId: line.lineId, quantity: '1', serials: ['SC1'], condition: 'faulty' }
		]);
		expect(refund).toMatchObject({ ok: true });
		expect((await rt.db.units.get(['screen', 'SC1']))?.status).toBe('faulty');
		// Never twice.
		const again = await completeRefund(rt, charged.saleId, [
			{ lineId: line.lineId, quantity: '1', serials: ['SC1'], condition: 'faulty' }
		]);
		expect(again.ok).toBe(false);
	});

	it('refuses a bundle among the parts: bundles are sold at the POS', async () => {
		const rt = await device();
		await stock(rt);
		await rt.ledger.append([
			{
				type: 'product.upserted',
				productId: 'kit',
				fields: { name: 'Screen kit', components: [{ productId: 'screen', quantity: 1 }] }
			}
		]);
		const kit = await rt.db.products.get('kit');
		expect(await addPart(rt, blank('t2'), kit!)).toEqual({
			ok: false,
			errors: ['Screen kit is a bundle: bundles are sold at the POS. Add its parts here.']
		});
		expect(await rt.db.tickets.count()).toBe(0);
	});

	it('refuses a serial of another product on the line and writes nothing', async () => {
		const rt = await device();
		await stock(rt);
		const draft = await withScreenLine(rt);
		const before = rt.ledger.size;
		const result = await attachUnit(rt, draft, draft.parts[0]!.lineId, 'BA1');
		expect(result).toEqual({
			ok: false,
			errors: ['Serial BA1 is a Battery, not a Screen: it cannot go on this line.']
		});
		expect(rt.ledger.size).toBe(before);
		expect((await rt.db.units.get(['battery', 'BA1']))?.status).toBe('in_stock');
	});

	it('puts a detached unit back in stock', async () => {
		const rt = await device();
		await stock(rt);
		const draft = await withScreenLine(rt);
		const lineId = draft.parts[0]!.lineId;
		const attached = await attachUnit(rt, draft, lineId, 'SC2');
		if (!attached.ok) throw new Error(attached.errors.join());
		const detached = await detachUnit(rt, attached.draft, lineId, 'SC2');
		expect(detached).toMatchObject({ ok: true });
		expect((await rt.db.units.get(['screen', 'SC2']))?.status).toBe('in_stock');
		expect((await rt.db.tickets.get('t1'))?.parts[0]?.serials).toEqual([]);
	});

	it('will not charge a serialised part without its unit, and writes nothing', async () => {
		const rt = await device();
		await stock(rt);
		const draft = await withScreenLine(rt);
		const before = rt.ledger.size;
		expect(await chargeTicket(rt, draft, { method: 'cash', amount: '25' })).toEqual({
			ok: false,
			errors: ['Line 1 (Screen): attach 1 more unit with the Serialized button.']
		});
		expect(rt.ledger.size).toBe(before);
	});
});
