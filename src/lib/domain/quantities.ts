/**
 * Reading the numbers staff type: counts, days and money.
 *
 * Each parser returns a result instead of throwing, and its error names the
 * field (`label`) and what is wrong with it, so a screen can show it as is.
 * Money is kept in minor units (cents) as an integer, parsed from the text
 * digit by digit: `12.10` never becomes 1209.9999 through a float.
 */

export type NumberResult = { ok: true; value: number } | { ok: false; error: string };
export type MoneyResult = { ok: true; value: number | null } | { ok: false; error: string };

export interface WholeNumberRules {
	min: number;
	max: number;
	/** The field's name as the user sees it, e.g. 'Warranty Term In Days'. */
	label: string;
}

/** `1234567` → `'1,234,567'`. Fixed format, so messages do not follow the locale. */
export function groupThousands(value: number | bigint): string {
	const text = String(value);
	const sign = text.startsWith('-') ? '-' : '';
	const digits = sign ? text.slice(1) : text;
	let out = '';
	for (let end = digits.length; end > 0; end -= 3) {
		const part = digits.slice(Math.max(0, end - 3), end);
		out = out ? `${part},${out}` : part;
	}
	return sign + out;
}

// Sign, whole part (plain, or grouped by commas in threes: '10,000'), and an
// optional fraction. Each piece is a simple run, so no backtracking blow-up;
// '2,5' (a decimal comma) does not match and is refused as not a number.
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

interface NumberParts {
	negative: boolean;
	whole: string;
	fraction: string;
}

function splitNumber(text: string): NumberParts | null {
	const match = NUMBER.exec(text);
	if (!match) return null;
	const whole = (match[2] ?? '').replaceAll(',', '');
	const fraction = match[3] ?? '';
	if (whole === '' && fraction === '') return null;
	return { negative: match[1] === '-', whole, fraction };
}

function isAllZeros(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 48) return false;
	return true;
}

/** A count or a number of days: a whole number within [min, max]. */
export function parseWholeNumber(
	input: string,
	{ min, max, label }: WholeNumberRules
): NumberResult {
	const text = input.trim();
	if (text === '') return { ok: false, error: `${label} is required` };
	const parts = splitNumber(text);
	if (!parts) return { ok: false, error: `${label} must be a number, not "${text}"` };
	// '5.0' is still five; '5.5' is not a whole number of anything.
	if (!isAllZeros(parts.fraction)) {
		return { ok: false, error: `${label} must be a whole number, not "${text}"` };
	}
	const magnitude = Number(parts.whole === '' ? '0' : parts.whole);
	const value = parts.negative && magnitude !== 0 ? -magnitude : magnitude;
	if (value < 0 && min >= 0) return { ok: false, error: `${label} cannot be negative` };
	if (value < min) return { ok: false, error: `${label} must be at least ${groupThousands(min)}` };
	if (value > max) return { ok: false, error: `${label} must be at most ${groupThousands(max)}` };
	return { ok: true, value };
}

const MINOR_PER_MAJOR = 100;
const MONEY_DECIMALS = 2;

// Digits in groups of three after a first group of one to three, split by
// one separator throughout: '1,299', '1.234.567', '1 234'. Simple runs, no
// backtracking blow-up.
const GROUPED = /^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$/;
const PLAIN = /^\d*$/;

function moneyWhole(text: string, decimalMark: string | null): string | null {
	if (PLAIN.test(text)) return text;
	const grouped = GROUPED.exec(text);
	// The decimal mark cannot also group the whole part ('1,234,56').
	if (!grouped || grouped[1] === decimalMark) return null;
	return text.replace(/[^\d]/g, '');
}

/**
 * An amount of money, e.g. a unit cost or the amount paid, as staff type it
 * in any common convention: '12', '12.5', '12.50', '1,299.99', and with a
 * decimal comma '12,50', '1.299,99', '1 299,50'. A point or a comma followed
 * by one or two digits at the end is the decimal mark. '1.234' (a point and
 * three digits, read 1234 in Germany and 1.234 elsewhere) is refused as
 * unclear rather than guessed; '1,234' is 1234. Empty means "not given"
 * (null). Exponents, hex, signs other than a leading '-' and currency
 * symbols are refused. Assumes a currency with two decimals.
 */
export function parseMoney(input: string, label: string): MoneyResult {
	const text = input.trim();
	if (text === '') return { ok: true, value: null };
	const unlike = `${label} must be an amount like 12.50, not "${text}"`;
	const negative = text.startsWith('-');
	const body = negative || text.startsWith('+') ? text.slice(1) : text;
	const mark = /[.,](\d*)$/.exec(body);
	let whole: string | null;
	let fraction = '';
	if (mark && (mark[1] ?? '').length !== 3) {
		fraction = mark[1] ?? '';
		if (fraction.length > MONEY_DECIMALS) {
			return { ok: false, error: `${label} can have at most 2 decimals, not "${text}"` };
		}
		whole = moneyWhole(body.slice(0, mark.index), body[mark.index] ?? null);
	} else {
		whole = moneyWhole(body, null);
		if (whole !== null && /^\d{1,3}\.\d{3}$/.test(body)) {
			return {
				ok: false,
				error: `${label} "${text}" is unclear: type ${whole} without the point, or at most 2 decimals`
			};
		}
	}
	if (whole === null || (whole === '' && fraction === '')) return { ok: false, error: unlike };
	if (negative && !(isAllZeros(whole) && isAllZeros(fraction))) {
		return { ok: false, error: `${label} cannot be negative` };
	}
	const value =
		Number(whole === '' ? '0' : whole) * MINOR_PER_MAJOR +
		Number(fraction.padEnd(MONEY_DECIMALS, '0'));
	if (!Number.isSafeInteger(value)) return { ok: false, error: `${label} is too large` };
	return { ok: true, value };
}
