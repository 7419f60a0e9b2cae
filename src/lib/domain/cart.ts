/**
 * The POS cart's rules: what a sale line may hold, whether a scanned unit can
 * be sold, and turning the cart the person filled in into a sale, or into
 * the list of what is wrong with it. Money is in minor units (cents).
 */
import { hlcWall } from './hlc';
import { parseMoney, parseWholeNumber } from './quantities';
import { STATUS_LABELS, type UnitHolder } from './unit-state';
import type { Customer, PaymentMethod, SaleLine, UnitFact, UnitStatus } from './types';

export const MAX_LINE_QUANTITY = 10_000;

/** A line as the person has it on screen: price and quantity are still text. */
export interface DraftLine {
	lineId: string;
	productId: string;
	name: string;
	serialised: boolean;
	price: string;
	quantity: string;
	serials: string[];
	customerWarrantyDays: number;
	/** Set when the line is one component of a bundle line. */
	bundleLineId?: string | null;
}

export interface DraftSale {
	lines: DraftLine[];
	customer: Customer;
	paymentMethod: PaymentMethod;
	paymentAmount: string;
}

export interface CheckedSale {
	lines: SaleLine[];
	customer: Customer;
	total: number;
	payment: { method: PaymentMethod; amount: number };
	change: number;
}

export type SaleCheck = { ok: true; sale: CheckedSale } | { ok: false; errors: string[] };

