/** The reads of the label screen: what a label request names, from the projected tables. */
import { lotExpiryLookup } from '$lib/domain/receive-lines';
import type { LotExpiryOf } from '$lib/labels/label-content';
import type { LabelRequest } from '$lib/labels/label-request';
import type { ProductRow, UnitrackDb } from './db';

export interface LabelSource {
	product: ProductRow;
	/** Serials to print unit labels for; null for product labels. */
	serials: string[] | null;
	/** How many product labels (a quantity receipt: one per item received). */
	quantity: number;
	/** Where the request came from, for the heading. */
	origin: string;
	/** Serials asked for that this device does not hold (left out). */
	missing: string[];
	/** Each unit's lot and expiry, as its receipt recorded them. */
	lotExpiry: LotExpiryOf;
}

const NONE: LotExpiryOf = () => ({});

export type LabelSourceResult = { ok: true; source: LabelSource } | { ok: false; error: string };

export async function loadLabelSource(
	db: UnitrackDb,
	request: LabelRequest
): Promise<LabelSourceResult> {
	if (request.kind === 'receipt') {
		const receipt = await db.receipts.get(request.receiptId);
		if (!receipt) return { ok: false, error: 'This receipt is not on this device.' };
		const product = await db.products.get(receipt.productId);
		if (!product) return { ok: false, error: 'The product of this receipt is not on this device.' };
		const origin = receipt.reference ? `Receipt ${receipt.reference}` : 'Receipt';
		const serialised = receipt.serials.length > 0;
		const lotExpiry = lotExpiryLookup(receipt);
		const source = serialised
			? { product, serials: receipt.serials, quantity: 0, origin, missing: [], lotExpiry }
			: {
					product,
					serials: null,
					quantity: Math.max(1, receipt.quantity),
					origin,
					missing: [],
					lotExpiry
				};
		return { ok: true, source };
	}
	const product = await db.products.get(request.productId);
	if (!product) return { ok: false, error: 'This product is not on this device.' };
	if (request.kind === 'product') {
		return {
			ok: true,
			source: {
				product,
				serials: null,
				quantity: 1,
				origin: product.name,
				missing: [],
				lotExpiry: NONE
			}
		};
	}
	const rows = await db.units.bulkGet(
		request.serials.map((s) => [request.productId, s] as [string, string])
	);
	const serials = request.serials.filter((_, i) => rows[i] !== undefined);
	const missing = request.serials.filter((_, i) => rows[i] === undefined);
	const held = new Map(rows.flatMap((r) => (r ? [[r.serial, r] as const] : [])));
	const lotExpiry: LotExpiryOf = (serial) => {
		const row = held.get(serial);
		return {
			...(row?.lot ? { lot: row.lot } : {}),
			...(row?.expiry ? { expiry: row.expiry } : {})
		};
	};
	return {
		ok: true,
		source: { product, serials, quantity: 0, origin: product.name, missing, lotExpiry }
	};
}
