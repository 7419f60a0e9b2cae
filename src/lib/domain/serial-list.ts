/**
 * "Input Serials Manually", and the check every batch passes before it is
 * written, whichever method made it.
 *
 * A batch is all or nothing (DESIGN.md, invariant 3), so the check does not
 * stop at the first problem: it reports every offending line at once, and
 * the user fixes the list in one go.
 */
import { groupThousands } from './quantities';
import { caseClash, serialKey } from './serial-case';
import { MAX_BATCH, serialProblem } from './serial-rules';

export interface SerialEntry {
	serial: string;
	/** 1-based line in the pasted text (or position in a generated list). */
	line: number;
}

export interface SerialProblem {
	/** Null for a problem with the batch as a whole. */
	line: number | null;
	serial: string;
	/** A predicate to follow the serial: `contains a space`, `also on line 3`. */
	reason: string;
}

export type BatchResult =
	{ ok: true; serials: string[] } | { ok: false; problems: SerialProblem[] };

const TAB = 9;
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;

/**
 * Splits pasted text into serials: one per line, or separated by commas,
 * semicolons or tabs (a column pasted from a spreadsheet). Entries are
 * trimmed; blank ones are skipped, not errors. CRLF, LF and lone CR all end
 * a line. One linear pass over char codes, so a 5 MB paste stays fast.
 */
export function parseSerialList(text: string): SerialEntry[] {
	const entries: SerialEntry[] = [];
	const length = text.length;
	let line = 1;
	let start = 0;
	for (let i = 0; i <= length; i++) {
		const code = i < length ? text.charCodeAt(i) : LF;
		if (code !== LF && code !== CR && code !== COMMA && code !== SEMICOLON && code !== TAB)
			continue;
		if (i > start) {
			const serial = text.slice(start, i).trim();
			if (serial !== '') entries.push({ serial, line });
		}
		if (code === CR) {
			line++;
			if (i + 1 < length && text.charCodeAt(i + 1) === LF) i++;
		} else if (code === LF) {
			line++;
		}
		start = i + 1;
	}
	return entries;
}

/** Entries for a list that did not come from text (a range, a scan session). */
export function entriesFromSerials(serials: readonly string[]): SerialEntry[] {
	return serials.map((serial, index) => ({ serial, line: index + 1 }));
}

/**
 * Whether a serial is already recorded for the product: false, true, or the
 * serial as recorded when it differs in letter case only.
 */
export type ExistingSerial = (serial: string) => boolean | string;

export interface BatchOptions {
	/** Letter case does not count (the default, serial-case.ts): "sn-1" repeats "SN-1". */
	ignoreCase?: boolean;
}

/**
 * Checks a whole batch for one product. `exists` answers whether a serial is
 * already recorded for this product. Problems come back ordered by line,
 * batch-wide ones (line null) first; each line is reported once, with its
 * first problem: its own form, then a repeat, then already in stock.
 */
export function checkBatch(
	entries: readonly SerialEntry[],
	exists: ExistingSerial,
	{ ignoreCase = false }: BatchOptions = {}
): BatchResult {
	if (entries.length === 0) {
		return { ok: false, problems: [{ line: null, serial: '', reason: 'No serials to add' }] };
	}
	const problems: SerialProblem[] = [];
	if (entries.length > MAX_BATCH) {
		problems.push({
			line: null,
			serial: '',
			reason: `There are ${groupThousands(entries.length)} serials; the most in one batch is ${groupThousands(MAX_BATCH)}`
		});
	}
	const firstLine = new Map<string, { line: number; serial: string }>();
	for (const { serial, line } of entries) {
		const problem = serialProblem(serial);
		if (problem) {
			problems.push({ line, serial, reason: problem });
			continue;
		}
		const key = ignoreCase ? serialKey(serial) : serial;
		const seen = firstLine.get(key);
		if (seen !== undefined) {
			const as = seen.serial === serial ? '' : ` as "${seen.serial}" (letter case does not count)`;
			problems.push({ line, serial, reason: `also on line ${seen.line}${as}` });
			continue;
		}
		firstLine.set(key, { line, serial });
		const held = exists(serial);
		if (held !== false)
			problems.push({ line, serial, reason: caseClash(serial, held === true ? serial : held) });
	}
	if (problems.length > 0) {
		// Stable sort: entries given out of line order still read top to bottom.
		problems.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
		return { ok: false, problems };
	}
	return { ok: true, serials: entries.map((entry) => entry.serial) };
}

/**
 * One line of text for a problem: `Line 3: "SN 1" contains a space`. A
 * problem with no serial (a GS1 code that could not be read) is a sentence
 * of its own: `Line 3: The code ends inside the expiry date (17)`.
 */
export function describeProblem({ line, serial, reason }: SerialProblem): string {
	if (line === null) return reason;
	if (serial === '') return `Line ${line}: ${reason}`;
	return `Line ${line}: "${serial}" ${reason}`;
}
