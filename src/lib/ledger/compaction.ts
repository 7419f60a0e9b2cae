/**
 * Keeps the number of rows of an open doc small without ever rewriting the
 * doc whole: runs of small settled rows are merged into one row of at most
 * MAX_MERGED bytes, so no write grows with the length of history
 * (DESIGN.md, invariant 7; the history_1m_append_write_max_kb figure).
 */
import * as Y from 'yjs';

/** A row this small is merged with its neighbours once enough of them gather. */
export const SMALL_ROW = 64 * 1024;
export const MERGE_AFTER = 64;
export const MAX_MERGED = 512 * 1024;

export interface SmallRow {
	seq: number;
	bytes: Uint8Array;
}

/** The rows to merge now, oldest first, or null while there are not enough. */
export function rowsToMerge(small: readonly SmallRow[]): SmallRow[] | null {
	if (small.length < MERGE_AFTER) return null;
	const run: SmallRow[] = [];
	let size = 0;
	for (const row of small) {
		if (size + row.bytes.byteLength > MAX_MERGED && run.length > 1) break;
		run.push(row);
		size += row.bytes.byteLength;
	}
	return run.length > 1 ? run : null;
}

export function mergeRows(rows: readonly SmallRow[]): Uint8Array {
	return Y.mergeUpdates(rows.map((r) => r.bytes));
}
