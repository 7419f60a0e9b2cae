/**
 * Where one store's log is kept on this device: the Yjs updates of each of
 * its docs (the head and one doc per period), each row written before its
 * events are applied anywhere and marked pending until the projection has
 * them. Two implementations keep this contract: IndexedDB (idb-log-store.ts)
 * and memory, for tests (memory-log-store.ts).
 *
 * Every write is one transaction: it commits whole or not at all, and the
 * promise resolves only once it has committed (DESIGN.md, invariant 1).
 */

export interface UpdateRow {
	seq: number;
	doc: string;
	bytes: Uint8Array;
	/** Set until the projection holds the row's events. */
	pending?: 1;
}

export interface NewRow {
	doc: string;
	bytes: Uint8Array;
}

export interface WriteOptions {
	counters?: Readonly<Record<string, CounterMove>>;
	events?: readonly { id: string }[];
}

/** How long the events of an append are kept by id, to answer `recent`. */
export const RECENT_MS = 10 * 60_000;

export interface CounterMove {
	from: number;
	to: number;
}

/** Another append used the numbers first: read the counter again and retry. */
export class CounterMovedError extends Error {
	constructor(readonly key: string) {
		super(`The counter ${key} moved on: try again.`);
		this.name = 'CounterMovedError';
	}
}

export interface DocSummary {
	doc: string;
	/** The doc's state vector as of its last settled write (Y.encodeStateVector). */
	sv: Uint8Array;
	/** Rows and bytes kept for it. */
	rows: number;
	bytes: number;
}

export interface LogStore {
	readonly storeId: string;
	/** Every row kept for `doc`, oldest first. */
	load(doc: string): Promise<UpdateRow[]>;
	/**
	 * Writes the rows (pending) in one transaction; their seqs once committed.
	 * `counters` move in the same transaction, each only if it still holds
	 * `from` (else CounterMovedError, and nothing is written): a number is
	 * used up only by an append that is saved, and never twice. `events`, the
	 * events of a local append, are kept for a while by id (see `recent`).
	 */
	write(rows: readonly NewRow[], options?: WriteOptions): Promise<number[]>;
	/**
	 * The events of recent appends with these ids (an append made again by a
	 * tab whose leading tab closed before it answered: already saved or not).
	 */
	recent(ids: readonly string[]): Promise<unknown[]>;
	/** A counter's value (0 before its first use). */
	counter(key: string): Promise<number>;
	/**
	 * The projection has these rows' events: they are no longer pending. The
	 * docs' state vectors and the given meta values are recorded in the same
	 * transaction.
	 */
	settle(
		seqs: readonly number[],
		svs: readonly { doc: string; sv: Uint8Array }[],
		meta?: Readonly<Record<string, unknown>>
	): Promise<void>;
	/** Rows written and not settled (a crash, or a projection that failed). */
	pending(): Promise<UpdateRow[]>;
	/** Replaces settled rows of one doc by one row holding all of them. */
	compact(doc: string, seqs: readonly number[], merged: Uint8Array): Promise<number>;
	summaries(): Promise<DocSummary[]>;
	getMeta<T = unknown>(key: string): Promise<T | undefined>;
	setMeta(key: string, value: unknown): Promise<void>;
	close(): void;
}

/** An error the store's writes raise when the device's storage is full. */
export function isQuotaError(error: unknown): boolean {
	const name = (error as { name?: string } | null)?.name ?? '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
