/**
 * GS1 Application Identifiers (GS1 General Specifications, section 3): what
 * each AI Unitrack reads carries, and how long an AI and its data are when
 * the code does not say (an element string only separates variable-length
 * data with FNC1 / GS).
 *
 * An AI not in this table is kept as a raw pair: its length comes from its
 * first two digits (`aiLength`), and its data runs to the next separator,
 * unless its prefix is one whose data length is predefined (`PREDEFINED`).
 */

/** What the data of an AI may hold: digits only, or GS1's 82 characters (Figure 7.11-1). */
export type Gs1Charset = 'N' | 'X';

export interface AiSpec {
	/** How staff call it, for messages: "the expiry date (17)". */
	name: string;
	charset: Gs1Charset;
	/** Fixed data length, or the most for variable-length data. */
	length: number;
	fixed: boolean;
	/** Its last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN). */
	check?: boolean;
	/** YYMMDD, DD 00 allowed (end of month). */
	date?: boolean;
}

const n = (name: string, length: number, extra: Partial<AiSpec> = {}): AiSpec => ({
	name,
	charset: 'N',
	length,
	fixed: true,
	...extra
});
const nv = (name: string, length: number): AiSpec => ({
	name,
	charset: 'N',
	length,
	fixed: false
});
const x = (name: string, length: number): AiSpec => ({ name, charset: 'X', length, fixed: false });
const date = (name: string): AiSpec => n(name, 6, { date: true });

const TABLE: Record<string, AiSpec> = {
	'00': n('SSCC', 18, { check: true }),
	'01': n('GTIN', 14, { check: true }),
	'02': n('GTIN of the contents', 14, { check: true }),
	'10': x('lot number', 20),
	'11': date('production date'),
	'12': date('due date'),
	'13': date('packaging date'),
	'15': date('best before date'),
	'16': date('sell by date'),
	'17': date('expiry date'),
	'20': n('variant', 2),
	'21': x('serial number', 20),
	'22': x('consumer product variant', 20),
	'235': x('third party serial number', 28),
	'240': x('additional product ID', 30),
	'241': x('customer part number', 30),
	'242': nv('made-to-order variant', 6),
	'243': x('packaging component number', 20),
	'250': x('secondary serial number', 30),
	'251': x('reference to source', 30),
	'253': x('document type ID (GDTI)', 30),
	'254': x('GLN extension', 20),
	'255': nv('coupon code (GCN)', 25),
	'30': nv('count', 8),
	'37': nv('count of items', 8),
	'400': x('order number', 30),
	'401': x('consignment number (GINC)', 30),
	'402': n('shipment number (GSIN)', 17),
	'403': x('routing code', 30),
	'410': n('ship to GLN', 13, { check: true }),
	'411': n('bill to GLN', 13, { check: true }),
	'412': n('purchased from GLN', 13, { check: true }),
	'413': n('ship for GLN', 13, { check: true }),
	'414': n('location GLN', 13, { check: true }),
	'415': n('invoicing party GLN', 13, { check: true }),
	'416': n('production location GLN', 13, { check: true }),
	'417': n('party GLN', 13, { check: true }),
	'420': x('ship to postal code', 20),
	'422': n('country of origin', 3),
	'7003': n('expiry date and time', 10),
	'7240': x('protocol ID', 20),
	'8003': x('returnable asset ID (GRAI)', 30),
	'8004': x('asset ID (GIAI)', 30),
	'8005': n('price per unit', 6),
	'8006': n('item component (ITIP)', 18),
	'8007': x('IBAN', 34),
	'8008': nv('production date and time', 12),
	'8010': x('component ID (CPID)', 30),
	'8011': nv('component serial number', 12),
	'8012': x('software version', 20),
	'8013': x('model number (GMN)', 25),
	'8017': n('service relation ID (GSRN)', 18, { check: true }),
	'8018': n('service relation ID (GSRN)', 18, { check: true }),
	'8020': x('payment slip reference', 25),
	'8200': x('product URL', 70),
	'90': x('internal information', 30)
};
for (let i = 91; i <= 99; i++) TABLE[String(i)] = x('company internal information', 90);
// Measures (310n–369n: weights, lengths, areas, volumes; n is the decimal point's place).
for (let p = 310; p <= 369; p++) for (let d = 0; d <= 9; d++) TABLE[`${p}${d}`] = n('measure', 6);
for (let d = 0; d <= 9; d++) {
	TABLE[`390${d}`] = nv('amount payable', 15);
	TABLE[`392${d}`] = nv('amount payable', 15);
	TABLE[`391${d}`] = nv('amount payable with currency', 18);
	TABLE[`393${d}`] = nv('amount payable with currency', 18);
}

/** The AI's spec, or undefined for one Unitrack does not know. */
export function aiSpec(ai: string): AiSpec | undefined {
	return Object.hasOwn(TABLE, ai) ? TABLE[ai] : undefined;
}

/**
 * Data lengths that need no separator after them, by the AI's first two
 * digits (GS1 General Specifications, Figure 7.8.5-2): an unknown AI with
 * one of these prefixes can still be read out of an element string.
 */
const PREDEFINED: Record<string, number> = {
	'00': 18,
	'01': 14,
	'02': 14,
	'03': 14,
	'04': 16,
	'11': 6,
	'12': 6,
	'13': 6,
	'14': 6,
	'15': 6,
	'16': 6,
	'17': 6,
	'18': 6,
	'19': 6,
	'20': 2,
	'31': 6,
	'32': 6,
	'33': 6,
	'34': 6,
	'35': 6,
	'36': 6,
	'41': 13
};

export function predefinedLength(ai: string): number | undefined {
	return PREDEFINED[ai.slice(0, 2)];
}

/**
 * How many digits an AI starting with these two digits has (GS1 General
 * Specifications 3.1: the first two digits of an AI tell its length), or
 * undefined for a prefix GS1 has not assigned.
 */
export function aiLength(prefix: string): number | undefined {
	const p = Number(prefix);
	if (!/^\d{2}$/.test(prefix)) return undefined;
	if (p <= 4 || (p >= 10 && p <= 22) || p === 30 || p === 37 || p >= 90) return 2;
	if ((p >= 23 && p <= 25) || (p >= 40 && p <= 42) || p === 71) return 3;
	if ((p >= 31 && p <= 36) || p === 39 || p === 43 || p === 70 || p === 72) return 4;
	if (p >= 80 && p <= 82) return 4;
	return undefined;
}

/** How a message names an AI: "the expiry date (17)", "AI 99". */
export function aiLabel(ai: string): string {
	const spec = aiSpec(ai);
	return spec ? `the ${spec.name} (${ai})` : `AI ${ai}`;
}

/**
 * GS1's AI encodable character set 82 (Figure 7.11-1): what alphanumeric
 * AI data may hold. Space, # $ @ [ \ ] ^ ` { | } ~ are not in it.
 */
const SET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export function isSet82(value: string): boolean {
	return SET_82.test(value);
}

/** One AI and its data, as the code carries them. */
export interface Gs1Pair {
	ai: string;
	value: string;
}

/** The pairs of a code, or why they cannot be read. */
export type Pairs = { ok: true; pairs: Gs1Pair[] } | { ok: false; reason: string };
