/**
 * The one projector: applies ledger events to the Dexie tables, one
 * transaction per call. Events from peers are validated first; a malformed
 * one is recorded in `rejected` and changes nothing else.
 *
 * Every effect is idempotent by itself (no table of applied events): unit
 * rows hold their facts deduplicated by event id and their state is the fold
 * of those facts; catalog rows merge per field by (clock, event id); records
 * are put by id, the earliest winning; quantities on hand move once per
 * event (quantityEvents). So projecting an event twice, or the log in any
 * order or batching, gives the same rows as rebuilding it from the log.
 */
import { checkEvent } from '$lib/domain/event-schema';
import type { LedgerEvent } from '$lib/domain/types';
import { LEFT_OUT } from './checkpoint-rows';
import type { RejectedRow, TicketRow, UnitrackDb, UnitRow } from './db';
import { NOTHING_COVERED, projectBatch, type Coverage } from './project-batch';
import {
	WorkingSet,
	WrittenKeys,
	type ProjectionRows,
	type TableName,
	type WorkingSetStats
} from './working-set';

export type { Coverage } from './project-batch';

export interface ProjectOptions {
	/**
	 * True for an event already reflected in rows installed from a
	 * checkpoint: its idempotent effects apply, its quantity delta does not.
	 * The ledger decides; the projector never knows why.
	 */
	covered?: Coverage;
}

/** Projects `raw` events; returns how many were valid (each id once). */
export async function projectEvents(
	db: UnitrackDb,
	raw: readonly unknown[],
	options: ProjectOptions = {}
): Promise<number> {
	const { valid, rejected } = validate(raw);
	const ws = new WorkingSet();
	await db.transaction('rw', db.projected, async () => {
		if (rejected.length > 0) await db.rejected.bulkPut(rejected);
		if (valid.length === 0) return;
		await projectBatch(db, ws, valid, options.covered ?? NOTHING_COVERED);
		await ws.flush(db, true);
	});
	return valid.length;
}

export interface RebuildProgress {
	batches: number;
	/** Events read so far, valid or not. */
	events: number;
}

export interface RebuildOptions {
	/**
	 * Rows kept in memory between batches (default 60,000): units received
	 * in one batch and sold in a later one are read and written once.
	 */
	cacheRows?: number;
}

export const DEFAULT_CACHE_ROWS = 60_000;

/**
 * Projects the whole log, batch after batch, into an EMPTY database (the
 * runtime makes a new one for a rebuild and swaps it in when done). Memory
 * stays bounded: at most `cacheRows` rows, a 4 MiB filter of the keys
 * written, and the batch in hand. Returns how many rows it read and wrote.
 */
export async function rebuildProjection(
	db: UnitrackDb,
	batches: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
	onProgress?: (progress: RebuildProgress) => void,
	options: RebuildOptions = {}
): Promise<WorkingSetStats> {
	const [products, units] = await Promise.all([db.products.count(), db.units.count()]);
	if (products + units > 0) throw new Error('A rebuild projects into an empty database.');
	const ws = new WorkingSet({
		capacity: options.cacheRows ?? DEFAULT_CACHE_ROWS,
		written: new WrittenKeys(),
		isCold
	});
	const progress: RebuildProgress = { batches: 0, events: 0 };
	// While one batch commits, the next is read and checked (two in hand at most).
	let committing: Promise<void> = Promise.resolve();
	for await (const raw of batches) {
		const { valid, rejected } = validate(raw);
		await committing;
		committing = db
			.transaction('rw', db.projected, async () => {
				if (rejected.length > 0) await db.rejected.bulkPut(rejected);
				await projectBatch(db, ws, valid, NOTHING_COVERED);
				await ws.flush(db, false);
			})
			.then(() => {
				progress.batches += 1;
				progress.events += raw.length;
				onProgress?.({ ...progress });
			});
	}
	await committing;
	await db.transaction('rw', db.projected, () => ws.flush(db, true));
	return ws.stats;
}

/**
 * What a rebuild is unlikely to touch again: units sold or written off,
 * collected tickets, and records (a sale is written once). Catalog rows and
 * units that can still move stay in the cache.
 */
function isCold(table: TableName, row: ProjectionRows[TableName] | undefined): boolean {
	if (row === undefined) return true;
	switch (table) {
		case 'products':
		case 'suppliers':
		case 'settings':
			return false;
		case 'units':
			return LEFT_OUT.includes((row as UnitRow).status);
		case 'tickets':
			return (row as TicketRow).status === 'collected';
		default:
			return true;
	}
}

/** The valid events of `raw`, each id once (its first), and the refused ones. */
function validate(raw: readonly unknown[]): { valid: LedgerEvent[]; rejected: RejectedRow[] } {
	const valid: LedgerEvent[] = [];
	const rejected: RejectedRow[] = [];
	const seen = new Set<string>();
	for (const value of raw) {
		const check = checkEvent(value);
		if (!check.ok) rejected.push(rejection(value, check.reason));
		else if (!seen.has(check.event.id)) {
			seen.add(check.event.id);
			valid.push(check.event);
		}
	}
	if (rejected.length > 0) console.warn('refused events from the log', rejected);
	return { valid, rejected };
}

function rejection(value: unknown, reason: string): RejectedRow {
	let sample: string;
	try {
		sample = JSON.stringify(value)?.slice(0, 300) ?? String(value);
	} catch {
		sample = String(value).slice(0, 300);
	}
	const id = (value as { id?: unknown } | null)?.id;
	const device = (value as { device?: unknown } | null)?.device;
	return {
		key: typeof id === 'string' ? id.slice(0, 64) : `anon-${sample.length}-${reason}`,
		reason,
		sample,
		// As the event claims it: which device sent it, for the Maintenance list.
		device: typeof device === 'string' ? device.slice(0, 64) : null
	};
}
