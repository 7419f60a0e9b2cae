/**
 * Generate Stock Serials: turns the form into one `stock.received` event, or
 * into the full list of what is wrong. A batch is all or nothing.
 */
import { parseMoney, parseWholeNumber } from '$lib/domain/quantities';
import { expandRange, expandRangeByCount, growthMessage } from '$lib/domain/serial-range';
import { deviceCode, systemSerials } from '$lib/domain/serial-generate';
import {
	checkReceiveLines,
	gtinsOfLines,
	lotsAndExpiries,
	readLines
} from '$lib/domain/receive-lines';
import {
	entriesFromSerials,
	parseSerialList,
	type SerialEntry,
	type SerialProblem
} from '$lib/domain/serial-list';
import { serialKey } from '$lib/domain/serial-case';
import { MAX_BATCH } from '$lib/domain/serial-rules';
import { MAX_WARRANTY_DAYS } from '$lib/domain/warranty';
import type { NewEvent, ReceiveMethod } from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import type { ProductRow } from '$lib/store/db';
import { productsByGtin } from '$lib/store/gs1-queries';
import { serialsOfProduct } from '$lib/store/serial-queries';
import { appendNumbered, type Numbered } from './numbered';
import type { Runtime } from './runtime';

export interface ReceiveForm {
	productId: string;
	/** An existing supplier's id, or '' to create `newSupplierName`. */
	supplierId: string;
	newSupplierName: string;
	reference: string;
	unitCost: string;
	warrantyDays: string;
	method: ReceiveMethod;
	count: string;
	rangeFirst: string;
	rangeLast: string;
	/** 'last' or 'count': how the range is given. */
	rangeBy: 'last' | 'count';
	rangeCount: string;
	/** The person confirmed a range whose number grows past its digits (serial-range.ts). */
	rangeGrowthConfirmed?: boolean;
	manualText: string;
	/** Scan mode: the scanned serials in order. */
	scanned: string[];
	/** The receipt's id, chosen by the screen before the save so it can find it after a reload. */
	receiptId?: string;
}

export type ReceiveResult =
	| { ok: true; receiptId: string; count: number }
	| { ok: false; errors: Record<string, string>; problems: SerialProblem[] };

const COUNTER_KEY = 'systemSerialCounter';

export async function receiveSerials(
	rt: Runtime,
	form: ReceiveForm,
	today: Date = new Date()
): Promise<ReceiveResult> {
	if (form.method !== 'system') return buildAndAppend(rt, form, today, 0);
	const count = parseWholeNumber(form.count, {
		min: 1,
		max: MAX_BATCH,
		label: 'Number of serials'
	});
	if (!count.ok) return buildAndAppend(rt, form, today, 0);
	// System serials come from a counter that moves with the receipt's own write.
	return appendNumbered(rt, COUNTER_KEY, count.value, (start) => build(rt, form, today, start));
}

async function buildAndAppend(rt: Runtime, form: ReceiveForm, today: Date, start: number) {
	const built = await build(rt, form, today, start);
	if ('refused' in built) return built.refused;
	await rt.ledger.append(built.events);
	return built.result;
}

async function build(
	rt: Runtime,
	form: ReceiveForm,
	today: Date,
	start: number
): Promise<Numbered<ReceiveResult>> {
	const errors: Record<string, string> = {};
	const entries = serialEntries(rt, form, errors, start);
	// No product chosen: GS1 codes name it by GTIN.
	const productId =
		form.productId || (entries ? await productOfLines(rt, entries, today, errors) : '');
	const product = productId ? await rt.db.products.get(productId) : undefined;
	if (!errors.product && (!product || !product.serialised))
		errors.product = 'Choose a product with Serialised Stock set to Yes.';
	const supplierName = form.newSupplierName.trim();
	if (!form.supplierId && !supplierName) errors.supplier = 'Choose a supplier or enter a new one.';
	if (form.supplierId && !(await rt.db.suppliers.get(form.supplierId)))
		errors.supplier = 'That supplier no longer exists.';
	if (form.reference.length > 100)
		errors.reference = 'The reference is longer than 100 characters.';
	const cost = parseMoney(form.unitCost, 'Unit cost');
	if (!cost.ok) errors.unitCost = cost.error;
	const days = parseWholeNumber(form.warrantyDays, {
		min: 0,
		max: MAX_WARRANTY_DAYS,
		label: 'Warranty Term In Days'
	});
	if (!days.ok) errors.warrantyDays = days.error;

	const existing = product ? await serialsOfProduct(rt.db, product) : new Map<string, string>();
	const keyOf = (s: string) => (product?.exactSerialCase ? s : serialKey(s));
	const batch = entries
		? checkReceiveLines(
				entries,
				product ?? null,
				(s) => existing.get(keyOf(s)) ?? false,
				today,
				// Only typed, pasted or scanned lines can be GS1 codes.
				form.method === 'manual' || form.method === 'scan'
			)
		: null;
	const problems = batch && !batch.ok ? batch.problems : [];
	if (Object.keys(errors).length > 0 || !product || !batch || !batch.ok || !cost.ok || !days.ok)
		return { refused: { ok: false, errors, problems } };

	const events: NewEvent[] = [];
	let supplierId = form.supplierId;
	if (!supplierId) {
		supplierId = newId();
		events.push({
			type: 'supplier.upserted',
			supplierId,
			fields: { name: supplierName, phone: '', email: '' }
		});
	}
	const receiptId = form.receiptId ?? newId();
	events.push({
		type: 'stock.received',
		receiptId,
		productId: product.id,
		supplierId,
		reference: form.reference.trim(),
		unitCost: cost.value,
		warrantyDays: days.value,
		method: form.method,
		serials: batch.units.map((u) => u.serial),
		...lotsAndExpiries(batch.units)
	});
	return { events, result: { ok: true, receiptId, count: batch.units.length } };
}

