/**
 * The one projector: applies ledger events to the Dexie tables, inside one
 * transaction per batch, idempotently (an event already in `applied` is
 * skipped). Events from peers are validated first; a malformed one is
 * recorded in `rejected` and changes nothing else.
 *
 * Rebuilding every table from the log gives the same rows as applying the
 * events one by one, in any order: unit rows hold their facts sorted by clock
 * and their state is the fold of those facts; catalog rows merge per field.
 */
import Dexie, { type Table } from 'dexie';
import { stockLines } from '$lib/domain/bundle';
import {
	DEFAULT_PRODUCT,
	DEFAULT_SETTINGS,
	DEFAULT_SUPPLIER,
	mergeFields,
	normaliseKey,
	SETTINGS_ID
} from '$lib/domain/catalog';
import { checkEvent } from '$lib/domain/event-schema';
import { hlcWall } from '$lib/domain/hlc';
import { lotExpiryLookup } from '$lib/domain/receive-lines';
import { isNewerSave } from '$lib/domain/ticket';
import { compareFacts, foldUnit } from '$lib/domain/unit-state';
import { warrantyEnd } from '$lib/domain/warranty';
import type { LedgerEvent, UnitConflict, UnitFact } from '$lib/domain/types';
import type {
	ProductRow,
	ReceiptRow,
	RefundRow,
	RejectedRow,
	SaleRow,
	SettingsRow,
	SupplierRow,
	TicketRow,
	UnitRow,
	UnitrackDb,
	UnitRowStatus
} from './db';
import { statusIndexFields } from './db';

/** Above this many facts it is cheaper to read the product's keys than to look each unit up. */
const KEY_SCAN_THRESHOLD = 2000;

export async function projectEvents(db: UnitrackDb, raw: readonly unknown[]): Promise<number> {
	const valid: LedgerEvent[] = [];
	const rejected: RejectedRow[] = [];
	for (const value of raw) {
		const check = checkEvent(value);
		if (check.ok) valid.push(check.event);
		else rejected.push(rejection(value, check.reason));
	}
	if (rejected.length > 0) console.warn('refused events from the log', rejected);
	return db.transaction('rw', db.projected, async () => {
		if (rejected.length > 0) await db.rejected.bulkPut(rejected);
		const seen = await db.applied.bulkGet(valid.map((e) => e.id));
		const fresh = valid.filter((e, i) => seen[i] === undefined);
		const unique = [...new Map(fresh.map((e) => [e.id, e])).values()];
		for (const event of unique) await applyEvent(db, event);
		await db.applied.bulkAdd(unique.map((e) => ({ id: e.id, at: e.at, type: e.type })));
		return unique.length;
	});
}

/** Clears every projected table and projects the whole log again. */
export async function rebuildProjection(db: UnitrackDb, log: readonly unknown[]): Promise<void> {
	await db.transaction('rw', db.projected, async () => {
		await Promise.all(db.projected.map((t) => t.clear()));
	});
	const BATCH = 500;
	for (let i = 0; i < log.length; i += BATCH) await projectEvents(db, log.slice(i, i + BATCH));
}

