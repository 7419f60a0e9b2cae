/**
 * GS1 check digits, GTINs and dates (GS1 General Specifications 7.9 and
 * 7.12).
 *
 * - Mod-10 check digit: from the right, digits are weighted 3, 1, 3, 1 …
 *   (the check digit itself excluded); the check digit brings the sum up to
 *   a multiple of ten. It catches every single wrong digit.
 * - A GTIN is 8, 12, 13 or 14 digits; padded with leading zeros to 14 it
 *   is the same GTIN (GTIN-14 form, what AI 01 carries).
 * - Dates are YYMMDD. The century is the one that puts the year within 49
 *   years back and 50 ahead of today; DD 00 means the last day of the month.
 */

/** The check digit of `body` (the digits before it). */
export function checkDigit(body: string): number {
	let sum = 0;
	for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight)
		sum += (body.charCodeAt(i) - 48) * weight;
	return (10 - (sum % 10)) % 10;
}

/** True when `digits` (all digits, two or more) ends with its right check digit. */
export function hasValidCheckDigit(digits: string): boolean {
	if (!/^\d{2,}$/.test(digits)) return false;
	return checkDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * A GTIN-8, -12, -13 or -14 as its 14-digit form, or null when `code` is
 * not one (wrong length, not digits, wrong check digit).
 */
export function normaliseGtin(code: string): string | null {
	const digits = code.trim();
	if (!/^\d+$/.test(digits) || !GTIN_LENGTHS.has(digits.length)) return null;
	if (!hasValidCheckDigit(digits)) return null;
	return digits.padStart(14, '0');
}

/**
 * The ways a GTIN-14 may be written in a product's barcode field: itself,
 * and as GTIN-13, -12 and -8 when its leading zeros allow.
 */
export function gtinForms(gtin14: string): string[] {
	const forms = [gtin14];
	if (gtin14.startsWith('0')) forms.push(gtin14.slice(1));
	if (gtin14.startsWith('00')) forms.push(gtin14.slice(2));
	if (gtin14.startsWith('000000')) forms.push(gtin14.slice(6));
	return forms;
}

/** A date as 'YYYY-MM-DD' (the calendar date; no time zone). */
export type IsoDate = string;

const pad2 = (v: number) => String(v).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The calendar date of a GS1 YYMMDD, or null when it is not one. `today`
 * decides the century (its UTC calendar year).
 */
export function parseGs1Date(yymmdd: string, today: Date): IsoDate | null {
	const m = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
	if (!m) return null;
	const yy = Number(m[1]);
	const month = Number(m[2]);
	const dd = Number(m[3]);
	if (month < 1 || month > 12) return null;
	const year = gs1Year(yy, today.getUTCFullYear());
	const last = daysInMonth(year, month);
	if (dd > last) return null;
	return `${year}-${pad2(month)}-${pad2(dd === 0 ? last : dd)}`;
}

/** GS1's century rule (General Specifications 7.12). */
export function gs1Year(yy: number, currentYear: number): number {
	const century = currentYear - (currentYear % 100);
	const difference = yy - (currentYear % 100);
	if (difference >= 51) return century - 100 + yy;
	if (difference <= -50) return century + 100 + yy;
	return century + yy;
}

/** YYMMDD of a calendar date. */
export function gs1DateOf(iso: IsoDate): string {
	return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
	if (typeof value !== 'string') return false;
	const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
	if (!m) return false;
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}
