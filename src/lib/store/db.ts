/**
 * The Dexie database of one device: every table here is derived from the
 * ledger by the projector (projector.ts) and can be rebuilt from it.
 */
import Dexie, { type Table } from 'dexie';
import type { LwwRecord } from '$lib/domain/catalog';
import type { UnitHolder } from '$lib/domain/unit-state';
import type {
	DeviceId,
	Hlc,
	ProductFields,
	ReceiveMethod,
	RefundCompleted,
	SaleCompleted,
	SettingsFields,
	SupplierFields,
	TicketSaved,
	UnitConflict,
	UnitFact,
	UnitStatus
} from '$lib/domain/types';

export type UnitRowStatus = UnitStatus | 'not_received';

export interface ProductRow extends ProductFields {
	id: string;
	clocks: LwwRecord<ProductFields>['clocks'];
	nameKey: string;
	stockCodeKey: string;
	/** Serialised units of this product by status. */
	counts: Partial<Record<UnitRowStatus, number>>;
	/** Non-serialised stock on hand. */
	quantityOnHand: number;
}

export interface SupplierRow extends SupplierFields {
	id: string;
	clocks: LwwRecord<SupplierFields>['clocks'];
	nameKey: string;
}

export interface UnitRow {
	productId: string;
	serial: string;
	status: UnitRowStatus;
	/**
	 * The status again, but only when it is not `in_stock`: what the status
	 * index holds. Most of a store's units are in stock; leaving them out of
	 * the index cut a raw write of 100,000 unit rows from 15.2–15.6 s to
	 * 10.3–10.8 s here (bench/README.md), and a joining device writes them all.
	 */
	unlessInStock?: UnitRowStatus;
	receiptId: string | null;
	supplierId: string | null;
	/** Milliseconds since the epoch, from the receipt's clock. */
	receivedAt: number | null;
	supplierWarrantyEnd: number | null;
	unitCost: number | null;
	holder: UnitHolder | null;
	/** The lot (GS1 AI 10) its receipt recorded; absent when none. */
	lot?: string;
	/** The expiry date 'YYYY-MM-DD' (GS1 AI 17) its receipt recorded; absent when none. */
	expiry?: string;
	/** Every fact of the unit's life, in clock order. */
	facts: UnitFact[];
	conflictIds: string[];
}

/** The indexed status fields of a unit row in `status`. */
export function statusIndexFields(
	status: UnitRowStatus
): Pick<UnitRow, 'status' | 'unlessInStock'> {
	return status === 'in_stock' ? { status } : { status, unlessInStock: status };
}

export interface ReceiptRow {
	id: string;
	eventId: string;
	productId: string;
	supplierId: string;
	reference: string;
	unitCost: number | null;
	warrantyDays: number;
	method: ReceiveMethod | 'quantity';
	at: Hlc;
	device: DeviceId;
	receivedAt: number;
	serials: string[];
	quantity: number;
	/** As on the stock.received event: per serial, '' for none; absent when no unit has one. */
	lots?: string[];
	expiries?: string[];
}

export type ConflictRow = UnitConflict;

/** A completed sale, as the event carried it, with what the screens search by. */
export interface SaleRow extends Omit<SaleCompleted, 'type' | 'id'> {
	id: string;
	eventId: string;
	soldAt: number;
	/** The customer's name, normalised for search. */
	customerKey: string;
}

export interface RefundRow extends Omit<RefundCompleted, 'type' | 'id'> {
	id: string;
	eventId: string;
	refundedAt: number;
}

/** A repair ticket: the last save by clock (see isNewerSave). */
export interface TicketRow extends Omit<TicketSaved, 'type' | 'id'> {
	id: string;
	/** The event of the save shown (the last writer). */
	eventId: string;
	/** The clock of the ticket's first save (the earliest of all its saves). */
	openedAt: Hlc;
	openedAtMs: number;
	customerKey: string;
}

/** The store's settings: one row, id `store`, each field last-writer-wins. */
export interface SettingsRow extends SettingsFields {
	id: string;
	clocks: LwwRecord<SettingsFields>['clocks'];
}

/**
 * A quantity the event moved (a quantity receipt, a sale or refund line
 * without serials, a bundle's components), one row per event and product.
 * Quantity on hand is the one effect that is not idempotent by itself: the
 * delta applies only when its row is new (see project-records.ts).
 */
export interface QuantityEventRow {
	eventId: string;
	productId: string;
	/** What the event moves on hand: + received or refunded to stock, − sold. */
	delta: number;
}

export interface RejectedRow {
	key: string;
	reason: string;
	sample: string;
	/** The device the event says it comes from (not proof: a hostile peer can claim any). */
	device?: string | null;
}

/**
 * The shape of the projected tables. A change makes every device rebuild
 * its projection from the log into a new database (never rows edited in
 * place): the number is part of the database's name. 7: no applied table, a
 * quantityEvents table, field clocks as {at, eventId}, no clock index on
 * sales and refunds.
 */
export const PROJECTION_SCHEMA = 7;

export class UnitrackDb extends Dexie {
	products!: Table<ProductRow, string>;
	suppliers!: Table<SupplierRow, string>;
	units!: Table<UnitRow, [string, string]>;
	receipts!: Table<ReceiptRow, string>;
	conflicts!: Table<ConflictRow, string>;
	quantityEvents!: Table<QuantityEventRow, [string, string]>;
	rejected!: Table<RejectedRow, string>;
	sales!: Table<SaleRow, string>;
	refunds!: Table<RefundRow, string>;
	tickets!: Table<TicketRow, string>;
	settings!: Table<SettingsRow, string>;

	constructor(name = 'unitrack') {
		super(name);
		// One version: a new schema is a new database (PROJECTION_SCHEMA).
		this.version(1).stores({
			products: 'id, nameKey, stockCodeKey, barcode',
			suppliers: 'id, nameKey',
			// The status index leaves in-stock units out (see UnitRow.unlessInStock).
			units: '[productId+serial], serial, [productId+unlessInStock]',
			receipts: 'id, productId, supplierId, at',
			conflicts: 'id, [productId+serial], at',
			quantityEvents: '[eventId+productId]',
			rejected: 'key',
			// No clock index on sales and refunds: no query reads them in clock
			// order, and a big store's rebuild writes 220,000 sales.
			sales: 'id, receiptNo, customerKey',
			refunds: 'id, saleId',
			tickets: 'id, ticketNo, customerKey, openedAt',
			settings: 'id'
		});
	}

	/** The tables the projector writes, in one list for transactions and comparisons. */
	get projected(): Table[] {
		return [
			this.products,
			this.suppliers,
			this.units,
			this.receipts,
			this.conflicts,
			this.quantityEvents,
			this.rejected,
			this.sales,
			this.refunds,
			this.tickets,
			this.settings
		];
	}
}
