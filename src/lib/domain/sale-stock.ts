/**
 * Non-serialised stock cannot be oversold: a sale asking for more of a
 * product than this device has on hand is refused, every short line named.
 * Serialised units are checked one by one elsewhere (each must be reserved
 * for the cart); here only quantities count.
 */
import { stockLines } from './bundle';
import type { SaleLine } from './types';

/**
 * How many of a product this device has on hand, or null when stock does
 * not limit the line: a serialised product (its units are checked one by
 * one), a bundle (its components are), a service nobody ever received.
 */
export type OnHandOf = (productId: string) => number | null;

/**
 * One message per line that asks for more than is on hand. Lines of one
 * product are added up: two lines of 2 with 3 on hand are both named. A
 * bundle's own line (one that other lines name as their bundle) is no stock
 * itself; its component lines are.
 */
export function stockShortfalls(
	lines: readonly Pick<
		SaleLine,
		'lineId' | 'productId' | 'name' | 'quantity' | 'serials' | 'bundleLineId'
	>[],
	onHandOf: OnHandOf
): string[] {
	const stock = new Set(stockLines(lines));
	const counted = lines.flatMap((line, i) => {
		const onHand = onHandOf(line.productId);
		const isStock = onHand !== null && line.serials.length === 0 && stock.has(line);
		return isStock ? [{ line, n: i + 1, onHand }] : [];
	});
	const asked = new Map<string, number>();
	for (const { line } of counted)
		asked.set(line.productId, (asked.get(line.productId) ?? 0) + line.quantity);
	return counted
		.filter(({ line, onHand }) => (asked.get(line.productId) ?? 0) > onHand)
		.map(({ line, n, onHand }) => `Line ${n} (${line.name}): only ${Math.max(0, onHand)} on hand.`);
}
