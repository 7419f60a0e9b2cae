/**
 * The lines of a receipt typed, pasted or scanned (Input Serials Manually,
 * and its scan mode): each line is a serial, or a GS1 code (gs1.ts) that
 * carries the unit's GTIN, serial (21), lot (10) and expiry (17). GS1
 * lines are read first, then every serial passes the batch check
 * (serial-list.ts); every bad line is reported, with its line number.
 */
import { normaliseGtin } from './gs1-check';
import { parseGs1 } from './gs1';
import {
	checkBatch,
	type ExistingSerial,
	type SerialEntry,
	type SerialProblem
} from './serial-list';

export interface ReceivedUnit {
	serial: string;
	line: number;
	/** '' when the line did not say. */
	lot: string;
	/** An IsoDate, or '' when the line did not say. */
	expiry: string;
	/** The GTIN the line's GS1 code named (14 digits), or null. */
	gtin: string | null;
}

export type ReceiveLines =
	| { ok: true; units: ReceivedUnit[] }
	| { ok: false; problems: SerialProblem[]; units: ReceivedUnit[] };

/**
 * Each entry as a unit: GS1 codes read, plain serials as they are. Problems
 * name the line. With `gs1` false (serials Unitrack made: System Generated,
 * Provide Range) every entry is a plain serial.
 */
export function readLines(
	entries: readonly SerialEntry[],
	today: Date,
	gs1Codes = true
): { units: ReceivedUnit[]; problems: SerialProblem[] } {
	const units: ReceivedUnit[] = [];
	const problems: SerialProblem[] = [];
	for (const { serial: text, line } of entries) {
		const gs1 = gs1Codes ? parseGs1(text, today) : null;
		if (!gs1) {
			units.push({ serial: text, line, lot: '', expiry: '', gtin: null });
			continue;
		}
		if (!gs1.ok) {
			problems.push({ line, serial: '', reason: gs1.reason });
			continue;
		}
		const { serial, lot, expiry, gtin } = gs1.data;
		if (serial === null) {
			problems.push({
				line,
				serial: '',
				reason: 'The GS1 code has no serial number (21): it names the product, not one unit'
			});
			continue;
		}
		units.push({ serial, line, lot: lot ?? '', expiry: expiry ?? '', gtin });
	}
	return { units, problems };
}

export interface ReceiveProduct {
	name: string;
	barcode: string;
	/** Upper and lower case make different serials of it (serial-case.ts). */
	exactSerialCase?: boolean;
}

/**
 * Reads the lines and checks the batch for `product`: a GS1 line must name
 * the product's GTIN (its barcode field, as GTIN-8/12/13/14).
 */
export function checkReceiveLines(
	entries: readonly SerialEntry[],
	product: ReceiveProduct | null,
	exists: ExistingSerial,
	today: Date,
	gs1Codes = true
): ReceiveLines {
	const { units, problems } = readLines(entries, today, gs1Codes);
	const productGtin = product ? normaliseGtin(product.barcode) : null;
	const matching: ReceivedUnit[] = [];
	for (const unit of units) {
		const problem = product && unit.gtin ? gtinProblem(unit.gtin, product, productGtin) : null;
		if (problem) problems.push({ line: unit.line, serial: '', reason: problem });
		else matching.push(unit);
	}
	// With every line refused already, "no serials" would say nothing new.
	if (matching.length > 0 || problems.length === 0) {
		const batch = checkBatch(matching, exists, { ignoreCase: !product?.exactSerialCase });
		if (!batch.ok) problems.push(...batch.problems);
	}
	if (problems.length === 0) return { ok: true, units };
	problems.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
	return { ok: false, problems, units };
}

function gtinProblem(gtin: string, product: ReceiveProduct, productGtin: string | null) {
	if (gtin === productGtin) return null;
	if (!productGtin)
		return `The GS1 code is for GTIN ${gtin}, and ${product.name} has no GTIN in its barcode field`;
	return `The GS1 code is for GTIN ${gtin}, not ${product.name} (GTIN ${productGtin})`;
}

/** The event's per-unit lots and expiries: absent when no unit has one. */
export function lotsAndExpiries(units: readonly ReceivedUnit[]): {
	lots?: string[];
	expiries?: string[];
} {
	return {
		...(units.some((u) => u.lot) ? { lots: units.map((u) => u.lot) } : {}),
		...(units.some((u) => u.expiry) ? { expiries: units.map((u) => u.expiry) } : {})
	};
}

/** The GTINs the units' GS1 codes name, each once. */
export function gtinsOfLines(units: readonly ReceivedUnit[]): string[] {
	return [...new Set(units.flatMap((u) => (u.gtin ? [u.gtin] : [])))];
}

/** A unit's lot and expiry from its receipt's lists (by the serial's place), '' for none. */
export function lotExpiryLookup(receipt: {
	serials: readonly string[];
	lots?: readonly string[];
	expiries?: readonly string[];
}): (serial: string) => { lot?: string; expiry?: string } {
	const { lots, expiries } = receipt;
	if (!lots && !expiries) return () => ({});
	// Built on the first call: a sale of one unit of a big receipt carries its lot over instead.
	let index: Map<string, number> | null = null;
	return (serial) => {
		index ??= new Map(receipt.serials.map((s, i) => [s, i]));
		const i = index.get(serial);
		if (i === undefined) return {};
		const lot = lots?.[i];
		const expiry = expiries?.[i];
		return { ...(lot ? { lot } : {}), ...(expiry ? { expiry } : {}) };
	};
}
