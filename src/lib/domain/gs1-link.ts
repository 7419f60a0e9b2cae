/**
 * GS1 Digital Link URIs (GS1 Digital Link Standard 1.2, uncompressed form):
 * https://any.host/optional/path/01/{gtin}/10/{lot}/21/{serial}?17=YYMMDD
 *
 * The path ends in a primary key AI and its value (01 GTIN, 00 SSCC, 414
 * GLN, 8004 GIAI, …) followed by its key qualifiers as AI/value pairs; any
 * other data AIs are query parameters whose name is the AI. Values are
 * percent-encoded. Whatever comes before the primary key is the resolver's
 * own path and is ignored; query parameters that are not AIs (linkType …)
 * are ignored too. Compressed Digital Links are not read.
 */
import type { Gs1Pair, Pairs } from './gs1-ai';

const PRIMARY_KEYS = new Set([
	'01',
	'00',
	'253',
	'255',
	'401',
	'402',
	'414',
	'417',
	'8003',
	'8004',
	'8006',
	'8010',
	'8013',
	'8017',
	'8018'
]);
const AI = /^\d{2,4}$/;
/** Key qualifiers of a GTIN, in the order the path carries them. */
const GTIN_QUALIFIERS = ['22', '10', '21'];

/**
 * The path and query of an http(s) URL, as written: a URL parser would take
 * a value of "." or "%2E" for a path step and drop it.
 */
function urlOf(code: string): { path: string; search: string } | null {
	const m = /^https?:\/\/[^/?#\s]+(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i.exec(code);
	if (!m) return null;
	try {
		new URL(code);
	} catch {
		return null;
	}
	return { path: m[1] ?? '', search: m[2] ?? '' };
}

/** Where the primary key starts among the path's segments, or -1. */
function keyIndex(segments: readonly string[]): number {
	for (let i = 0; i < segments.length; i++) {
		if (!PRIMARY_KEYS.has(segments[i] ?? '') || (segments.length - i) % 2 !== 0) continue;
		let pairs = true;
		for (let j = i; j < segments.length; j += 2) if (!AI.test(segments[j] ?? '')) pairs = false;
		if (pairs) return i;
	}
	return -1;
}

function segmentsOf(url: { path: string }): string[] {
	return url.path.split('/').filter((s) => s !== '');
}

/** True for an http(s) URL whose path ends in a GS1 primary key and its qualifiers. */
export function isDigitalLink(code: string): boolean {
	const url = urlOf(code);
	return url !== null && keyIndex(segmentsOf(url)) >= 0;
}

/**
 * The AI pairs of a Digital Link: path first, then the query's AIs. A GTIN
 * written with 8, 12 or 13 digits is padded to 14.
 */
export function parseDigitalLink(code: string): Pairs {
	const url = urlOf(code);
	const segments = url ? segmentsOf(url) : [];
	const at = keyIndex(segments);
	if (!url || at < 0) return { ok: false, reason: 'The link is not a GS1 Digital Link' };
	const pairs: Gs1Pair[] = [];
	try {
		for (let i = at; i < segments.length; i += 2)
			pairs.push({ ai: segments[i] ?? '', value: decodeURIComponent(segments[i + 1] ?? '') });
		for (const part of url.search.slice(1).split('&')) {
			const eq = part.indexOf('=');
			const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
			if (AI.test(key)) pairs.push({ ai: key, value: decodeURIComponent(part.slice(eq + 1)) });
		}
	} catch {
		return { ok: false, reason: 'The link has a broken %-escape: it cannot be read' };
	}
	for (const pair of pairs)
		if (pair.ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(pair.value))
			pair.value = pair.value.padStart(14, '0');
	return { ok: true, pairs };
}

/**
 * The Digital Link of a GTIN and its data on `base` (e.g.
 * "https://id.gs1.org"): 01 and its qualifiers in the path, the rest in the
 * query.
 */
export function gs1DigitalLink(base: string, elements: readonly Gs1Pair[]): string {
	const value = (ai: string) => elements.find((e) => e.ai === ai)?.value;
	const gtin = value('01');
	if (gtin === undefined) throw new Error('A Digital Link needs a GTIN (01)');
	let path = `/01/${encode(gtin)}`;
	for (const ai of GTIN_QUALIFIERS) {
		const v = value(ai);
		if (v !== undefined) path += `/${ai}/${encode(v)}`;
	}
	const query = elements
		.filter((e) => e.ai !== '01' && !GTIN_QUALIFIERS.includes(e.ai))
		.map((e) => `${e.ai}=${encode(e.value)}`)
		.join('&');
	return `${base.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}

/**
 * Percent-encodes everything but unreserved characters (RFC 3986); the dots
 * of a value "." or ".." too (still a path step to URL parsers, but not to
 * ours, which reads the path as written).
 */
function encode(value: string): string {
	const encoded = encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}
