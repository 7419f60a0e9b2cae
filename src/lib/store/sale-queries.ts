/** The reads of the POS and Refund screens: units to sell, sales to find, refunds made. */
import { normaliseKey } from '$lib/domain/catalog';
import type { UnitHolder } from '$lib/domain/unit-state';
import type { ProductRow, RefundRow, SaleRow, UnitRow, UnitrackDb } from './db';
import { unitsBySerial } from './serial-queries';

const CHUNK = 200;

/**
 * In-stock units of a product, oldest received first (receipt by receipt,
 * in the order the serials came in), optionally only serials containing
 * `filter`. Reads receipts a chunk at a time and stops at `limit`.
 */
export async function unitsInStock(
	db: UnitrackDb,
	productId: string,
	filter: string,
	limit: number
): Promise<UnitRow[]> {
	const receipts = await db.receipts.where('productId').equals(productId).sortBy('at');
	const term = filter.trim().toLowerCase();
	const found: UnitRow[] = [];
	for (const receipt of receipts) {
		const serials = term
			? receipt.serials.filter((s) => s.toLowerCase().includes(term))
			: receipt.serials;
		for (let i = 0; i < serials.length && found.length < limit; i += CHUNK) {
			const rows = await db.units.bulkGet(
				serials.slice(i, i + CHUNK).map((s) => [productId, s] as [string, string])
			);
			for (const row of rows)
				if (row?.status === 'in_stock' && row.receiptId === receipt.id && found.length < limit)
					found.push(row);
		}
		if (found.length >= limit) break;
	}
	return found;
}

/** Units of every product in `status`, with their product. */
export async function unitsWithStatus(
	db: UnitrackDb,
	status: 'reserved' | 'faulty'
): Promise<{ unit: UnitRow; product: ProductRow }[]> {
	const products = (await db.products.toArray()).filter((p) => (p.counts[status] ?? 0) > 0);
	const out: { unit: UnitRow; product: ProductRow }[] = [];
	for (const product of products) {
		const units = await db.units
			.where('[productId+unlessInStock]')
			.equals([product.id, status])
			.toArray();
		for (const unit of units) out.push({ unit, product });
	}
	return out;
}

/** Receipt numbers are stored as issued (upper case); staff may type them in any case. */
export function normaliseReceiptNo(text: string): string {
	return text.trim().toUpperCase();
}

/** Sales whose receipt number is `term`, or whose customer name starts with it; newest first. */
export async function findSales(db: UnitrackDb, term: string, limit = 20): Promise<SaleRow[]> {
	const text = term.trim();
	if (!text) return [];
	const [byReceipt, byCustomer] = await Promise.all([
		db.sales.where('receiptNo').equals(normaliseReceiptNo(text)).toArray(),
		db.sales.where('customerKey').startsWith(normaliseKey(text)).limit(limit).toArray()
	]);
	const all = [...byReceipt, ...byCustomer.filter((s) => !byReceipt.some((r) => r.id === s.id))];
	return all.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, limit);
}

/**
 * The sale a unit last left the shop on, if any: sold on a sale, or used
 * on a repair ticket that a sale charged.
 */
export async function lastSaleOf(db: UnitrackDb, unit: UnitRow): Promise<SaleRow | undefined> {
	const out = [...unit.facts]
		.reverse()
		.find(
			(f) =>
				(f.kind === 'sell' && f.refKind === 'sale') || (f.kind === 'use' && f.refKind === 'ticket')
		);
	if (!out?.refId) return undefined;
	if (out.kind === 'sell') return db.sales.get(out.refId);
	const ticket = await db.tickets.get(out.refId);
	return ticket?.saleId ? db.sales.get(ticket.saleId) : undefined;
}

/** The sales that units with serial `code` (in any letter case, serial-queries.ts) were last sold on, with the unit. */
export async function salesBySerial(
	db: UnitrackDb,
	code: string
): Promise<{ unit: UnitRow; sale: SaleRow | undefined }[]> {
	const units = await unitsBySerial(db, code);
	return Promise.all(units.map(async (unit) => ({ unit, sale: await lastSaleOf(db, unit) })));
}

export async function refundsOfSale(db: UnitrackDb, saleId: string): Promise<RefundRow[]> {
	return db.refunds.where('saleId').equals(saleId).sortBy('at');
}

/** How staff read a holder: a sale by its receipt number. */
export async function holderLabel(db: UnitrackDb, holder: UnitHolder | null): Promise<string> {
	if (!holder) return '';
	if (holder.kind === 'sale') {
		const sale = await db.sales.get(holder.id);
		return `sale ${sale?.receiptNo ?? holder.id}`;
	}
	if (holder.kind === 'ticket')
		return (await db.tickets.get(holder.id))?.ticketNo ?? `ticket ${holder.id}`;
	return `${holder.kind} ${holder.id}`;
}

/** A bundle's components with their products, in the bundle's order. */
export async function bundleParts(
	db: UnitrackDb,
	bundle: Pick<ProductRow, 'components'>
): Promise<{ productId: string; product: ProductRow | undefined; quantity: number }[]> {
	const parts = bundle.components ?? [];
	const products = await db.products.bulkGet(parts.map((p) => p.productId));
	return parts.map((p, i) => ({ ...p, product: products[i] }));
}
