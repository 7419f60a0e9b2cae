/**
 * What makes a serial acceptable, whichever way it was entered.
 *
 * A serial must fit on a Code128 label and scan back exactly. Code128
 * (ISO/IEC 15417) can encode all of ASCII 0–127, but control characters and
 * spaces do not survive keyboard-wedge scanners, copy/paste or a person
 * reading the label aloud, so only printable ASCII 0x21–0x7E is allowed.
 */

export const MAX_SERIAL_LENGTH = 40;

/** The most serials one batch (one receipt event) may carry. */
export const MAX_BATCH = 100_000;

const FIRST_PRINTABLE = 0x21;
const LAST_PRINTABLE = 0x7e;

/** Describes a character that is not printable ASCII, for a message. */
function describeCharacter(codePoint: number): string {
	if (codePoint === 0x20) return 'contains a space';
	if (codePoint === 0x09) return 'contains a tab';
	const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
	// Control and other invisible characters cannot usefully be quoted.
	if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0xa0) || isInvisible(codePoint)) {
		return `contains an invisible character (${hex}), which a Code128 label cannot carry`;
	}
	return `contains "${String.fromCodePoint(codePoint)}", which a Code128 label cannot carry`;
}

function isInvisible(codePoint: number): boolean {
	return (
		codePoint === 0xad || // soft hyphen
		(codePoint >= 0x2000 && codePoint <= 0x200f) || // spaces, zero-width, direction marks
		(codePoint >= 0x2028 && codePoint <= 0x202f) ||
		codePoint === 0x205f ||
		codePoint === 0x3000 ||
		(codePoint >= 0xd800 && codePoint <= 0xdfff) || // a lone surrogate half
		codePoint === 0xfeff // byte order mark
	);
}

/**
 * Null when the serial is fine; otherwise why not, as a predicate to follow
 * the serial in a message: `"SN 1" contains a space`.
 */
export function serialProblem(serial: string): string | null {
	if (serial.length === 0) return 'is empty';
	let bad = -1;
	// One pass over UTF-16 units: the common all-ASCII case costs nothing more.
	for (let i = 0; i < serial.length; i++) {
		const code = serial.charCodeAt(i);
		if (code < FIRST_PRINTABLE || code > LAST_PRINTABLE) {
			bad = i;
			break;
		}
	}
	if (serial.length > MAX_SERIAL_LENGTH) {
		// Count what a person sees (code points), not UTF-16 units.
		const length = bad === -1 ? serial.length : [...serial].length;
		if (length > MAX_SERIAL_LENGTH) {
			return `is ${length} characters; the most is ${MAX_SERIAL_LENGTH}`;
		}
	}
	if (bad !== -1) return describeCharacter(serial.codePointAt(bad) ?? 0);
	return null;
}

/** True when the serial can be stored and printed as is. */
export function isValidSerial(serial: string): boolean {
	return serialProblem(serial) === null;
}
