/**
 * Serials that differ only in letter case (issue 17): staff type "sn-0100"
 * for the label's "SN-0100", and scanners in lower-case mode send it so. By
 * default a product's serials ignore case — "sn-0100" is the unit SN-0100,
 * and cannot be received beside it. A product whose supplier uses case to
 * tell units apart says so (`exactSerialCase`), and then case counts.
 *
 * Serials are printable ASCII (serial-rules.ts), so lower-casing is exact.
 */

/** The key two serials share when they differ only in case. */
export function serialKey(serial: string): string {
	return serial.toLowerCase();
}

export interface SerialCaseRule {
	/** Set when upper and lower case are different serials for this product. */
	exactSerialCase?: boolean;
}

/** Whether `typed` names the unit `stored` of a product with `rule`. */
export function namesSerial(
	typed: string,
	stored: string,
	rule: SerialCaseRule | undefined
): boolean {
	if (typed === stored) return true;
	return !rule?.exactSerialCase && serialKey(typed) === serialKey(stored);
}

/** How an existing serial of the product clashes with one being received, for the reason. */
export function caseClash(incoming: string, existing: string): string {
	return incoming === existing
		? 'already exists for this product'
		: `already exists for this product as "${existing}" (letter case does not count for its serials)`;
}
