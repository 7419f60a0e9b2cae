/**
 * The POS: reserving scanned units for a cart, releasing them, and completing
 * the sale. Each function decides through the domain, appends through the
 * ledger and returns what happened; the screen decides what to show.
 */
import { saleBundleProblems, type BundleComponent } from '$lib/domain/bundle';
import { checkSale, unsellableReason, wrongProductProblem, type DraftSale } from '$lib/domain/cart';
import { stockShortfalls, type OnHandOf } from '$lib/domain/sale-stock';
import { deviceCode } from '$lib/domain/serial-generate';
import type { NewEvent } from '$lib/domain/types';
import type { ProductRow, UnitRow } from '$lib/store/db';
import { scanMatches } from '$lib/store/queries';
import { storeSettings } from '$lib/store/settings-queries';
import { bundleParts, holderLabel, unitsWithStatus } from '$lib/store/sale-queries';
import { appendNumbered } from './numbered';
import type { Runtime } from './runtime';

export type CartScan =
	| { kind: 'unit'; unit: UnitRow; product: ProductRow }
	| { kind: 'product'; product: ProductRow }
	| { kind: 'refused'; message: string };

/**
 * What a scan at the POS means. A serial is reserved for the cart at once
 * (so other devices see it held); `forProductId` is the product of the line
 * whose Serialized panel is open: a unit of another product is refused.
 */
export async function scanIntoCart(
	rt: Runtime,
	cartId: string,
	code: string,
	forLine: { productId: string; name: string } | null = null
): Promise<CartScan> {
	const { units, products, problem, serial } = await scanMatches(rt.db, code);
	if (problem) return { kind: 'refused', message: problem };
	if (units.length === 0) {
		if (forLine)
			return {
				kind: 'refused',
				message: serial
					? `No unit with serial ${serial}: scan a serial of ${forLine.name}.`
					: `That code names a product, not one unit: scan a serial of ${forLine.name}.`
			};
		const product = products[0];
		if (!product)
			return { kind: 'refused', message: `No unit, barcode or stock code ${code} on this device.` };
		return { kind: 'product', product };
	}
	// A serial on several products: the line's product, else one that can be sold.
	const candidates = forLine ? units.filter((u) => u.productId === forLine.productId) : units;
	if (candidates.length === 0) {
		const other = await rt.db.products.get(units[0]?.productId ?? '');
		return {
			kind: 'refused',
			message: wrongProductProblem(serial, forLine?.name ?? '', other?.name ?? null)
		};
	}
	const unit = candidates.find((u) => u.status === 'in_stock') ?? candidates[0];
	if (!unit) return { kind: 'refused', message: `No unit with serial ${serial}.` };
	const product = await rt.db.products.get(unit.productId);
	if (!product)
		return {
			kind: 'refused',
			message: `Serial ${serial} belongs to a product this device does not know yet.`
		};
	return reserveUnit(rt, cartId, unit, product);
}

export async function reserveUnit(
	rt: Runtime,
	cartId: string,
	unit: UnitRow,
	product: ProductRow
): Promise<CartScan> {
	const label = await holderLabel(rt.db, unit.holder);
	const reason = unsellableReason(unit, cartId, () => label);
	if (reason) return { kind: 'refused', message: reason };
	await rt.ledger.append([
		{
			type: 'units.changed',
			action: 'reserve',
			productId: unit.productId,
			serials: [unit.serial],
			ref: { kind: 'cart', id: cartId },
			note: '',
			expected: 'in_stock'
		}
	]);
	const held = await rt.db.units.get([unit.productId, unit.serial]);
	if (held?.status !== 'reserved' || held.holder?.id !== cartId) {
		return {
			kind: 'refused',
			message: `Serial ${unit.serial} could not be reserved: another device took it first.`
		};
	}
	return { kind: 'unit', unit: held, product };
}

export async function releaseUnits(
	rt: Runtime,
	cartId: string,
	units: { productId: string; serials: string[] }[]
): Promise<void> {
	const events: NewEvent[] = units
		.filter((u) => u.serials.length > 0)
		.map((u) => ({
			type: 'units.changed',
			action: 'release',
			productId: u.productId,
			serials: u.serials,
			ref: { kind: 'cart', id: cartId },
			note: ''
		}));
	if (events.length > 0) await rt.ledger.append(events);
}

/**
 * Units this device reserved for carts other than `cartId` (a cart lost to
 * a reload or a closed tab) go back to stock.
 */
export async function releaseStaleReservations(rt: Runtime, cartId: string): Promise<number> {
	const held = (await unitsWithStatus(rt.db, 'reserved')).filter(
		({ unit }) =>
			unit.holder?.kind === 'cart' &&
			unit.holder.device === rt.ledger.device &&
			unit.holder.id !== cartId
	);
	const byCart = new Map<string, Map<string, string[]>>();
	for (const { unit } of held) {
		const cart = unit.holder?.id ?? '';
		const products = byCart.get(cart) ?? new Map<string, string[]>();
		products.set(unit.productId, [...(products.get(unit.productId) ?? []), unit.serial]);
		byCart.set(cart, products);
	}
	for (const [cart, products] of byCart) {
		await releaseUnits(
			rt,
			cart,
			[...products].map(([productId, serials]) => ({ productId, serials }))
		);
	}
	return held.length;
}

