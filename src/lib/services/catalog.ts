/**
 * Creating and editing products and suppliers: the domain decides, the ledger
 * appends. Returns what happened; the screen decides what to show.
 */
import { bundleDefinitionProblems } from '$lib/domain/bundle';
import { normaliseKey, serialisedOffProblem } from '$lib/domain/catalog';
import { parseMoney, parseWholeNumber } from '$lib/domain/quantities';
import { serialProblem } from '$lib/domain/serial-rules';
import { MAX_WARRANTY_DAYS } from '$lib/domain/warranty';
import type { BundlePart, ProductFields, SupplierFields } from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import { stockCodeTaken } from '$lib/store/queries';
import type { Runtime } from './runtime';

export interface ProductForm {
	name: string;
	stockCode: string;
	barcode: string;
	price: string;
	serialised: boolean;
	customerWarrantyDays: string;
	/** Upper and lower case make different serials (domain/serial-case.ts). */
	exactSerialCase?: boolean;
	/** Set to make the product a bundle of these products (quantity still text). */
	components: { productId: string; quantity: string }[];
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

export async function saveProduct(
	rt: Runtime,
	id: string | null,
	form: ProductForm
): Promise<SaveResult> {
	const errors: Record<string, string> = {};
	const name = form.name.trim();
	const stockCode = form.stockCode.trim();
	const barcode = form.barcode.trim();
	if (!name) errors.name = 'Enter the product name.';
	if (name.length > 200) errors.name = 'The name is longer than 200 characters.';
	if (!stockCode) errors.stockCode = 'Enter a stock code.';
	else if (serialProblem(stockCode))
		errors.stockCode = `The stock code ${serialProblem(stockCode)}.`;
	else if (await stockCodeTaken(rt.db, stockCode, id))
		errors.stockCode = `Stock code ${stockCode} is already used by another product.`;
	if (barcode && serialProblem(barcode)) errors.barcode = `The barcode ${serialProblem(barcode)}.`;
	const price = parseMoney(form.price, 'Price');
	if (!price.ok) errors.price = price.error;
	const days =
		form.customerWarrantyDays.trim() === ''
			? { ok: true as const, value: 0 }
			: parseWholeNumber(form.customerWarrantyDays, {
					min: 0,
					max: MAX_WARRANTY_DAYS,
					label: 'Customer warranty'
				});
	if (!days.ok) errors.customerWarrantyDays = days.error;

	const existing = id ? await rt.db.products.get(id) : undefined;
	if (existing?.serialised && !form.serialised) {
		const problem = serialisedOffProblem(existing.counts.in_stock ?? 0);
		if (problem) errors.serialised = problem;
	}
	const components = await checkComponents(rt, id, form, errors);
	if (Object.keys(errors).length > 0 || !price.ok || !days.ok) return { ok: false, errors };

	const fields: ProductFields = {
		name,
		stockCode,
		barcode,
		price: price.value ?? 0,
		serialised: form.serialised,
		customerWarrantyDays: days.value
	};
	// Only a bundle, or a product that was one, carries the field; the same for case-exact serials.
	if (components.length > 0 || (existing?.components?.length ?? 0) > 0)
		fields.components = components;
	if (form.exactSerialCase || existing?.exactSerialCase !== undefined)
		fields.exactSerialCase = form.exactSerialCase === true;
	const productId = id ?? newId();
	const changed = changedFields(existing, fields);
	if (Object.keys(changed).length > 0)
		await rt.ledger.append([{ type: 'product.upserted', productId, fields: changed }]);
	return { ok: true, id: productId };
}

/** The bundle's parts as stored, or (into `errors`) every problem with them. */
async function checkComponents(
	rt: Runtime,
	id: string | null,
	form: ProductForm,
	errors: Record<string, string>
): Promise<BundlePart[]> {
	if (form.components.length === 0) return [];
	const rows = await rt.db.products.bulkGet(form.components.map((c) => c.productId || '-'));
	const parts = form.components.map((c, i) => {
		const row = rows[i];
		return {
			productId: c.productId,
			quantity: /^\s*\d+\s*$/.test(c.quantity) ? Number(c.quantity) : NaN,
			name: row?.name ?? '',
			known: row !== undefined,
			isBundle: (row?.components?.length ?? 0) > 0
		};
	});
	const problems = bundleDefinitionProblems(id, parts);
	if (form.serialised)
		problems.push(
			'A bundle is not serialised itself: set Serialised Stock to No; its components carry the serials.'
		);
	if (problems.length > 0) errors.components = problems.join(' ');
	return parts.map(({ productId, quantity }) => ({ productId, quantity }));
}

export interface SupplierForm {
	name: string;
	phone: string;
	email: string;
}

export async function saveSupplier(
	rt: Runtime,
	id: string | null,
	form: SupplierForm
): Promise<SaveResult> {
	const errors: Record<string, string> = {};
	const fields: SupplierFields = {
		name: form.name.trim(),
		phone: form.phone.trim(),
		email: form.email.trim()
	};
	if (!fields.name) errors.name = 'Enter the supplier name.';
	if (fields.name.length > 200) errors.name = 'The name is longer than 200 characters.';
	if (fields.email && !/^[^\s@]+@[^\s@]+$/.test(fields.email))
		errors.email = 'That email address does not look right.';
	if (!errors.name) {
		const same = await rt.db.suppliers.where('nameKey').equals(normaliseKey(fields.name)).toArray();
		if (same.some((s) => s.id !== id))
			errors.name = `A supplier named ${fields.name} already exists.`;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const supplierId = id ?? newId();
	const existing = id ? await rt.db.suppliers.get(id) : undefined;
	const changed = changedFields(existing, fields);
	if (Object.keys(changed).length > 0)
		await rt.ledger.append([{ type: 'supplier.upserted', supplierId, fields: changed }]);
	return { ok: true, id: supplierId };
}

/** Only fields that changed travel, so an edit does not overwrite a peer's edit of another field. */
function changedFields<F extends object>(existing: Partial<F> | undefined, fields: F): Partial<F> {
	if (!existing) return fields;
	const out: Partial<F> = {};
	for (const key of Object.keys(fields) as (keyof F)[])
		if (JSON.stringify(existing[key]) !== JSON.stringify(fields[key])) out[key] = fields[key];
	return out;
}
