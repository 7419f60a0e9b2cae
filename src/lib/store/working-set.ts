/**
 * The rows one projection batch works on, held in memory: loaded with one
 * bulkGet per table before the batch is applied, changed in place by the
 * appliers (no IndexedDB call while events apply), and written once each at
 * the end with one bulkPut / bulkDelete per table.
 *
 * A rebuild keeps one working set from batch to batch, so a unit received in
 * one month and sold in the next is read and written once. It is bounded: past
 * `capacity` rows the least recently touched are written out and dropped, and
 * a fixed-size Bloom filter remembers which keys were written, so a row that
 * was never written is known absent without a read (a rebuild starts from an
 * empty database).
 */
import { BloomFilter } from 'bloomfilter';
import type {
	ConflictRow,
	ProductRow,
	QuantityEventRow,
	ReceiptRow,
	RefundRow,
	SaleRow,
	SettingsRow,
	SupplierRow,
	TicketRow,
	UnitrackDb,
	UnitRow
} from './db';

/** The rows of each table the projector writes through a working set. */
export interface ProjectionRows {
	products: ProductRow;
	suppliers: SupplierRow;
	settings: SettingsRow;
	units: UnitRow;
	receipts: ReceiptRow;
	sales: SaleRow;
	refunds: RefundRow;
	tickets: TicketRow;
	conflicts: ConflictRow;
	quantityEvents: QuantityEventRow;
}

export type TableName = keyof ProjectionRows;

export const TABLES: readonly TableName[] = [
	'products',
	'suppliers',
	'settings',
	'units',
	'receipts',
	'sales',
	'refunds',
	'tickets',
	'conflicts',
	'quantityEvents'
];

/** Joins the parts of a compound key: ids and serials never hold a space. */
const SEP = ' ';

export function unitKey(productId: string, serial: string): string {
	return productId + SEP + serial;
}

export function quantityKey(eventId: string, productId: string): string {
	return eventId + SEP + productId;
}

/** The tables whose primary key is compound ([a+b]); their string keys join the parts. */
const COMPOUND = new Set<TableName>(['units', 'quantityEvents']);

function dexieKey(table: TableName, key: string): string | [string, string] {
	if (!COMPOUND.has(table)) return key;
	const at = key.indexOf(SEP);
	return [key.slice(0, at), key.slice(at + 1)];
}

interface Entry<R> {
	/** The row, or undefined: absent from the database (or deleted). */
	row: R | undefined;
	dirty: boolean;
}

/**
 * Which keys were written to the database. A Bloom filter: "no" is certain,
 * "maybe" costs a read that finds nothing now and then. 2^25 bits (4 MiB)
 * and 7 hashes: 0.05 % false "maybe"s after a million writes, 10 % after three.
 */
export class WrittenKeys {
	private readonly filter = new BloomFilter(2 ** 25, 7);

	add(table: TableName, key: string): void {
		this.filter.add(table + SEP + key);
	}

	mayHave(table: TableName, key: string): boolean {
		return this.filter.test(table + SEP + key);
	}
}

export interface WorkingSetOptions {
	/** Rows kept between flushes; Infinity for one batch (projectEvents). */
	capacity?: number;
	/** Set for a rebuild into an empty database: keys not in it are absent. */
	written?: WrittenKeys;
	/**
	 * Rows unlikely to be touched again (a sold unit, a sale): dropped first
	 * when the set is full, so that the rows that will change (units in
	 * stock) stay and are not read back.
	 */
	isCold?: (table: TableName, row: ProjectionRows[TableName] | undefined) => boolean;
}

type Tables = { [T in TableName]: Map<string, Entry<ProjectionRows[T]>> };
type Wanted = { [T in TableName]: Set<string> };

function emptyTables(): Tables {
	return Object.fromEntries(TABLES.map((t) => [t, new Map()])) as Tables;
}

function emptyWanted(): Wanted {
	return Object.fromEntries(TABLES.map((t) => [t, new Set<string>()])) as Wanted;
}

/** Rows read and written, by table: what a rebuild cost in IndexedDB calls. */
export type WorkingSetStats = Record<'read' | 'written', Partial<Record<TableName, number>>>;

export class WorkingSet {
	readonly stats: WorkingSetStats = { read: {}, written: {} };
	private readonly tables = emptyTables();
	private wanted = emptyWanted();
	private readonly capacity: number;
	private readonly written: WrittenKeys | undefined;
	private readonly isCold: NonNullable<WorkingSetOptions['isCold']>;
	private size = 0;

	constructor(options: WorkingSetOptions = {}) {
		this.capacity = options.capacity ?? Infinity;
		this.written = options.written;
		this.isCold = options.isCold ?? (() => false);
	}

	/** Whether keys not written by this set are known to be absent (a rebuild). */
	get knowsAbsence(): boolean {
		return this.written !== undefined;
	}

	/** Whether the row of `key` is in memory already (held, or known absent). */
	has(table: TableName, key: string): boolean {
		return this.tables[table].has(key);
	}

	/** Asks for the row of `key` in the next load. */
	want(table: TableName, key: string): void {
		if (!this.tables[table].has(key)) this.wanted[table].add(key);
	}

