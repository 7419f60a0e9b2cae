/**
 * Reading GS1 codes: the DataMatrix, QR or GS1-128 on regulated goods
 * (medical devices, pharmaceuticals), whose text is a GS1 element string or
 * a GS1 Digital Link URL (gs1-link.ts). GS1 General Specifications 7.8
 * (element strings), 4.15 (HRI text in brackets).
 *
 * An element string is AIs and their data run together; data of a
 * variable length ends at FNC1, which scanners transmit as GS (ASCII 29).
 * A code is GS1 when it says so — a GS1 symbology identifier (]C1 GS1-128,
 * ]d2 GS1 DataMatrix, ]Q3 GS1 QR, ]e0 GS1 DataBar, ]J1 GS1 DotCode), a
 * leading FNC1 as GS, a GS anywhere, the "(01)…" text, or a Digital Link —
 * so a plain serial is never mistaken for one.
 *
 * Results are the values, or one reason that staff can act on.
 */
import {
	aiLabel,
	aiLength,
	aiSpec,
	isSet82,
	predefinedLength,
	type Gs1Pair,
	type Pairs
} from './gs1-ai';
import { checkDigit, gs1DateOf, hasValidCheckDigit, parseGs1Date, type IsoDate } from './gs1-check';
import { isDigitalLink, parseDigitalLink } from './gs1-link';

export const GS = '\u001d';
const GS1_SYMBOLOGY_IDS = [']C1', ']d2', ']Q3', ']e0', ']J1'];

export type Gs1Form = 'element-string' | 'hri' | 'digital-link';

export interface Gs1Element {
	ai: string;
	value: string;
	/** False for an AI Unitrack does not know: kept as it came. */
	known: boolean;
}

export interface Gs1Data {
	form: Gs1Form;
	/** Every element, in the code's order, once each. */
	elements: Gs1Element[];
	/** AI 01 as 14 digits. */
	gtin: string | null;
	/** AI 21. */
	serial: string | null;
	/** AI 10. */
	lot: string | null;
	/** AI 17 as a calendar date (DD 00: the month's last day). */
	expiry: IsoDate | null;
	/** AI 11 as a calendar date. */
	production: IsoDate | null;
}

export type Gs1Parse = { ok: true; data: Gs1Data } | { ok: false; reason: string };

const HRI_START = /^\(\d{2,4}\)/;

/** Which GS1 form `code` is in, or null when it is not a GS1 code (a plain serial or barcode). */
export function gs1Form(code: string): Gs1Form | null {
	// The common case, a plain serial, in one look at its first character and one search for GS
	// (a paste of 100,000 serials is read line by line).
	const first = code.charCodeAt(0);
	const gs1First = first === 0x5d || first === 0x28 || first === 0x68 || first === 0x48; // ] ( h H
	if (!gs1First && !code.includes(GS)) return null;
	if (GS1_SYMBOLOGY_IDS.some((id) => code.startsWith(id)) || code.includes(GS))
		return 'element-string';
	if (HRI_START.test(code)) return 'hri';
	if (isDigitalLink(code)) return 'digital-link';
	return null;
}

/** True when `code` is a GS1 code, well formed or not. */
export function isGs1(code: string): boolean {
	return gs1Form(code) !== null;
}

/**
 * Reads a GS1 code. Null when `code` is not one; otherwise its data or the
 * reason it cannot be used. `today` decides the century of two-digit years.
 */
export function parseGs1(code: string, today: Date): Gs1Parse | null {
	const form = gs1Form(code);
	if (!form) return null;
	const pairs =
		form === 'element-string'
			? splitElementString(stripSymbologyId(code))
			: form === 'hri'
				? splitHri(code)
				: parseDigitalLink(code);
	if (!pairs.ok) return pairs;
	return interpret(form, pairs.pairs, today);
}

function stripSymbologyId(code: string): string {
	return GS1_SYMBOLOGY_IDS.some((id) => code.startsWith(id)) ? code.slice(3) : code;
}

/** The AI/data pairs of an element string (symbology identifier removed). */
export function splitElementString(text: string): Pairs {
	const pairs: Gs1Pair[] = [];
	let at = 0;
	while (at < text.length) {
		if (text[at] === GS) {
			at++;
			continue;
		}
		const prefix = text.slice(at, at + 2);
		if (!/^\d*$/.test(prefix) || prefix.length < 2) {
			if (!/^\d*$/.test(prefix))
				return fail(`The code has “${visible(text.slice(at, at + 1))}” where an AI should start`);
			return fail('The code ends in the middle of an application identifier (AI)');
		}
		const length = aiLength(prefix);
		if (length === undefined)
			return fail(
				`The code has an application identifier starting ${prefix}, which GS1 does not use: it cannot be read`
			);
		const ai = text.slice(at, at + length);
		if (ai.length < length || !/^\d+$/.test(ai))
			return fail('The code ends in the middle of an application identifier (AI)');
		at += length;
		const spec = aiSpec(ai);
		const fixed = spec?.fixed ? spec.length : predefinedLength(ai);
		let value: string;
		if (fixed !== undefined) {
			value = text.slice(at, at + fixed);
			const gs = value.indexOf(GS);
			if (gs >= 0 || value.length < fixed) {
				const got = gs >= 0 ? gs : value.length;
				return fail(
					at + got >= text.length
						? `The code ends inside ${aiLabel(ai)}`
						: `${capital(aiLabel(ai))} is ${got} digits; it must be ${fixed}`
				);
			}
			at += fixed;
		} else {
			const end = text.indexOf(GS, at);
			value = text.slice(at, end < 0 ? text.length : end);
			at += value.length;
			if (spec && value.length > spec.length)
				return fail(
					`${capital(aiLabel(ai))} is ${value.length} characters; the most is ${spec.length} (is a separator missing after it?)`
				);
		}
		pairs.push({ ai, value });
	}
	if (pairs.length === 0) return fail('The GS1 code is empty');
	return { ok: true, pairs };
}

