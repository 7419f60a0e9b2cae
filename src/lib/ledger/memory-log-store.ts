/**
 * A store's log in memory, for tests: the same contract as IndexedDB, with
 * the means to make writes fail (a full disk, a broken write) on purpose.
 */
import {
	CounterMovedError,
	type CounterMove,
	type DocSummary,
	type LogStore,
	type NewRow,
	type UpdateRow,
	type WriteOptions,
	RECENT_MS
} from './log-store';

export class MemoryLogStore implements LogStore {
	rows: UpdateRow[] = [];
	meta = new Map<string, unknown>();
	private docs = new Map<string, DocSummary>();
	private seq = 0;
	/** Rows written and not settled yet, by seq. */
	private readonly unsettled = new Map<number, UpdateRow>();
	/** The next `failWrites` writes throw this error (a QuotaExceededError by default). */
	failWrites = 0;
	failWith: () => Error = () =>
		Object.assign(new Error('The quota has been exceeded.'), {
			name: 'QuotaExceededError'
		});
	/** Sizes of the rows handed to `write` and `compact`, for tests of bounded writes. */
	written: number[] = [];

	constructor(readonly storeId = 'memory') {}

	async load(doc: string): Promise<UpdateRow[]> {
		return this.rows.filter((r) => r.doc === doc).map((r) => ({ ...r }));
	}

	private readonly kept = new Map<string, { event: unknown; at: number }>();

	async write(rows: readonly NewRow[], options: WriteOptions = {}): Promise<number[]> {
		const counters: Readonly<Record<string, CounterMove>> = options.counters ?? {};
		if (this.failWrites > 0) {
			this.failWrites--;
			throw this.failWith();
		}
		for (const [key, move] of Object.entries(counters))
			if (Number(this.meta.get(key) ?? 0) !== move.from) throw new CounterMovedError(key);
		for (const [key, move] of Object.entries(counters)) this.meta.set(key, move.to);
		const now = Date.now();
		// Kept in the order they came: the expired ones are first.
		for (const [id, k] of this.kept) {
			if (now - k.at <= RECENT_MS) break;
			this.kept.delete(id);
		}
		for (const event of options.events ?? [])
			this.kept.set(event.id, { event: structuredClone(event), at: now });
		const seqs: number[] = [];
		for (const row of rows) {
			const seq = ++this.seq;
			const kept: UpdateRow = { seq, doc: row.doc, bytes: row.bytes, pending: 1 };
			this.rows.push(kept);
			this.unsettled.set(seq, kept);
			this.written.push(row.bytes.byteLength);
			const held = this.summary(row.doc);
			held.rows++;
			held.bytes += row.bytes.byteLength;
			seqs.push(seq);
		}
		return seqs;
	}

	async settle(
		seqs: readonly number[],
		svs: readonly { doc: string; sv: Uint8Array }[],
		meta: Readonly<Record<string, unknown>> = {}
	): Promise<void> {
		for (const [key, value] of Object.entries(meta)) this.meta.set(key, value);
		const elsewhere = new Set<number>();
		for (const seq of seqs) {
			const row = this.unsettled.get(seq);
			if (row) delete row.pending;
			else elsewhere.add(seq);
			this.unsettled.delete(seq);
		}
		// Rows a test marked pending by hand.
		if (elsewhere.size > 0)
			for (const row of this.rows) if (elsewhere.has(row.seq)) delete row.pending;
		for (const { doc, sv } of svs) this.summary(doc).sv = sv;
	}

	async recent(ids: readonly string[]): Promise<unknown[]> {
		return ids.flatMap((id) => {
			const k = this.kept.get(id);
			return k ? [k.event] : [];
		});
	}

	async pending(): Promise<UpdateRow[]> {
		return this.rows.filter((r) => r.pending).map((r) => ({ ...r }));
	}

	async compact(doc: string, seqs: readonly number[], merged: Uint8Array): Promise<number> {
		const gone = new Set(seqs);
		const removed = this.rows.filter((r) => gone.has(r.seq));
		for (const seq of seqs) this.unsettled.delete(seq);
		this.rows = this.rows.filter((r) => !gone.has(r.seq));
		const seq = ++this.seq;
		this.rows.push({ seq, doc, bytes: merged });
		this.written.push(merged.byteLength);
		const held = this.summary(doc);
		held.rows += 1 - removed.length;
		held.bytes += merged.byteLength - removed.reduce((n, r) => n + r.bytes.byteLength, 0);
		return seq;
	}

	async summaries(): Promise<DocSummary[]> {
		return [...this.docs.values()].map((d) => ({ ...d }));
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return this.meta.get(key) as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		if (value === undefined) this.meta.delete(key);
		else this.meta.set(key, structuredClone(value));
	}

	async counter(key: string): Promise<number> {
		return Number(this.meta.get(key) ?? 0);
	}

	close(): void {}

	private summary(doc: string): DocSummary {
		let held = this.docs.get(doc);
		if (!held) {
			held = { doc, sv: new Uint8Array([0]), rows: 0, bytes: 0 };
			this.docs.set(doc, held);
		}
		return held;
	}
}
