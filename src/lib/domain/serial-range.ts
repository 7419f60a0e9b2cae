/**
 * "Provide Range": the serials between a first and a last (or a first and a
 * count), as printed on a supplier's box: `SN0098..SN0102`, `A-009-X..A-011-X`.
 *
 * The last group of ASCII digits in the serial counts up; everything before
 * it (the prefix) and after it (the suffix) stays as it is. A group that is
 * longer than one digit and starts with '0' is zero-padded: its width is
 * fixed, so both ends must have that width and counting may not outgrow it.
 * An unpadded group grows as it needs (`SN98..SN102`).
 *
 * Numbers are compared as BigInt, since a digit group may be ~38 digits long;
 * the list itself is built with plain numbers (see `build`).
 */
import { groupThousands } from './quantities';
import { MAX_BATCH, serialProblem } from './serial-rules';

/**
 * An unpadded number that grows a digit inside the range (`SN-9998` and 5
 * gives `SN-10002`): the serials it gives are longer than the first, which
 * the person is told and asked to confirm (issue 17).
 */
export interface RangeGrowth {
	/** Digits of the first serial's number, and of the last's. */
	from: number;
	to: number;
	/** The first serial with the longer number. */
	at: string;
}

export type RangeResult =
	{ ok: true; serials: string[]; grows: RangeGrowth | null } | { ok: false; error: string };

export interface SerialNumberParts {
	prefix: string;
	/** The last run of digits, as written (with any leading zeros). */
	digits: string;
	suffix: string;
}

const ZERO = 48;
const NINE = 57;

function isDigitAt(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= ZERO && code <= NINE;
}

/** Splits a serial around its last group of digits; null when it has none. */
export function splitLastNumber(serial: string): SerialNumberParts | null {
	let end = serial.length - 1;
	while (end >= 0 && !isDigitAt(serial, end)) end--;
	if (end < 0) return null;
	let start = end;
	while (start > 0 && isDigitAt(serial, start - 1)) start--;
	return {
		prefix: serial.slice(0, start),
		digits: serial.slice(start, end + 1),
		suffix: serial.slice(end + 1)
	};
}

function isZeroPadded(digits: string): boolean {
	return digits.length > 1 && digits.charCodeAt(0) === ZERO;
}

function fail(error: string): RangeResult {
	return { ok: false, error };
}

function describePart(part: string, kind: 'prefix' | 'suffix', serial: string): string {
	return part === '' ? `no ${kind} in "${serial}"` : `"${part}" in "${serial}"`;
}

/** The serial, trimmed, with a reason when it cannot start or end a range. */
function readEnd(
	input: string,
	which: 'first' | 'last'
): { ok: true; serial: string; parts: SerialNumberParts } | { ok: false; error: string } {
	const serial = input.trim();
	if (serial === '') return { ok: false, error: `The ${which} serial is empty` };
	const problem = serialProblem(serial);
	if (problem) return { ok: false, error: `The ${which} serial "${serial}" ${problem}` };
	const parts = splitLastNumber(serial);
	if (!parts)
		return { ok: false, error: `The ${which} serial "${serial}" has no digits to count up` };
	return { ok: true, serial, parts };
}

// Digits of the low part of a long number: 10^15 + 100,000 is still exact.
const LOW_DIGITS = 15;
const LOW_LIMIT = 10 ** LOW_DIGITS;
const LOW_LIMIT_BIG = BigInt(LOW_LIMIT);

/** What the preview and the refusal say of a range whose number grows. */
export function growthMessage(g: RangeGrowth): string {
	return `The number grows from ${g.from} to ${g.to} digits at ${g.at}`;
}

/**
 * `count` serials counting up from `start`. Plain numbers while they are
 * exact (the common case). A longer number is split into a high part, kept
 * as a string, and a low part of 15 digits counted as a plain number: the
 * count is at most MAX_BATCH, so the low part carries into the high part at
 * most once. Several times faster than counting in BigInt.
 */