/** What a unit looks like to the cart: its row's status, holder and facts. */
export interface UnitView {
	productId: string;
	serial: string;
	status: UnitStatus | 'not_received';
	holder: UnitHolder | null;
	facts: readonly UnitFact[];
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The holder's reference as staff read it: "sale 4K7-000012". */
export type RefLabel = (holder: UnitHolder) => string;
const plainRef: RefLabel = (h) => `${h.kind} ${h.id}`;

/**
 * Why this unit cannot go into cart `cartId`, or null when it can. The
 * message names the serial and where the unit is.
 */
export function unsellableReason(
	unit: UnitView,
	cartId: string,
	refLabel: RefLabel = plainRef
): string | null {
	const s = `Serial ${unit.serial}`;
	switch (unit.status) {
		case 'in_stock':
			return null;
		case 'reserved': {
			const h = unit.holder;
			if (!h || h.id === cartId) return h ? `${s} is already in this cart.` : null;
			if (h.kind === 'ticket') return `${s} is on repair ticket ${refLabel(h)}.`;
			return `${s} is in another cart, on device ${h.device}.`;
		}
		case 'sold': {
			const sell = [...unit.facts].reverse().find((f) => f.kind === 'sell');
			const when = sell ? ` on ${isoDay(hlcWall(sell.at))}` : '';
			const which = unit.holder ? ` (${refLabel(unit.holder)})` : '';
			return `${s} was already sold${when}${which}.`;
		}
		case 'used':
			return `${s} was used on repair ticket${unit.holder ? ` ${refLabel(unit.holder)}` : ''}.`;
		case 'not_received':
			return `${s} has not been received.`;
		default:
			return `${s} cannot be sold: it is ${STATUS_LABELS[unit.status].toLowerCase()}.`;
	}
}

/** A serial scanned or chosen for a line must be a unit of the line's product. */
export function wrongProductProblem(
	serial: string,
	lineName: string,
	unitProductName: string | null
): string {
	return unitProductName
		? `Serial ${serial} is a ${unitProductName}, not a ${lineName}: it cannot go on this line.`
		: `Serial ${serial} is not a unit of ${lineName}.`;
}

/** The store's rules a sale must keep (its Settings). */
export interface SaleRules {
	/** A sale with serialised stock needs the customer's name or phone. */
	customerRequiredForSerialised?: boolean;
}

/** Why the sale needs a customer it lacks, or null. */
export function missingCustomerProblem(
	lines: readonly Pick<DraftLine, 'name' | 'serialised'>[],
	customer: Customer
): string | null {
	if (customer.name.trim() || customer.phone.trim()) return null;
	const serialised = [...new Set(lines.filter((l) => l.serialised).map((l) => l.name))];
	if (serialised.length === 0) return null;
	return `Enter the customer's name or phone: this store requires a customer for sales of serialised stock (${serialised.join(', ')}).`;
}

/** Turns the cart into a sale, or lists every problem (each names its line). */
export function checkSale(draft: DraftSale, rules: SaleRules = {}): SaleCheck {
	const errors: string[] = [];
	if (draft.lines.length === 0)
		return { ok: false, errors: ['The sale is empty: scan a unit or add a product first.'] };
	const lines: SaleLine[] = [];
	const seen = new Map<string, number>();
	draft.lines.forEach((line, i) => {
		const where = `Line ${i + 1} (${line.name})`;
		const price = parseMoney(line.price, `${where}: price`);
		if (!price.ok) errors.push(price.error);
		else if (price.value === null) errors.push(`${where}: price is required`);
		const quantity = parseWholeNumber(line.quantity, {
			min: 1,
			max: MAX_LINE_QUANTITY,
			label: `${where}: quantity`
		});
		if (!quantity.ok) errors.push(quantity.error);
		if (line.serialised) {
			if (quantity.ok && quantity.value !== line.serials.length) {
				const short = quantity.value - line.serials.length;
				errors.push(
					short > 0
						? `${where}: quantity is ${quantity.value} but ${line.serials.length} serials are chosen. Choose ${short} more with the Serialized button.`
						: `${where}: quantity is ${quantity.value} but ${line.serials.length} serials are chosen.`
				);
			}
			for (const serial of line.serials) {
				const key = `${line.productId}|${serial}`;
				if (seen.has(key))
					errors.push(`${where}: serial ${serial} is also on line ${(seen.get(key) ?? 0) + 1}.`);
				else seen.set(key, i);
			}
		} else if (line.serials.length > 0) {
			errors.push(`${where}: this product is not serialised, so it takes no serials.`);
		}
		if (price.ok && price.value !== null && quantity.ok) {
			lines.push({
				lineId: line.lineId,
				productId: line.productId,
				name: line.name,
				unitPrice: price.value,
				quantity: quantity.value,
				serials: line.serialised ? [...line.serials] : [],
				customerWarrantyDays: line.customerWarrantyDays,
				bundleLineId: line.bundleLineId ?? null
			});
		}
	});
	const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
	const amount = parseMoney(draft.paymentAmount, 'Amount paid');
	if (!amount.ok) errors.push(amount.error);
	else if (amount.value === null) errors.push('Amount paid is required.');
	else if (errors.length === 0 && amount.value < total) {
		errors.push(
			`Amount paid (${formatMinor(amount.value)}) is less than the total (${formatMinor(total)}).`
		);
	}
	if (draft.customer.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(draft.customer.email.trim())) {
		errors.push('The customer email address does not look right.');
	}
	if (rules.customerRequiredForSerialised) {
		const problem = missingCustomerProblem(draft.lines, draft.customer);
		if (problem) errors.push(problem);
	}
	if (errors.length > 0 || !amount.ok || amount.value === null) return { ok: false, errors };
	return {
		ok: true,
		sale: {
			lines,
			customer: trimCustomer(draft.customer),
			total,
			payment: { method: draft.paymentMethod, amount: amount.value },
			change: amount.value - total
		}
	};
}

export function trimCustomer(c: Customer): Customer {
	return { name: c.name.trim(), phone: c.phone.trim(), email: c.email.trim() };
}

/** Plain `12.50` for messages, independent of the locale. */
export function formatMinor(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The line total shown while the person edits; null while price or quantity is not valid. */
export function lineTotal(line: Pick<DraftLine, 'price' | 'quantity'>): number | null {
	const price = parseMoney(line.price, 'Price');
	const quantity = parseWholeNumber(line.quantity, {
		min: 1,
		max: MAX_LINE_QUANTITY,
		label: 'Quantity'
	});
	return price.ok && price.value !== null && quantity.ok ? price.value * quantity.value : null;
}
