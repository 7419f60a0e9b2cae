import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { UnitrackDb } from '$lib/store/db';
import { salesBySerial } from '$lib/store/sale-queries';
import { completeRefund } from './refund';
import { openRuntime, type LocalRuntime as Runtime } from './runtime';
import { addPart, chargeTicket, type TicketDraft } from './ticket';
import { attachScanned, attachUnit, detachUnit } from './ticket-units';

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

	it('a scan with no panel open attaches the unit: onto a new line of its product, then onto that line', async () => {
		const rt = await device();
		await stock(rt);
		const first = await attachScanned(rt, blank('t3'), 'sc1');
		expect(first).toMatchObject({ ok: true, message: 'Attached Screen, serial SC1.' });
		if (!first.ok) return;
		expect(first.draft.parts).toMatchObject([{ productId: 'screen', serials: ['SC1'] }]);
		expect(first.lineId).toBe(first.draft.parts[0]?.lineId);
		// The customer and device typed before the scan are saved with it.
		expect(await rt.db.tickets.get('t3')).toMatchObject({
			customer: { name: 'Ann' },
			deviceDescription: 'iPhone 12',
			parts: [{ serials: ['SC1'] }]
		});
		const second = await attachScanned(rt, first.draft, 'SC2');
		expect(second).toMatchObject({ ok: true });
		if (!second.ok) return;
		expect(second.draft.parts).toMatchObject([{ serials: ['SC1', 'SC2'], quantity: 2 }]);
		expect((await rt.db.units.get(['screen', 'SC2']))?.holder).toMatchObject({ id: 't3' });
	});

	it('a scan of a product code adds the part; an unknown code is refused and writes nothing', async () => {
		const rt = await device();
		await stock(rt);
		const added = await attachScanned(rt, blank('t4'), 'battery');
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		expect(added.message).toContain('Added Battery.');
		expect(added.draft.parts).toMatchObject([{ productId: 'battery', serials: [] }]);
		const before = rt.ledger.size;
		expect(await attachScanned(rt, added.draft, 'NOPE-1')).toEqual({
			ok: false,
			errors: ['No unit, barcode or stock code NOPE-1 on this device.']
		});
		expect(rt.ledger.size).toBe(before);
	});

	it('reserves the unit and saves the ticket in one append', async () => {
		const rt = await device();
		await stock(rt);
		const draft = await withScreenLine(rt);
		const batches: string[][] = [];
		const stop = rt.ledger.subscribe(async (batch) => {
			batches.push(batch.events.map((e) => (e as { type: string }).type));
		});
		expect(await attachUnit(rt, draft, draft.parts[0]!.lineId, 'SC1')).toMatchObject({ ok: true });
		stop();
		expect(batches).toEqual([['units.changed', 'ticket.saved']]);
		expect((await rt.db.tickets.get('t1'))?.parts[0]?.serials).toEqual(['SC1']);
	});
});
