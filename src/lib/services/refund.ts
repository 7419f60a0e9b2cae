/**
 * Refunds: the domain checks the request against the sale and its earlier
 * refunds; one append carries the refund and the units' way back (returned,
 * then back to stock or faulty).
 */
import { checkRefund, type RefundRequestLine } from '$lib/domain/refund';
import type { NewEvent } from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import { refundsOfSale } from '$lib/store/sale-queries';
import type { Runtime } from './runtime';

export type RefundResult =
	{ ok: true; refundId: string; total: number } | { ok: false; errors: string[] };

export async function completeRefund(
	rt: Runtime,
	saleId: string,
	request: RefundRequestLine[]
): Promise<RefundResult> {
	const sale = await rt.db.sales.get(saleId);
	if (!sale) return { ok: false, errors: ['That sale is not on this device.'] };
	const prior = await refundsOfSale(rt.db, saleId);
	const check = checkRefund(sale, prior, request);
	if (!check.ok) return check;
	// The fold is the last word: a unit no longer sold (refunded on another
	// device) is refused here. A repair ticket's parts were used, not sold.
	const out = sale.ticketId ? 'used' : 'sold';
	const errors: string[] = [];
	for (const line of check.lines) {
		for (const serial of line.serials) {
			const unit = await rt.db.units.get([line.productId, serial]);
			if (unit?.status !== out)
				errors.push(
					`Serial ${serial} is not ${out} any more (${unit?.status ?? 'unknown'}): it cannot be refunded.`
				);
		}
	}
	if (errors.length > 0) return { ok: false, errors };
	const refundId = newId();
	const ref = { kind: 'refund' as const, id: refundId };
	const unitEvents: NewEvent[] = [];
	for (const line of check.lines) {
		if (line.serials.length === 0) continue;
		unitEvents.push({
			type: 'units.changed',
			action: 'return',
			productId: line.productId,
			serials: line.serials,
			ref,
			note: '',
			expected: out
		});
		unitEvents.push({
			type: 'units.changed',
			action: line.condition === 'stock' ? 'restock' : 'mark_faulty',
			productId: line.productId,
			serials: line.serials,
			ref,
			note: '',
			expected: 'returned'
		});
	}
	await rt.ledger.append([
		{ type: 'refund.completed', refundId, saleId, lines: check.lines, total: check.total },
		...unitEvents
	]);
	return { ok: true, refundId, total: check.total };
}
