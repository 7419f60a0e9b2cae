/**
 * Catalog records (products, suppliers) are small and edited on several
 * devices: each field is last-writer-wins by clock. Merging is a pure
 * function of the record and the incoming fields, so order does not matter.
 */
import type { Hlc, ProductFields, SettingsFields, SupplierFields } from './types';

export interface LwwRecord<F> {
	values: Partial<F>;
	/** The clock of the write that set each field. */
	clocks: Partial<Record<keyof F, Hlc>>;
}

export function mergeFields<F extends object>(
	record: LwwRecord<F>,
	fields: Partial<F>,
	at: Hlc
): LwwRecord<F> {
	const values: Partial<F> = { ...record.values };
	const clocks: Partial<Record<keyof F, Hlc>> = { ...record.clocks };
	for (const key of Object.keys(fields) as (keyof F)[]) {
		const held = clocks[key];
		if (held === undefined || at > held) {
			values[key] = fields[key];
			clocks[key] = at;
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
