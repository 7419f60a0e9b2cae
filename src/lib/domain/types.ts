/**
 * The shapes shared by every layer. Pure data: no classes, no I/O.
 *
 * An event is immutable once appended. `at` is a hybrid logical clock
 * timestamp (see hlc.ts): strings compare in the same order as the clock.
 */

export type Hlc = string;
export type DeviceId = string;

export interface EventBase {
	/** Unique id, also the idempotency key of the projector. */
	id: string;
	at: Hlc;
	device: DeviceId;
}

/** Catalog fields are last-writer-wins per field, by `at`. */
export interface ProductFields {
	name: string;
	stockCode: string;
	barcode: string;
	/** Price in minor units (cents). */
	price: number;
	serialised: boolean;
	/** The customer warranty the shop gives, in days. */
	customerWarrantyDays: number;
	/**
	 * Set when upper and lower case make different serials of this product
	 * (serial-case.ts). Absent (or false): "sn-1" is the unit SN-1.
	 */
	exactSerialCase?: boolean;
	/**
	 * Set on a bundle: the products it is made of (see bundle.ts). Absent or
	 * empty on every other product, and on rows written before bundles.
	 */
	components?: BundlePart[];
}

/** One component of a bundle: a product and how many of it. */
export interface BundlePart {
	productId: string;
	quantity: number;
}

export interface SupplierFields {
	name: string;
	phone: string;
	email: string;
}

/** The store's own settings: one record, each field last-writer-wins by `at`. */
export interface SettingsFields {
	/** A sale with serialised stock needs the customer's name or phone. */
	customerRequiredForSerialised: boolean;
}

export interface SettingsUpserted extends EventBase {
	type: 'settings.upserted';
	fields: Partial<SettingsFields>;
}

export interface ProductUpserted extends EventBase {
	type: 'product.upserted';
	productId: string;
	fields: Partial<ProductFields>;
}

export interface SupplierUpserted extends EventBase {
	type: 'supplier.upserted';
	supplierId: string;
	fields: Partial<SupplierFields>;
}

export type ReceiveMethod = 'system' | 'range' | 'manual' | 'scan';

/** A batch of serialised units received: one event for the whole batch. */
export interface StockReceived extends EventBase {
	type: 'stock.received';
	receiptId: string;
	productId: string;
	supplierId: string;
	reference: string;
	/** Unit cost in minor units, or null when not given. */
	unitCost: number | null;
	warrantyDays: number;
	method: ReceiveMethod;
	serials: string[];
	/**
	 * Each unit's lot (GS1 AI 10) as read from its GS1 code, by its place in
	 * `serials`; '' for a unit without one. Absent when no unit has one.
	 */
	lots?: string[];
	/** Each unit's expiry date (GS1 AI 17) as 'YYYY-MM-DD', by place; '' for none. Absent when none has one. */
	expiries?: string[];
}

/** A quantity of a non-serialised product received. */
export interface QuantityReceived extends EventBase {
	type: 'stock.quantity_received';
	receiptId: string;
	productId: string;
	supplierId: string;
	reference: string;
	unitCost: number | null;
	quantity: number;
}

/**
 * A change of one or more units' state (reserve, sell, use on a ticket,
 * return, mark faulty, quarantine, write off ...). The later screens (POS,
 * tickets, refunds, recalls) append these; the fold in unit-state.ts
 * decides what each means for a unit.
 */
export interface UnitsChanged extends EventBase {
	type: 'units.changed';
	action: UnitAction;
	productId: string;
	serials: string[];
	/** What the change belongs to: a sale, ticket, refund, cart, recall ... */
	ref: { kind: RefKind; id: string } | null;
	note: string;
	/**
	 * The status every serial was in on the device that decided the change.
	 * Where the fold finds a unit in another status (a peer changed it while
	 * the devices were apart), the change is a conflict, not applied on top.
	 */
	expected?: UnitStatus;
}

export interface ConflictResolved extends EventBase {
	type: 'conflict.resolved';
	conflictId: string;
	productId: string;
	serial: string;
	/** The state the manager decided the unit is in. */
	status: UnitStatus;
	note: string;
}

export interface Customer {
	name: string;
	phone: string;
	email: string;
}

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** One line of a sale. A serialised line's quantity equals its number of serials. */
export interface SaleLine {
	lineId: string;
	productId: string;
	name: string;
	/** Minor units (cents). */
	unitPrice: number;
	quantity: number;
	serials: string[];
	/** The customer warranty of the product at the time of the sale. */
	customerWarrantyDays: number;
	/** Set on a component line of a bundle: the bundle's line. */
	bundleLineId: string | null;
}