function build(parts: SerialNumberParts, start: bigint, count: number): string[] {
	const { prefix, suffix } = parts;
	// Unpadded numbers never have fewer digits than the first, so padding to
	// the first's width is harmless for them and exact for padded ones.
	const width = parts.digits.length;
	const serials = new Array<string>(count);
	if (start + BigInt(count) <= BigInt(Number.MAX_SAFE_INTEGER)) {
		const first = Number(start);
		for (let i = 0; i < count; i++) {
			serials[i] = prefix + String(first + i).padStart(width, '0') + suffix;
		}
		return serials;
	}
	let high = start / LOW_LIMIT_BIG;
	let low = Number(start % LOW_LIMIT_BIG);
	const headOf = (value: bigint): string => {
		const digits = value.toString();
		return prefix + '0'.repeat(Math.max(0, width - LOW_DIGITS - digits.length)) + digits;
	};
	let head = headOf(high);
	for (let i = 0; i < count; i++, low++) {
		if (low === LOW_LIMIT) {
			high++;
			head = headOf(high);
			low = 0;
		}
		serials[i] = head + String(low).padStart(LOW_DIGITS, '0') + suffix;
	}
	return serials;
}

/** How the number grows past its digits between `start` and `end`, or null. */
function growthOf(parts: SerialNumberParts, start: bigint, end: bigint): RangeGrowth | null {
	const from = start.toString().length;
	const to = end.toString().length;
	if (to <= Math.max(from, parts.digits.length)) return null;
	const at = 10n ** BigInt(Math.max(from, parts.digits.length));
	return { from: parts.digits.length, to, at: parts.prefix + at.toString() + parts.suffix };
}

/** Every serial from `first` to `last`, both included. */
export function expandRange(first: string, last: string): RangeResult {
	const a = readEnd(first, 'first');
	if (!a.ok) return a;
	const b = readEnd(last, 'last');
	if (!b.ok) return b;
	const p = a.parts;
	const q = b.parts;
	const rest = 'only the last group of digits may change';
	if (p.prefix !== q.prefix) {
		return fail(
			`The prefix differs: ${describePart(p.prefix, 'prefix', a.serial)} but ${describePart(q.prefix, 'prefix', b.serial)}; ${rest}`
		);
	}
	if (p.suffix !== q.suffix) {
		return fail(
			`The suffix differs: ${describePart(p.suffix, 'suffix', a.serial)} but ${describePart(q.suffix, 'suffix', b.serial)}; ${rest}`
		);
	}
	if (p.digits.length !== q.digits.length) {
		if (isZeroPadded(p.digits)) {
			return fail(
				`The first serial's number "${p.digits}" is zero-padded to ${p.digits.length} digits, but the last serial's "${q.digits}" has ${q.digits.length}`
			);
		}
		if (isZeroPadded(q.digits)) {
			return fail(
				`The last serial's number "${q.digits}" is zero-padded to ${q.digits.length} digits, but the first serial's "${p.digits}" has ${p.digits.length}`
			);
		}
	}
	const start = BigInt(p.digits);
	const end = BigInt(q.digits);
	if (end < start) {
		return fail(`The last serial "${b.serial}" comes before the first "${a.serial}"`);
	}
	const size = end - start + 1n;
	if (size > BigInt(MAX_BATCH)) {
		return fail(
			`"${a.serial}" to "${b.serial}" is ${groupThousands(size)} serials; the most is ${groupThousands(MAX_BATCH)}`
		);
	}
	// Both ends passed serialProblem and every serial between shares their
	// characters and is no longer than the last, so all of them pass too.
	return { ok: true, serials: build(p, start, Number(size)), grows: growthOf(p, start, end) };
}

/** `count` serials starting at `first`. */
export function expandRangeByCount(first: string, count: number): RangeResult {
	const a = readEnd(first, 'first');
	if (!a.ok) return a;
	if (!Number.isInteger(count) || count < 1) {
		return fail(`The count must be a whole number of at least 1, not ${String(count)}`);
	}
	if (count > MAX_BATCH) {
		return fail(`The count is ${groupThousands(count)}; the most is ${groupThousands(MAX_BATCH)}`);
	}
	const p = a.parts;
	const start = BigInt(p.digits);
	const endDigits = (start + BigInt(count - 1)).toString();
	const width = p.digits.length;
	if (isZeroPadded(p.digits) && endDigits.length > width) {
		return fail(
			`${groupThousands(count)} serials from "${a.serial}" would overflow its ${width} zero-padded digits (the highest is ${'9'.repeat(width)})`
		);
	}
	// Only length can go wrong past the first: the characters are the same.
	const lastSerial = p.prefix + endDigits.padStart(width, '0') + p.suffix;
	const problem = serialProblem(lastSerial);
	if (problem) return fail(`The last serial would be "${lastSerial}", which ${problem}`);
	return {
		ok: true,
		serials: build(p, start, count),
		grows: growthOf(p, start, start + BigInt(count - 1))
	};
}
