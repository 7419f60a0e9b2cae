/**
 * A store's log in IndexedDB, one database per store (`unitrack-log-<id>`).
 *
 * Why not y-indexeddb: it writes updates without saying when the write is
 * durable, and it keeps one doc per database; here a write resolves only once
 * IndexedDB has committed it, and one database holds the head and every
 * period of the store.
 */
import Dexie, { type Table } from 'dexie';
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

interface MetaRow {
	key: string;
	value: unknown;
}

interface RecentRow {
	id: string;
	event: unknown;
	savedAt: number;
}

class LogDb extends Dexie {
	updates!: Table<UpdateRow, number>;
	docs!: Table<DocSummary, string>;
	meta!: Table<MetaRow, string>;
	recent!: Table<RecentRow, string>;
	constructor(name: string) {
		super(name);
		// `pending` is set only on rows not yet projected: the index holds just those.
		this.version(1).stores({
			updates: '++seq, doc, pending',
			docs: 'doc',
			meta: 'key',
			recent: 'id, savedAt'
		});
	}
}

export function logDatabaseName(storeId: string): string {
	return `unitrack-log-${storeId}`;
}

const EMPTY_SV = new Uint8Array([0]);

export class IdbLogStore implements LogStore {
	private readonly db: LogDb;

	constructor(readonly storeId: string) {
		this.db = new LogDb(logDatabaseName(storeId));
	}

	async load(doc: string): Promise<UpdateRow[]> {
		return this.db.updates.where('doc').equals(doc).sortBy('seq');
	}

	async write(rows: readonly NewRow[], options: WriteOptions = {}): Promise<number[]> {
		const counters: Readonly<Record<string, CounterMove>> = options.counters ?? {};
		const { updates, docs, meta, recent } = this.db;
		return this.db.transaction('rw', [updates, docs, meta, recent], async () => {
			for (const [key, move] of Object.entries(counters)) {
				const held = Number((await this.db.meta.get(key))?.value ?? 0);
				if (held !== move.from) throw new CounterMovedError(key);
				await this.db.meta.put({ key, value: move.to });
			}
			// The seq is given by IndexedDB (auto-increment): the rows carry none.
			const fresh = rows.map((r) => ({ doc: r.doc, bytes: r.bytes, pending: 1 }) as UpdateRow);
			const seqs = await this.db.updates.bulkAdd(fresh, { allKeys: true });
			await this.addToSummaries(
				rows.map((r) => ({ doc: r.doc, rows: 1, bytes: r.bytes.byteLength }))
			);
			if (options.events?.length) {
				const savedAt = Date.now();
				await recent
					.where('savedAt')
					.below(savedAt - RECENT_MS)
					.delete();
				await recent.bulkPut(options.events.map((event) => ({ id: event.id, event, savedAt })));
			}
			return seqs;
		});
	}

	async settle(
		seqs: readonly number[],
		svs: readonly { doc: string; sv: Uint8Array }[],
		meta: Readonly<Record<string, unknown>> = {}
	): Promise<void> {
		await this.db.transaction('rw', this.db.updates, this.db.docs, this.db.meta, async () => {
			const values = Object.entries(meta).map(([key, value]) => ({ key, value }));
			if (values.length > 0) await this.db.meta.bulkPut(values);
			const rows = await this.db.updates.bulkGet([...seqs]);
			const done = rows.filter((r): r is UpdateRow => r !== undefined && r.pending === 1);
			for (const row of done) delete row.pending;
			if (done.length > 0) await this.db.updates.bulkPut(done);
			for (const { doc, sv } of svs) {
				const held = await this.summary(doc);
				await this.db.docs.put({ ...held, sv });
			}
		});
	}

	async recent(ids: readonly string[]): Promise<unknown[]> {
		const rows = await this.db.recent.bulkGet([...ids]);
		return rows.flatMap((r) => (r ? [r.event] : []));
	}

	async pending(): Promise<UpdateRow[]> {
		return this.db.updates.where('pending').equals(1).sortBy('seq');
	}

	async compact(doc: string, seqs: readonly number[], merged: Uint8Array): Promise<number> {
		return this.db.transaction('rw', this.db.updates, this.db.docs, async () => {
			const old = await this.db.updates.bulkGet([...seqs]);
			const gone = old.filter((r): r is UpdateRow => r !== undefined);
			if (gone.some((r) => r.pending)) throw new Error('A pending row cannot be compacted.');
			await this.db.updates.bulkDelete(gone.map((r) => r.seq));
			const seq = await this.db.updates.add({ doc, bytes: merged } as UpdateRow);
			await this.addToSummaries([
				{
					doc,
					rows: 1 - gone.length,
					bytes: merged.byteLength - gone.reduce((n, r) => n + r.bytes.byteLength, 0)
				}
			]);
			return seq;
		});
	}

	async summaries(): Promise<DocSummary[]> {
		return this.db.docs.toArray();
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.db.meta.get(key))?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		if (value === undefined) await this.db.meta.delete(key);
		else await this.db.meta.put({ key, value });
	}

	async counter(key: string): Promise<number> {
		return Number((await this.db.meta.get(key))?.value ?? 0);
	}

	close(): void {
		this.db.close();
	}

	private async summary(doc: string): Promise<DocSummary> {
		return (await this.db.docs.get(doc)) ?? { doc, sv: EMPTY_SV, rows: 0, bytes: 0 };
	}

	private async addToSummaries(
		deltas: readonly { doc: string; rows: number; bytes: number }[]
	): Promise<void> {
		const byDoc = new Map<string, { rows: number; bytes: number }>();
		for (const d of deltas) {
			const held = byDoc.get(d.doc) ?? { rows: 0, bytes: 0 };
			held.rows += d.rows;
			held.bytes += d.bytes;
			byDoc.set(d.doc, held);
		}
		for (const [doc, d] of byDoc) {
			const held = await this.summary(doc);
			await this.db.docs.put({ ...held, rows: held.rows + d.rows, bytes: held.bytes + d.bytes });
		}
	}
}
