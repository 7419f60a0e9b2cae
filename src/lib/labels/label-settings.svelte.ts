/**
 * The label settings of this device, kept in localStorage: the label stock
 * and printer resolution last used, which optional lines labels carry, the
 * store name to print, and the calibration offsets measured on a test label
 * (per template: the thermal printer and the sheet printer are different
 * machines). Reactive: the label screen binds to them.
 */
import { PRINTER_DPIS, type Dpi } from './barcode-fit';
import type { LabelFields } from './label-content';
import { DEFAULT_TEMPLATE, isTemplateId, type Point, type TemplateId } from './templates';

export const LABEL_SETTINGS_KEY = 'unitrack.label-settings';
/** Calibration can move the print this far (mm) either way: more means the wrong stock. */
export const MAX_OFFSET_MM = 10;
export const MAX_STORE_NAME = 40;

/** What a unit label's symbol carries: the serial as Code 128, or GS1 DataMatrix (GTIN, serial, lot, expiry). */
export type UnitBarcode = 'code128' | 'gs1datamatrix';

export interface StoredLabelSettings {
	unitBarcode: UnitBarcode;
	template: TemplateId;
	dpi: Dpi;
	fields: LabelFields;
	storeName: string;
	offsets: Partial<Record<TemplateId, Point>>;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** An offset in mm, to 0.1 mm, within ±MAX_OFFSET_MM; anything else is 0. */
export function normaliseOffset(mm: unknown): number {
	const n = typeof mm === 'number' ? mm : Number(mm);
	if (!Number.isFinite(n)) return 0;
	const clamped = Math.max(-MAX_OFFSET_MM, Math.min(MAX_OFFSET_MM, n));
	return Math.round(clamped * 10) / 10 || 0;
}

export function normaliseLabelSettings(value: unknown): StoredLabelSettings {
	const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
	const fields = (v.fields && typeof v.fields === 'object' ? v.fields : {}) as Record<
		string,
		unknown
	>;
	const offsets: StoredLabelSettings['offsets'] = {};
	if (v.offsets && typeof v.offsets === 'object') {
		for (const [id, offset] of Object.entries(v.offsets as Record<string, unknown>)) {
			if (!isTemplateId(id) || !offset || typeof offset !== 'object') continue;
			const o = offset as Record<string, unknown>;
			offsets[id] = { x: normaliseOffset(o.x), y: normaliseOffset(o.y) };
		}
	}
	return {
		unitBarcode: v.unitBarcode === 'gs1datamatrix' ? 'gs1datamatrix' : 'code128',
		template: isTemplateId(v.template) ? v.template : DEFAULT_TEMPLATE,
		dpi: PRINTER_DPIS.find((d) => d === v.dpi) ?? 203,
		fields: {
			price: fields.price === true,
			stockCode: fields.stockCode !== false,
			storeName: fields.storeName === true
		},
		storeName: typeof v.storeName === 'string' ? v.storeName.slice(0, MAX_STORE_NAME) : '',
		offsets
	};
}

export class LabelSettings {
	#current = $state<StoredLabelSettings>(normaliseLabelSettings(null));

	/** `storage` is null where there is none (tests, private modes that throw). */
	constructor(
		private readonly storage: KeyValueStore | null,
		private readonly key = LABEL_SETTINGS_KEY
	) {
		try {
			const raw = storage?.getItem(key);
			if (raw) this.#current = normaliseLabelSettings(JSON.parse(raw));
		} catch {
			// Unreadable settings: the defaults serve.
		}
	}

	get unitBarcode(): UnitBarcode {
		return this.#current.unitBarcode;
	}
	set unitBarcode(unitBarcode: UnitBarcode) {
		this.#save({ unitBarcode });
	}

	get template(): TemplateId {
		return this.#current.template;
	}
	set template(template: TemplateId) {
		this.#save({ template });
	}

	get dpi(): Dpi {
		return this.#current.dpi;
	}
	set dpi(dpi: Dpi) {
		this.#save({ dpi });
	}

	get fields(): LabelFields {
		return this.#current.fields;
	}
	setField(field: keyof LabelFields, on: boolean): void {
		this.#save({ fields: { ...this.#current.fields, [field]: on } });
	}

	get storeName(): string {
		return this.#current.storeName;
	}
	set storeName(name: string) {
		this.#save({ storeName: name });
	}

	/** The calibration offset of `template` on this device (0, 0 until measured). */
	offset(template: TemplateId): Point {
		return this.#current.offsets[template] ?? { x: 0, y: 0 };
	}
	setOffset(template: TemplateId, offset: Partial<Point>): void {
		const next = { ...this.offset(template), ...offset };
		this.#save({ offsets: { ...this.#current.offsets, [template]: next } });
	}

	#save(patch: Partial<StoredLabelSettings>) {
		this.#current = normaliseLabelSettings({ ...this.#current, ...patch });
		try {
			this.storage?.setItem(this.key, JSON.stringify(this.#current));
		} catch {
			// Storage full or unavailable: the settings last for this visit.
		}
	}
}
