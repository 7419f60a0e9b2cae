/**
 * A living store for newcomers: a few suppliers and products, some
 * serialised, about 200 units, written through the ledger like any other
 * data so that it behaves exactly as real stock does.
 */
import { expandRangeByCount } from '$lib/domain/serial-range';
import type { NewEvent, ProductFields } from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import type { Runtime } from './runtime';

interface DemoProduct extends ProductFields {
	receipts: {
		supplier: number;
		first: string;
		count: number;
		warrantyDays: number;
		reference: string;
		unitCost: number;
	}[];
	quantity?: number;
}

const SUPPLIERS = ['Northwind Mobile Distribution', 'Contoso Tools Ltd', 'Fabrikam Medical Supply'];

const PRODUCTS: DemoProduct[] = [
	{
		name: 'Pixel 9 128GB Obsidian',
		stockCode: 'PX9-128-OB',
		barcode: '0840244706814',
		price: 79900,
		serialised: true,
		customerWarrantyDays: 365,
		receipts: [
			{
				supplier: 0,
				first: 'GP9A00001',
				count: 40,
				warrantyDays: 365,
				reference: 'PO-1001',
				unitCost: 61000
			}
		]
	},
	{
		name: 'Galaxy S24 256GB',
		stockCode: 'SGS24-256',
		barcode: '8806095299635',
		price: 89900,
		serialised: true,
		customerWarrantyDays: 365,
		receipts: [
			{
				supplier: 0,
				first: 'R5CX10-0001',
				count: 35,
				warrantyDays: 730,
				reference: 'PO-1002',
				unitCost: 70000
			}
		]
	},
	{
		name: 'Cordless Drill 18V',
		stockCode: 'DRL-18V',
		barcode: '4006825612345',
		price: 14900,
		serialised: true,
		customerWarrantyDays: 730,
		receipts: [
			{
				supplier: 1,
				first: 'DR18-2024-0100',
				count: 30,
				warrantyDays: 1095,
				reference: 'INV-5521',
				unitCost: 9000
			},
			{
				supplier: 1,
				first: 'DR18-2024-0300',
				count: 20,
				warrantyDays: 1095,
				reference: 'INV-5580',
				unitCost: 9100
			}
		]
	},
	{
		name: 'Angle Grinder 125mm',
		stockCode: 'AG-125',
		barcode: '4006825698765',
		price: 8900,
		serialised: true,
		customerWarrantyDays: 365,
		receipts: [
			{
				supplier: 1,
				first: 'AG125-A-001',
				count: 25,
				warrantyDays: 730,
				reference: 'INV-5522',
				unitCost: 5200
			}
		]
	},
	{
		name: 'Pulse Oximeter PO-80',
		stockCode: 'OXI-PO80',
		barcode: '6971234567893',
		price: 4900,
		serialised: true,
		customerWarrantyDays: 365,
		receipts: [
			{
				supplier: 2,
				first: 'PO80-000501',
				count: 50,
				warrantyDays: 365,
				reference: 'PO-77-A',
				unitCost: 2100
			}
		]
	},
	{
		name: 'USB-C Charger 25W',
		stockCode: 'CHG-25W',
		barcode: '8806094937231',
		price: 1990,
		serialised: false,
		customerWarrantyDays: 90,
		receipts: [],
		quantity: 60
	},
	{
		name: 'Screen Protector (pack of 2)',
		stockCode: 'SCR-PROT-2',
		barcode: '0195949123456',
		price: 1290,
		serialised: false,
		customerWarrantyDays: 0,
		receipts: [],
		quantity: 120
	}
];

export async function loadDemoData(rt: Runtime): Promise<number> {
	const events: NewEvent[] = [];
	const supplierIds = SUPPLIERS.map((name) => {
		const supplierId = newId();
		events.push({ type: 'supplier.upserted', supplierId, fields: { name, phone: '', email: '' } });
		return supplierId;
	});
	let units = 0;
	for (const { receipts, quantity, ...fields } of PRODUCTS) {
		const productId = newId();
		events.push({ type: 'product.upserted', productId, fields });
		for (const r of receipts) {
			const range = expandRangeByCount(r.first, r.count);
			if (!range.ok) throw new Error(range.error);
			units += range.serials.length;
			events.push({
				type: 'stock.received',
				receiptId: newId(),
				productId,
				supplierId: supplierIds[r.supplier] ?? '',
				reference: r.reference,
				unitCost: r.unitCost,
				warrantyDays: r.warrantyDays,
				method: 'range',
				serials: range.serials
			});
		}
		if (quantity) {
			events.push({
				type: 'stock.quantity_received',
				receiptId: newId(),
				productId,
				supplierId: supplierIds[0] ?? '',
				reference: 'OPENING',
				unitCost: null,
				quantity
			});
		}
	}
	await rt.ledger.append(events);
	return units;
}