function rejection(value: unknown, reason: string) {
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

async function applyEvent(db: UnitrackDb, e: LedgerEvent): Promise<void> {
	switch (e.type) {
		case 'product.upserted': {
			const row = await loadProduct(db, e.productId);
			const merged = mergeFields({ values: row, clocks: row.clocks }, e.fields, e.at);
			const next = { ...row, ...merged.values, clocks: merged.clocks };
			await db.products.put({
				...next,
				nameKey: normaliseKey(next.name),
				stockCodeKey: normaliseKey(next.stockCode)
			});
			return;
		}
		case 'supplier.upserted': {
			const row: SupplierRow = (await db.suppliers.get(e.supplierId)) ?? {
				id: e.supplierId,
				...DEFAULT_SUPPLIER,
				clocks: {},
				nameKey: ''
			};
			const merged = mergeFields({ values: row, clocks: row.clocks }, e.fields, e.at);
			const next = { ...row, ...merged.values, clocks: merged.clocks };
			await db.suppliers.put({ ...next, nameKey: normaliseKey(next.name) });
			return;
		}
		case 'settings.upserted': {
			const row: SettingsRow = (await db.settings.get(SETTINGS_ID)) ?? {
				id: SETTINGS_ID,
				...DEFAULT_SETTINGS,
				clocks: {}
			};
			const merged = mergeFields({ values: row, clocks: row.clocks }, e.fields, e.at);
			await db.settings.put({ ...row, ...merged.values, clocks: merged.clocks });
			return;
		}
		case 'stock.received': {
			const receipt: ReceiptRow = {
				id: e.receiptId,
				eventId: e.id,
				productId: e.productId,
				supplierId: e.supplierId,
				reference: e.reference,
				unitCost: e.unitCost,
				warrantyDays: e.warrantyDays,
				method: e.method,
				at: e.at,
				device: e.device,
				receivedAt: hlcWall(e.at),
				serials: e.serials,
				quantity: e.serials.length,
				...(e.lots ? { lots: e.lots } : {}),
				...(e.expiries ? { expiries: e.expiries } : {})
			};
			await putReceipt(db, receipt);
			const fact = baseFact(e, 'received', 'receipt', e.receiptId);
			await applyUnitFacts(db, e.productId, e.serials, fact);
			return;
		}
		case 'stock.quantity_received': {
			await putReceipt(db, {
				id: e.receiptId,
				eventId: e.id,
				productId: e.productId,
				supplierId: e.supplierId,
				reference: e.reference,
				unitCost: e.unitCost,
				warrantyDays: 0,
				method: 'quantity',
				at: e.at,
				device: e.device,
				receivedAt: hlcWall(e.at),
				serials: [],
				quantity: e.quantity
			});
			const product = await loadProduct(db, e.productId);
			await db.products.put({ ...product, quantityOnHand: product.quantityOnHand + e.quantity });
			return;
		}
		case 'units.changed': {
			const fact = baseFact(e, e.action, e.ref?.kind ?? null, e.ref?.id ?? null);
			if (e.expected !== undefined) fact.expected = e.expected;
			await applyUnitFacts(db, e.productId, e.serials, fact);
			return;
		}
		case 'sale.completed': {
			const { type: _type, id, ...sale } = e;
			const row: SaleRow = {
				...sale,
				id: e.saleId,
				eventId: id,
				soldAt: hlcWall(e.at),
				customerKey: normaliseKey(e.customer.name)
			};
			if (!(await firstWins(db.sales, row))) return;
			// Serialised units move by their own units.changed events; quantities
			// here, a bundle's through its components (it holds no stock itself).
			for (const line of stockLines(e.lines))
				if (line.serials.length === 0) await addQuantity(db, line.productId, -line.quantity);
			return;
		}
		case 'refund.completed': {
			const { type: _type, id, ...refund } = e;
			const row: RefundRow = { ...refund, id: e.refundId, eventId: id, refundedAt: hlcWall(e.at) };
			if (!(await firstWins(db.refunds, row))) return;
			for (const line of stockLines(e.lines)) {
				if (line.serials.length === 0 && line.condition === 'stock')
					await addQuantity(db, line.productId, line.quantity);
			}
			return;
		}
		case 'ticket.saved': {
			// The whole ticket, last writer wins: its parts' units move by their own events.
			const { type: _type, id, ...ticket } = e;
			// Opened at the earliest save, whichever save arrives first.
			const held = await db.tickets.get(e.ticketId);
			const openedAt = held && held.openedAt < e.at ? held.openedAt : e.at;
			const newer = isNewerSave(
				{ at: e.at, eventId: id },
				held && { at: held.at, eventId: held.eventId }
			);
			const base =
				newer || !held
					? { ...ticket, eventId: id, customerKey: normaliseKey(e.customer.name) }
					: held;
			const row: TicketRow = { ...base, id: e.ticketId, openedAt, openedAtMs: hlcWall(openedAt) };
			await db.tickets.put(row);
			return;
		}
		case 'conflict.resolved': {
			const fact: UnitFact = {
				...baseFact(e, 'resolved', 'conflict', e.conflictId),
				status: e.status
			};
			await applyUnitFacts(db, e.productId, [e.serial], fact);
			return;
		}
	}
}

function baseFact(
	e: LedgerEvent,
	kind: UnitFact['kind'],
	refKind: UnitFact['refKind'],
	refId: string | null
): UnitFact {
	return { eventId: e.id, at: e.at, device: e.device, kind, refKind, refId };
}

/** Two receipts with one id (only a hostile peer makes them): the earlier wins. */
async function putReceipt(db: UnitrackDb, receipt: ReceiptRow): Promise<void> {
	const held = await db.receipts.get(receipt.id);
	if (!held || receipt.at < held.at) await db.receipts.put(receipt);
}

/**
 * Two records with one id (only a hostile peer makes them): the earlier
 * wins. Returns whether `row` is now the record (its effects apply).
 */
async function firstWins<R extends { id: string; at: string }>(
	table: Table<R, string>,
	row: R
): Promise<boolean> {
	const held = await table.get(row.id);
	if (held && held.at <= row.at) return false;
	await table.put(row);
	return held === undefined;
}

async function addQuantity(db: UnitrackDb, productId: string, delta: number): Promise<void> {
	const product = await loadProduct(db, productId);
	await db.products.put({ ...product, quantityOnHand: product.quantityOnHand + delta });
}

async function loadProduct(db: UnitrackDb, id: string): Promise<ProductRow> {
	return (
		(await db.products.get(id)) ?? {
			id,
			...DEFAULT_PRODUCT,
			clocks: {},
			nameKey: '',
			stockCodeKey: '',
			counts: {},
			quantityOnHand: 0
		}
	);
}

/** What a unit row copies from its receipt. */
type ReceiptFields = Pick<
	UnitRow,
	'supplierId' | 'receivedAt' | 'supplierWarrantyEnd' | 'unitCost'
> & { lotExpiry: (serial: string) => Pick<UnitRow, 'lot' | 'expiry'> };

const NO_RECEIPT: ReceiptFields = {
	supplierId: null,
	receivedAt: null,
	supplierWarrantyEnd: null,
	unitCost: null,
	lotExpiry: () => ({})
};

function receiptFields(receipt: ReceiptRow | undefined): ReceiptFields {
	if (!receipt) return NO_RECEIPT;
	return {
		supplierId: receipt.supplierId ?? null,
		receivedAt: receipt.receivedAt ?? null,
		supplierWarrantyEnd: warrantyEnd(receipt.receivedAt, receipt.warrantyDays),
		unitCost: receipt.unitCost ?? null,
		lotExpiry: lotExpiryLookup(receipt)
	};
}

function lotExpiryOf({ lot, expiry }: UnitRow): Pick<UnitRow, 'lot' | 'expiry'> {
	return { ...(lot ? { lot } : {}), ...(expiry ? { expiry } : {}) };
}

/** The same fact (one event) applied to many units of one product. */
async function applyUnitFacts(
	db: UnitrackDb,
	productId: string,
	serials: readonly string[],
	fact: UnitFact
): Promise<void> {
	const product = await loadProduct(db, productId);
	const counts = { ...product.counts };
	const known = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
	const unique = [...new Set(serials)];
	const existing = await existingUnits(db, productId, unique, known);
	// Read once per receipt, however many of its units this event touches.
	const fromReceipt = new Map<string, ReceiptFields>();
	const fresh: UnitRow[] = [];
	const changed: UnitRow[] = [];
	const staleConflicts: string[] = [];
	const conflictRows: UnitConflict[] = [];
	// A unit without a row yet folds from this one fact alone, to the same
	// state for every such unit (a receipt's thousands of new units), unless
	// the fact is refused: its conflict names the serial, so fold each then.
	const alone = foldUnit(productId, '', [fact]);
	const isSameForNew = alone.conflicts.length === 0;

	for (const serial of unique) {
		const old = existing.get(serial);
		const facts = old ? insertSorted(old.facts, fact) : [fact];
		const fold = !old && isSameForNew ? alone : foldUnit(productId, serial, facts);
		const receiptId = fold.receiptId;
		if (receiptId && !fromReceipt.has(receiptId))
			fromReceipt.set(receiptId, receiptFields(await db.receipts.get(receiptId)));
		const receipt = (receiptId && fromReceipt.get(receiptId)) || NO_RECEIPT;
		const status: UnitRowStatus = fold.status ?? 'not_received';
		const row: UnitRow = {
			productId,
			serial,
			...statusIndexFields(status),
			receiptId,
			supplierId: receipt.supplierId,
			receivedAt: receipt.receivedAt,
			supplierWarrantyEnd: receipt.supplierWarrantyEnd,
			unitCost: receipt.unitCost,
			holder: fold.holder,
			// Carried over while the receipt is the same: no look-up in a big receipt per change.
			...(old && old.receiptId === receiptId ? lotExpiryOf(old) : receipt.lotExpiry(serial)),
			facts,
			conflictIds: fold.conflicts.map((c) => c.id)
		};
		if (old) {
			counts[old.status] = (counts[old.status] ?? 0) - 1;
			for (const id of old.conflictIds) if (!row.conflictIds.includes(id)) staleConflicts.push(id);
			changed.push(row);
		} else {
			fresh.push(row);
		}
		counts[status] = (counts[status] ?? 0) + 1;
		if (fold.conflicts.length > 0) {
			conflictRows.push(...fold.conflicts);
		}
	}
	for (const key of Object.keys(counts) as UnitRowStatus[])
		if (counts[key] === 0) delete counts[key];

	if (fresh.length > 0) await db.units.bulkAdd(fresh);
	if (changed.length > 0) await db.units.bulkPut(changed);
	if (staleConflicts.length > 0) await db.conflicts.bulkDelete(staleConflicts);
	if (conflictRows.length > 0) await db.conflicts.bulkPut(conflictRows);
	await db.products.put({ ...product, counts });
}

async function existingUnits(
	db: UnitrackDb,
	productId: string,
	serials: string[],
	known: number
): Promise<Map<string, UnitRow>> {
	const found = new Map<string, UnitRow>();
	if (known === 0) return found;
	let candidates = serials;
	if (serials.length > KEY_SCAN_THRESHOLD) {
		const keys = await db.units
			.where('[productId+serial]')
			.between([productId, Dexie.minKey], [productId, Dexie.maxKey])
			.primaryKeys();
		const held = new Set(keys.map((k) => k[1]));
		candidates = serials.filter((s) => held.has(s));
	}
	if (candidates.length === 0) return found;
	const rows = await db.units.bulkGet(candidates.map((s) => [productId, s] as [string, string]));
	for (const row of rows) if (row) found.set(row.serial, row);
	return found;
}

function insertSorted(facts: UnitFact[], fact: UnitFact): UnitFact[] {
	if (facts.some((f) => f.eventId === fact.eventId)) return facts;
	return [...facts, fact].sort(compareFacts);
}