	/** The keys asked for in `table` and not loaded yet. */
	wantedKeys(table: TableName): ReadonlySet<string> {
		return this.wanted[table];
	}

	/** Records that `key` has no row, without reading it. */
	markAbsent(table: TableName, key: string): void {
		this.wanted[table].delete(key);
		if (!this.tables[table].has(key)) this.insert(table, key, { row: undefined, dirty: false });
	}

	/** Reads every wanted row of `tables` that may exist: one bulkGet per table. */
	async load(db: UnitrackDb, tables: readonly TableName[] = TABLES): Promise<void> {
		await Promise.all(tables.map((t) => this.loadTable(db, t)));
	}

	private async loadTable<T extends TableName>(db: UnitrackDb, table: T): Promise<void> {
		const keys = [...this.wanted[table]];
		this.wanted[table] = new Set<string>();
		const toRead: string[] = [];
		for (const key of keys) {
			if (this.tables[table].has(key)) continue;
			if (this.written && !this.written.mayHave(table, key)) this.markAbsent(table, key);
			else toRead.push(key);
		}
		if (toRead.length === 0) return;
		this.stats.read[table] = (this.stats.read[table] ?? 0) + toRead.length;
		const rows = (await db.table(table).bulkGet(toRead.map((k) => dexieKey(table, k)))) as (
			ProjectionRows[T] | undefined
		)[];
		toRead.forEach((key, i) => this.insert(table, key, { row: rows[i], dirty: false }));
	}

	/** The row of `key` as the batch has it so far (undefined: no such row). */
	get<T extends TableName>(table: T, key: string): ProjectionRows[T] | undefined {
		const entry = this.tables[table].get(key);
		if (!entry) return undefined;
		this.touch(table, key, entry);
		return entry.row;
	}

	put<T extends TableName>(table: T, key: string, row: ProjectionRows[T]): void {
		const entry = this.tables[table].get(key);
		if (entry) {
			entry.row = row;
			entry.dirty = true;
			this.touch(table, key, entry);
		} else this.insert(table, key, { row, dirty: true });
	}

	delete(table: TableName, key: string): void {
		const entry = this.tables[table].get(key);
		if (entry) {
			if (entry.row === undefined) return;
			entry.row = undefined;
			entry.dirty = true;
		} else this.insert(table, key, { row: undefined, dirty: true });
	}

	/**
	 * Writes changed rows: all of them (`everything`), or, when the set holds
	 * more than its capacity, those of the quarter of it it then drops: cold
	 * rows first (see WorkingSetOptions.isCold), oldest first, then the least
	 * recently touched of the rest. Call inside a rw transaction on every
	 * projected table.
	 */
	async flush(db: UnitrackDb, everything: boolean): Promise<void> {
		if (!everything && this.size <= this.capacity) return;
		const puts = new Map<TableName, ProjectionRows[TableName][]>();
		const deletes = new Map<TableName, (string | [string, string])[]>();
		const take = (table: TableName, key: string, entry: Entry<ProjectionRows[TableName]>) => {
			if (entry.dirty) {
				if (entry.row === undefined)
					deletes.set(table, [...(deletes.get(table) ?? []), dexieKey(table, key)]);
				else {
					const list = puts.get(table);
					if (list) list.push(entry.row);
					else puts.set(table, [entry.row]);
					this.written?.add(table, key);
				}
				entry.dirty = false;
			}
			if (!everything) {
				this.tables[table].delete(key);
				this.size--;
			}
		};
		if (everything) {
			for (const table of TABLES)
				for (const [key, entry] of this.tables[table]) take(table, key, entry);
		} else {
			let evict = this.size - Math.floor(this.capacity * 0.75);
			for (const table of TABLES)
				for (const [key, entry] of this.tables[table]) {
					if (evict <= 0) break;
					if (this.isCold(table, entry.row)) {
						take(table, key, entry);
						evict--;
					}
				}
			// Each table's map is in touch order: take from each in proportion to its share.
			const total = this.size;
			if (evict > 0)
				for (const table of TABLES) {
					let quota = Math.ceil((this.tables[table].size / total) * evict);
					for (const [key, entry] of this.tables[table]) {
						if (quota-- <= 0) break;
						take(table, key, entry);
					}
				}
		}
		const writes: Promise<unknown>[] = [];
		for (const [table, rows] of puts) {
			this.stats.written[table] = (this.stats.written[table] ?? 0) + rows.length;
			writes.push(db.table(table).bulkPut(rows));
		}
		for (const [table, keys] of deletes) writes.push(db.table(table).bulkDelete(keys));
		await Promise.all(writes);
	}

	private insert<T extends TableName>(
		table: T,
		key: string,
		entry: Entry<ProjectionRows[T]>
	): void {
		this.tables[table].set(key, entry);
		this.size++;
	}

	/** Moves the entry to the end of its table's map: the most recently touched. */
	private touch<T extends TableName>(table: T, key: string, entry: Entry<ProjectionRows[T]>): void {
		if (this.capacity === Infinity) return;
		const map = this.tables[table];
		map.delete(key);
		map.set(key, entry);
	}
}