/**
 * A completed sale. Appended together with the `units.changed` sell events
 * of its serials (ref: {kind: 'sale', id: saleId}); the sale id is the id of
 * the cart that reserved them, so the fold sees the holder sell its units.
 */
export interface SaleCompleted extends EventBase {
	type: 'sale.completed';
	saleId: string;
	/** What staff read and type: device code and counter, e.g. `4K7-000012`. */
	receiptNo: string;
	lines: SaleLine[];
	customer: Customer;
	total: number;
	payment: { method: PaymentMethod; amount: number };
	/** The repair ticket charged by this sale, if any. */
	ticketId: string | null;
}

export type RefundCondition = 'stock' | 'faulty';

export interface RefundLine {
	lineId: string;
	productId: string;
	quantity: number;
	serials: string[];
	condition: RefundCondition;
	amount: number;
	/** As on the sale line: a bundle's component names the bundle's line. */
	bundleLineId?: string | null;
}

/** Units or quantities of one sale coming back; appended with their unit changes. */
export interface RefundCompleted extends EventBase {
	type: 'refund.completed';
	refundId: string;
	saleId: string;
	lines: RefundLine[];
	total: number;
}

export const TICKET_STATUSES = ['open', 'in_progress', 'ready', 'collected'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A product or service on a repair ticket; a serialised part names its units. */
export interface TicketPart {
	lineId: string;
	productId: string;
	name: string;
	serialised: boolean;
	/** Minor units (cents). */
	unitPrice: number;
	quantity: number;
	serials: string[];
	customerWarrantyDays: number;
}

/**
 * The whole state of a repair ticket as saved. Last writer wins by `at`
 * (ties by event id), so peers agree whatever order the saves arrive in.
 * Its parts' units move by their own units.changed events (ref: ticket).
 */
export interface TicketSaved extends EventBase {
	type: 'ticket.saved';
	ticketId: string;
	/** What staff read and type: `T-` device code and counter, e.g. `T-4K7AB-000003`. */
	ticketNo: string;
	customer: Customer;
	deviceDescription: string;
	/** The customer's device's own serial or IMEI. */
	deviceSerial: string;
	problem: string;
	status: TicketStatus;
	parts: TicketPart[];
	/** The sale that charged the ticket, once charged. */
	saleId: string | null;
}

export type LedgerEvent =
	| ProductUpserted
	| SupplierUpserted
	| StockReceived
	| QuantityReceived
	| UnitsChanged
	| ConflictResolved
	| SaleCompleted
	| RefundCompleted
	| TicketSaved
	| SettingsUpserted;

export type LedgerEventType = LedgerEvent['type'];

/** What an event would be before the ledger stamps id, at and device. */
export type NewEvent = LedgerEvent extends infer E
	? E extends LedgerEvent
		? Omit<E, 'id' | 'at' | 'device'>
		: never
	: never;

export const UNIT_STATUSES = [
	'in_stock',
	'reserved',
	'sold',
	'used',
	'returned',
	'faulty',
	'rma',
	'quarantined',
	'written_off'
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const UNIT_ACTIONS = [
	'reserve',
	'release',
	'sell',
	'use',
	'return',
	'restock',
	'mark_faulty',
	'send_rma',
	'quarantine',
	'unquarantine',
	'write_off'
] as const;
export type UnitAction = (typeof UNIT_ACTIONS)[number];

export type RefKind = 'cart' | 'sale' | 'ticket' | 'refund' | 'recall' | 'rma' | 'adjustment';

/** One thing that happened to a unit, as kept on the unit's row. */
export interface UnitFact {
	eventId: string;
	at: Hlc;
	device: DeviceId;
	kind: 'received' | UnitAction | 'resolved';
	/** receipt id for `received`; the ref id otherwise. */
	refKind: RefKind | 'receipt' | 'conflict' | null;
	refId: string | null;
	/** For `resolved`: the state decided. */
	status?: UnitStatus;
	/** For a change: the status the deciding device saw (see UnitsChanged). */
	expected?: UnitStatus;
}

export interface UnitConflict {
	/** Stable id: `${productId}|${serial}|${eventId}`. */
	id: string;
	productId: string;
	serial: string;
	eventId: string;
	at: Hlc;
	device: DeviceId;
	kind: UnitFact['kind'];
	/** The state the unit was in when the fact arrived. */
	fromStatus: UnitStatus | null;
	reason: string;
}