/** The serialised product the lines' GS1 codes name by GTIN, or '' with the reason in `errors`. */
async function productOfLines(
	rt: Runtime,
	entries: readonly SerialEntry[],
	today: Date,
	errors: Record<string, string>
): Promise<string> {
	const [gtin, ...others] = gtinsOfLines(readLines(entries, today).units);
	if (gtin === undefined) return '';
	if (others.length > 0) {
		errors.product = 'The GS1 codes name more than one GTIN: receive one product at a time.';
		return '';
	}
	const found: ProductRow[] = (await productsByGtin(rt.db, gtin)).filter((p) => p.serialised);
	if (found.length === 1) return found[0]?.id ?? '';
	errors.product =
		found.length === 0
			? `No serialised product has GTIN ${gtin}: enter it as the product's barcode first, or choose the product.`
			: `${found.length} products have GTIN ${gtin}: choose the product.`;
	return '';
}

function serialEntries(
	rt: Runtime,
	form: ReceiveForm,
	errors: Record<string, string>,
	start: number
): SerialEntry[] | null {
	switch (form.method) {
		case 'system': {
			const count = parseWholeNumber(form.count, {
				min: 1,
				max: MAX_BATCH,
				label: 'Number of serials'
			});
			if (!count.ok) {
				errors.count = count.error;
				return null;
			}
			return entriesFromSerials(systemSerials(deviceCode(rt.ledger.device), start, count.value));
		}
		case 'range': {
			let range;
			if (form.rangeBy === 'count') {
				const count = parseWholeNumber(form.rangeCount, { min: 1, max: MAX_BATCH, label: 'Count' });
				if (!count.ok) {
					errors.rangeCount = count.error;
					return null;
				}
				range = expandRangeByCount(form.rangeFirst, count.value);
			} else {
				range = expandRange(form.rangeFirst, form.rangeLast);
			}
			if (!range.ok) {
				errors.range = range.error;
				return null;
			}
			if (range.grows && !form.rangeGrowthConfirmed) {
				errors.range = `${growthMessage(range.grows)}: tick "Save with the longer number" to save these serials, or end the range before ${range.grows.at}.`;
				return null;
			}
			return entriesFromSerials(range.serials);
		}
		case 'manual':
			return parseSerialList(form.manualText);
		case 'scan':
			return entriesFromSerials(form.scanned);
	}
}

export interface QuantityForm {
	productId: string;
	supplierId: string;
	reference: string;
	unitCost: string;
	quantity: string;
}

/** Receives a quantity of a non-serialised product. */
export async function receiveQuantity(
	rt: Runtime,
	form: QuantityForm
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
	const errors: Record<string, string> = {};
	const product = await rt.db.products.get(form.productId);
	if (!product || product.serialised)
		errors.product = 'Serialised products are received by serial: use Generate Serial.';
	else if ((product.components?.length ?? 0) > 0)
		errors.product = `${product.name} is a bundle: it holds no stock of its own. Receive its components.`;
	if (form.supplierId && !(await rt.db.suppliers.get(form.supplierId)))
		errors.supplier = 'That supplier no longer exists.';
	const quantity = parseWholeNumber(form.quantity, { min: 1, max: 1_000_000, label: 'Quantity' });
	if (!quantity.ok) errors.quantity = quantity.error;
	const cost = parseMoney(form.unitCost, 'Unit cost');
	if (!cost.ok) errors.unitCost = cost.error;
	if (Object.keys(errors).length > 0 || !quantity.ok || !cost.ok) return { ok: false, errors };
	await rt.ledger.append([
		{
			type: 'stock.quantity_received',
			receiptId: newId(),
			productId: form.productId,
			supplierId: form.supplierId,
			reference: form.reference.trim(),
			unitCost: cost.value,
			quantity: quantity.value
		}
	]);
	return { ok: true };
}
