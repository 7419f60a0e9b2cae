/**
 * Catalog records (products, suppliers) are small and edited on several
 * devices: each field is last-writer-wins by clock. Merging is a pure
 * function of the record and the incoming fields, so order does not matter:
 * two writes with one clock (only a faulty or hostile device makes them) are
 * ordered by event id, never by which arrived first.
 */
import { isLater, type Stamp } from './stamp';
import type { ProductFields, SettingsFields, SupplierFields } from './types';

export interface LwwRecord<F> {
	values: Partial<F>;
	/** The clock and event id of the write that set each field. */
	clocks: Partial<Record<keyof F, Stamp>>;
}

export function mergeFields<F extends object>(
	record: LwwRecord<F>,
	fields: Partial<F>,
	stamp: Stamp
): LwwRecord<F> {
	const values: Partial<F> = { ...record.values };
	const clocks: Partial<Record<keyof F, Stamp>> = { ...record.clocks };
	for (const key of Object.keys(fields) as (keyof F)[]) {
		if (isLater(stamp, clocks[key])) {
			values[key] = fields[key];
			clocks[key] = { at: stamp.at, eventId: stamp.eventId };
		}
	}
	return { values, clocks };
}

export const DEFAULT_PRODUCT: ProductFields = {
	name: '',
	stockCode: '',
	barcode: '',
	price: 0,
	serialised: false,
	customerWarrantyDays: 0
};

export const DEFAULT_SUPPLIER: SupplierFields = { name: '', phone: '', email: '' };

/** The store's settings before anyone has changed them. */
export const DEFAULT_SETTINGS: SettingsFields = { customerRequiredForSerialised: false };

/** The one row of store settings (there is one store per log). */
export const SETTINGS_ID = 'store';

/** Why Serialised Stock cannot be switched off, or null when it can. */
export function serialisedOffProblem(unitsInStock: number): string | null {
	if (unitsInStock === 0) return null;
	const units =
		unitsInStock === 1
			? '1 serialised unit'
			: `${unitsInStock.toLocaleString('en')} serialised units`;
	return `Serialised Stock cannot be switched off: this product has ${units} in stock. Sell, write off or return them first.`;
}

export function normaliseKey(value: string): string {
	return value.trim().toLowerCase();
}
