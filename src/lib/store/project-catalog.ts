/**
 * Catalog rows (products, suppliers, the store's settings): each field
 * last-writer-wins by (clock, event id), so applying a write twice, or
 * writes in any order, gives the same row.
 */
import {
	DEFAULT_PRODUCT,
	DEFAULT_SETTINGS,
	DEFAULT_SUPPLIER,
	mergeFields,
	normaliseKey,
	SETTINGS_ID,
	type LwwRecord
} from '$lib/domain/catalog';
import type { Stamp } from '$lib/domain/stamp';
import type { ProductUpserted, SettingsUpserted, SupplierUpserted } from '$lib/domain/types';
import type { ProductRow, SettingsRow, SupplierRow } from './db';
import type { WorkingSet } from './working-set';

export function stampOf(e: { id: string; at: string }): Stamp {
	return { at: e.at, eventId: e.id };
}

/** The product row, or the row of a product this device has not heard of yet. */
export function productRow(ws: WorkingSet, id: string): ProductRow {
	return (
		ws.get('products', id) ?? {
			id,
			...DEFAULT_PRODUCT,
			clocks: {},
			nameKey: '',
			stockCodeKey: '',
			counts: {},
			quantityOnHand: 0
		}
	);
}

/** Merges `fields`; null when no field changed (the write is older, or seen already). */
function merged<F extends object, R extends F & { clocks: LwwRecord<F>['clocks'] }>(
	row: R,
	fields: Partial<F>,
	stamp: Stamp
): R | null {
	const next = mergeFields<F>({ values: row, clocks: row.clocks }, fields, stamp);
	const changed = (Object.keys(fields) as (keyof F)[]).some(
		(k) => next.clocks[k] !== row.clocks[k]
	);
	return changed ? { ...row, ...next.values, clocks: next.clocks } : null;
}

export function applyProduct(ws: WorkingSet, e: ProductUpserted): void {
	const next = merged(productRow(ws, e.productId), e.fields, stampOf(e));
	if (next)
		ws.put('products', e.productId, {
			...next,
			nameKey: normaliseKey(next.name),
			stockCodeKey: normaliseKey(next.stockCode)
		});
}

export function applySupplier(ws: WorkingSet, e: SupplierUpserted): void {
	const row: SupplierRow = ws.get('suppliers', e.supplierId) ?? {
		id: e.supplierId,
		...DEFAULT_SUPPLIER,
		clocks: {},
		nameKey: ''
	};
	const next = merged(row, e.fields, stampOf(e));
	if (next) ws.put('suppliers', e.supplierId, { ...next, nameKey: normaliseKey(next.name) });
}

export function applySettings(ws: WorkingSet, e: SettingsUpserted): void {
	const row: SettingsRow = ws.get('settings', SETTINGS_ID) ?? {
		id: SETTINGS_ID,
		...DEFAULT_SETTINGS,
		clocks: {}
	};
	const next = merged(row, e.fields, stampOf(e));
	if (next) ws.put('settings', SETTINGS_ID, next);
}