/** The pairs of "(01)09506000134352(21)ABC": every AI in brackets, its data up to the next. */
export function splitHri(text: string): Pairs {
	const pairs: Gs1Pair[] = [];
	const marker = /\((\d{2,4})\)/g;
	const found = [...text.matchAll(marker)];
	if (found[0]?.index !== 0) return fail('The code’s text does not start with an AI in brackets');
	for (const [i, m] of found.entries()) {
		const start = (m.index ?? 0) + m[0].length;
		const end = found[i + 1]?.index ?? text.length;
		pairs.push({ ai: m[1] ?? '', value: text.slice(start, end) });
	}
	return { ok: true, pairs };
}

/** Checks every pair, folds repeats, and picks out what Unitrack uses. */
export function interpret(form: Gs1Form, pairs: readonly Gs1Pair[], today: Date): Gs1Parse {
	const elements: Gs1Element[] = [];
	const byAi = new Map<string, string>();
	for (const { ai, value } of pairs) {
		const problem = elementProblem(ai, value, today);
		if (problem) return fail(problem);
		const held = byAi.get(ai);
		if (held !== undefined) {
			if (held !== value)
				return fail(`The code carries ${aiLabel(ai)} twice, with different values`);
			continue;
		}
		byAi.set(ai, value);
		elements.push({ ai, value, known: aiSpec(ai) !== undefined });
	}
	const date = (ai: string) => {
		const v = byAi.get(ai);
		return v === undefined ? null : parseGs1Date(v, today);
	};
	return {
		ok: true,
		data: {
			form,
			elements,
			gtin: byAi.get('01') ?? null,
			serial: byAi.get('21') ?? null,
			lot: byAi.get('10') ?? null,
			expiry: date('17'),
			production: date('11')
		}
	};
}

/** Why one element cannot be used, or null. */
export function elementProblem(ai: string, value: string, today: Date): string | null {
	const label = aiLabel(ai);
	const spec = aiSpec(ai);
	if (value === '') return `${capital(label)} is empty`;
	if (!spec) return isSet82(value) ? null : `${capital(label)} ${badCharacter(value)}`;
	if (spec.charset === 'N' && !/^\d+$/.test(value))
		return `${capital(label)} must be digits only, not “${visible(value)}”`;
	if (spec.fixed && value.length !== spec.length)
		return `${capital(label)} is ${value.length} digits; it must be ${spec.length}`;
	if (!spec.fixed && value.length > spec.length)
		return `${capital(label)} is ${value.length} characters; the most is ${spec.length}`;
	if (spec.charset === 'X' && !isSet82(value)) return `${capital(label)} ${badCharacter(value)}`;
	if (spec.check && !hasValidCheckDigit(value)) {
		const name = ai === '01' ? 'The GTIN’s' : `The ${spec.name}’s`;
		return `${name} check digit is wrong (${value}: the last digit should be ${checkDigit(value.slice(0, -1))})`;
	}
	if (spec.date && parseGs1Date(value, today) === null)
		return `${capital(label)} “${value}” is not a date (YYMMDD)`;
	return null;
}

function badCharacter(value: string): string {
	const ch = [...value].find((c) => !isSet82(c)) ?? '';
	return `contains “${visible(ch)}”, which a GS1 code cannot carry`;
}

/** Control characters shown by name, so a message never holds an invisible one. */
function visible(text: string): string {
	// eslint-disable-next-line no-control-regex -- naming control characters is the point
	return text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
		c === GS ? '<GS>' : `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`
	);
}

function capital(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function fail(reason: string): { ok: false; reason: string } {
	return { ok: false, reason };
}

/**
 * An element string of `elements` in their order: data of a variable length
 * is followed by GS unless it comes last. No symbology identifier.
 */
export function gs1ElementString(elements: readonly Gs1Pair[]): string {
	return elements
		.map(({ ai, value }, i) => {
			// Only data of a predefined length may run straight into the next AI.
			const separated = predefinedLength(ai) === undefined && i < elements.length - 1;
			return `${ai}${value}${separated ? GS : ''}`;
		})
		.join('');
}

/** The text under a GS1 symbol: "(01)09506000134352(21)ABC". */
export function gs1Hri(elements: readonly Gs1Pair[]): string {
	return elements.map(({ ai, value }) => `(${ai})${value}`).join('');
}

/** What a unit's GS1 label carries. */
export interface Gs1UnitFields {
	gtin: string;
	serial: string;
	lot?: string | null;
	expiry?: IsoDate | null;
}

/**
 * The elements of a unit's code: fixed-length data first and the serial
 * last, so as few separators as possible are needed (01, 17, 10, 21).
 */
export function unitGs1Elements({ gtin, serial, lot, expiry }: Gs1UnitFields): Gs1Pair[] {
	return [
		{ ai: '01', value: gtin },
		...(expiry ? [{ ai: '17', value: gs1DateOf(expiry) }] : []),
		...(lot ? [{ ai: '10', value: lot }] : []),
		{ ai: '21', value: serial }
	];
}

/**
 * A GS1 element string as its bracketed text, which a person can read and
 * edit and which reads back the same (a form field cannot show GS); any
 * other code, and a GS1 code that cannot be read, as it is.
 */
export function gs1AsText(code: string): string {
	if (gs1Form(code) !== 'element-string') return code;
	const pairs = splitElementString(stripSymbologyId(code));
	return pairs.ok ? gs1Hri(pairs.pairs) : code;
}
