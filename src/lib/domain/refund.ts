/**
 * Refund rules: only units and quantities of that sale come back, never a
 * unit twice, never more than was sold. Partial refunds are the normal case.
 */
import { parseWholeNumber } from './quantities';
import type { RefundCondition, RefundLine, SaleLine } from './types';

export interface SaleForRefund {
	saleId: string;
	receiptNo: string;
	lines: SaleLine[];
}

/** What earlier refunds of the sale took back. */
export interface PriorRefund {
	lines: Pick<RefundLine, 'lineId' | 'quantity' | 'serials'>[];
}

export interface RefundRequestLine {
	lineId: string;
	/** For a non-serialised line; a serialised line counts its serials. */
	quantity: string;
	serials: string[];
	condition: RefundCondition;
}

export type RefundCheck =
	{ ok: true; lines: RefundLine[]; total: number } | { ok: false; errors: string[] };

export interface Returned {
	serials: Set<string>;
	quantities: Map<string, number>;
}

/** Serials (per `productId|serial`) and quantities (per line) already refunded. */
export function alreadyReturned(sale: SaleForRefund, prior: readonly PriorRefund[]): Returned {
	const serials = new Set<string>();
	const quantities = new Map<string, number>();
	const productOf = new Map(sale.lines.map((l) => [l.lineId, l.productId]));
	for (const refund of prior) {
		for (const line of refund.lines) {
			quantities.set(line.lineId, (quantities.get(line.lineId) ?? 0) + line.quantity);
			for (const s of line.serials) serials.add(`${productOf.get(line.lineId) ?? ''}|${s}`);
		}
	}
	return { serials, quantities };
}

/**
 * Why this unit cannot be refunded on this sale, or null when it can. Used
 * for a scan on the Refund screen and for the final check.
 */
export function unitRefundProblem(
	sale: SaleForRefund,
	returned: Returned,
	productId: string,
	serial: string
): string | null {
	const line = sale.lines.find((l) => l.productId === productId && l.serials.includes(serial));
	if (!line)
		return `Serial ${serial} is not part of sale ${sale.receiptNo}: only its own units can be refunded.`;
	if (returned.serials.has(`${productId}|${serial}`))
		return `Serial ${serial} was already refunded on sale ${sale.receiptNo}.`;
	return null;
}

export function checkRefund(
	sale: SaleForRefund,
	prior: readonly PriorRefund[],
	request: readonly RefundRequestLine[]
): RefundCheck {
	const returned = alreadyReturned(sale, prior);
	const errors: string[] = [];
	const lines: RefundLine[] = [];
	if (request.length === 0)
		return { ok: false, errors: ['Choose what comes back: no line is ticked.'] };
	const seen = new Set<string>();
	for (const want of request) {
		const index = sale.lines.findIndex((l) => l.lineId === want.lineId);
		const line = sale.lines[index];
		if (!line) {
			errors.push(`A line of another sale cannot be refunded on sale ${sale.receiptNo}.`);
			continue;
		}
		const where = `Line ${index + 1} (${line.name})`;
		let quantity: number;
		if (line.serials.length > 0) {
			if (want.serials.length === 0) {
				errors.push(`${where}: choose which units came back with the Serialized button.`);
				continue;
			}
			let bad = false;
			for (const serial of want.serials) {
				const problem = seen.has(`${line.productId}|${serial}`)
					? `Serial ${serial} is listed twice.`
					: unitRefundProblem(sale, returned, line.productId, serial);
				seen.add(`${line.productId}|${serial}`);
				if (problem) {
					errors.push(`${where}: ${problem}`);
					bad = true;
				}
			}
			if (bad) continue;
			quantity = want.serials.length;
		} else {
			const left = line.quantity - (returned.quantities.get(line.lineId) ?? 0);
			const parsed = parseWholeNumber(want.quantity, {
				min: 1,
				max: line.quantity,
				label: `${where}: quantity to refund`
			});
			if (!parsed.ok) {
				errors.push(parsed.error);
				continue;
			}
			if (parsed.value > left) {
				errors.push(
					`${where}: ${parsed.value} to refund, but only ${left} of ${line.quantity} sold ${left === 1 ? 'is' : 'are'} left to refund.`
				);
				continue;
			}
			quantity = parsed.value;
		}
		lines.push({
			lineId: line.lineId,
			productId: line.productId,
			quantity,
			serials: line.serials.length > 0 ? [...want.serials] : [],
			condition: want.condition,
			amount: quantity * line.unitPrice,
			...(line.bundleLineId ? { bundleLineId: line.bundleLineId } : {})
		});
	}
	errors.push(...wholeBundleProblems(sale, returned, lines));
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}

/**
 * A bundle comes back whole: its line with every component unit and
 * quantity still out, and a component only with its bundle.
 */
function wholeBundleProblems(
	sale: SaleForRefund,
	returned: Returned,
	lines: readonly RefundLine[]
): string[] {
	const problems: string[] = [];
	const asked = new Map(lines.map((l) => [l.lineId, l]));
	const where = (l: SaleLine) => `Line ${sale.lines.indexOf(l) + 1} (${l.name})`;
	for (const line of sale.lines) {
		if (!line.bundleLineId) continue;
		const bundle = sale.lines.find((l) => l.lineId === line.bundleLineId);
		const part = asked.get(line.lineId);
		const bundleAsked = asked.has(line.bundleLineId);
		if (part && !bundleAsked) {
			problems.push(
				`${where(line)} is part of the bundle ${bundle?.name ?? ''}: refund the bundle, it comes back whole.`
			);
		} else if (bundleAsked) {
			const out = line.serials.length
				? line.serials.filter((s) => !returned.serials.has(`${line.productId}|${s}`)).length
				: line.quantity - (returned.quantities.get(line.lineId) ?? 0);
			if ((part?.quantity ?? 0) !== out)
				problems.push(
					`${where(line)}: the bundle ${bundle?.name ?? ''} comes back whole, with all ${out} of its ${line.name}.`
				);
		}
	}
	return problems;
}

/** A line of one unit needs no choosing: that unit is the one coming back. */
export function defaultRefundSerials(line: SaleLine, returned: Returned): string[] {
	const left = line.serials.filter((s) => !returned.serials.has(`${line.productId}|${s}`));
	return left.length === 1 && line.serials.length === 1 ? left : [];
}