export type SaleResult =
	{ ok: true; saleId: string; receiptNo: string } | { ok: false; errors: string[] };

const COUNTER_KEY = 'saleCounter';

/**
 * Charging a repair ticket through the sale: the units (reserved for the
 * ticket, whose id is then `cartId`) are used on the ticket rather than
 * sold, and the ticket's own save goes into the same append.
 */
export interface TicketCharge {
	ticketId: string;
	saleId: string;
	also: NewEvent[];
}

/** Completes the cart's sale: one sale event and the sell of its units, in one append. */
export async function completeSale(
	rt: Runtime,
	cartId: string,
	draft: DraftSale,
	charge: TicketCharge | null = null
): Promise<SaleResult> {
	// The store's rules come from this device's tables, not the screen: no screen can skip them.
	const check = checkSale(draft, await storeSettings(rt.db));
	if (!check.ok) return check;
	const { lines } = check.sale;
	// Every product and unit of the sale read at once (a sale may have many lines).
	const ids = [...new Set(lines.map((l) => l.productId))];
	const rows = await rt.db.products.bulkGet(ids);
	const products = new Map(ids.map((id, i) => [id, rows[i]]));
	const keys = lines.flatMap((l) => l.serials.map((s): [string, string] => [l.productId, s]));
	const units = await rt.db.units.bulkGet(keys);
	const errors: string[] = [];
	let k = 0;
	for (const [i, line] of lines.entries()) {
		if (!products.get(line.productId))
			errors.push(`Line ${i + 1} (${line.name}): the product no longer exists.`);
		for (const serial of line.serials) {
			const unit = units[k++];
			if (!unit || unit.status !== 'reserved' || unit.holder?.id !== cartId) {
				const reason = unit
					? unsellableReason(unit, cartId, () => '')
					: `Serial ${serial} is not a unit of ${line.name}.`;
				errors.push(
					`Line ${i + 1} (${line.name}): ${reason ?? `serial ${serial} is not reserved for this sale.`}`
				);
			}
		}
	}
	errors.push(...saleBundleProblems(lines, await bundleDefinitions(rt, products)));
	errors.push(...stockShortfalls(lines, await quantitiesOnHand(rt, products)));
	if (errors.length > 0) return { ok: false, errors };
	const bySerialProduct = new Map<string, string[]>();
	for (const line of check.sale.lines) {
		if (line.serials.length > 0)
			bySerialProduct.set(line.productId, [
				...(bySerialProduct.get(line.productId) ?? []),
				...line.serials
			]);
	}
	// The sale takes the cart's id: the fold sees the cart's holder sell its own units.
	const saleId = charge?.saleId ?? cartId;
	// The receipt number is taken in the sale's own write: a failed sale uses none.
	return appendNumbered(rt, COUNTER_KEY, 1, async (counter) => {
		const receiptNo = `${deviceCode(rt.ledger.device)}-${String(counter + 1).padStart(6, '0')}`;
		const events: NewEvent[] = [
			{
				type: 'sale.completed',
				saleId,
				receiptNo,
				lines: check.sale.lines,
				customer: check.sale.customer,
				total: check.sale.total,
				payment: check.sale.payment,
				ticketId: charge?.ticketId ?? null
			},
			...[...bySerialProduct].map(([productId, serials]): NewEvent => ({
				type: 'units.changed',
				action: charge ? 'use' : 'sell',
				productId,
				serials,
				ref: charge ? { kind: 'ticket', id: charge.ticketId } : { kind: 'sale', id: saleId },
				note: '',
				expected: 'reserved'
			})),
			...(charge?.also ?? [])
		];
		return { events, result: { ok: true as const, saleId, receiptNo } };
	});
}

/** The definitions of the bundles sold, as this device knows them now. */
async function bundleDefinitions(
	rt: Runtime,
	products: ReadonlyMap<string, ProductRow | undefined>
): Promise<Map<string, BundleComponent[]>> {
	const definitions = new Map<string, BundleComponent[]>();
	for (const product of products.values()) {
		if (!product?.components?.length) continue;
		const parts = await bundleParts(rt.db, product);
		definitions.set(
			product.id,
			parts.map(({ productId, product: part, quantity }) => ({
				productId,
				quantity,
				name: part?.name ?? 'a product not on this device',
				serialised: part?.serialised ?? false
			}))
		);
	}
	return definitions;
}

/**
 * What limits each product's quantity lines (see stockShortfalls): what this
 * device has on hand, or null for a serialised product, a bundle, or a
 * product never received here (a service such as Labour has no stock).
 */
async function quantitiesOnHand(
	rt: Runtime,
	products: ReadonlyMap<string, ProductRow | undefined>
): Promise<OnHandOf> {
	const limits = new Map<string, number>();
	for (const [id, product] of products) {
		if (!product || product.serialised || (product.components?.length ?? 0) > 0) continue;
		const received = (await rt.db.receipts.where('productId').equals(id).count()) > 0;
		if (received) limits.set(id, product.quantityOnHand);
	}
	return (productId) => limits.get(productId) ?? null;
}
