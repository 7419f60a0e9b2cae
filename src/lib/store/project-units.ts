/**
 * Unit rows: each unit holds every fact of its life, deduplicated by event
 * id, and its state is the fold of those facts in clock order (unit-state.ts),
 * so a fact applied twice, or facts in any order, give the same row. A batch
 * gathers the facts of every unit it touches, reads those units once, folds
 * each once, and derives from the folds the products' counts by status and
 * the units' open conflicts.
 */
import Dexie from 'dexie';
import { hlcWall } from '$lib/domain/hlc';
import { lotExpiryLookup } from '$lib/domain/receive-lines';
import { compareFacts, foldUnit, type UnitFold } from '$lib/domain/unit-state';
import { warrantyEnd } from '$lib/domain/warranty';
import type { LedgerEvent, StockReceived, UnitFact } from '$lib/domain/types';
import type { UnitrackDb, UnitRow, UnitRowStatus } from './db';
import { statusIndexFields } from './db';
import { productRow } from './project-catalog';
import { unitKey, type WorkingSet } from './working-set';

/** Above this many unknown units of one product it is cheaper to read its keys than each unit. */
const KEY_SCAN_THRESHOLD = 2000;

/** What a unit row copies from the receipt event it came in on (lot and expiry per serial). */
type ReceiptFields = Pick<
	UnitRow,
	'supplierId' | 'receivedAt' | 'supplierWarrantyEnd' | 'unitCost' | 'lot' | 'expiry'
>;

interface ReceiptSource {
	fields: Omit<ReceiptFields, 'lot' | 'expiry'>;
	lotExpiry: (serial: string) => Pick<UnitRow, 'lot' | 'expiry'>;
}

const NO_RECEIPT: ReceiptFields = {
	supplierId: null,
	receivedAt: null,
	supplierWarrantyEnd: null,
	unitCost: null
};

function receiptSource(e: StockReceived): ReceiptSource {
	const receivedAt = hlcWall(e.at);
	return {
		fields: {
			supplierId: e.supplierId ?? null,
			receivedAt,
			supplierWarrantyEnd: warrantyEnd(receivedAt, e.warrantyDays),
			unitCost: e.unitCost ?? null
		},
		lotExpiry: lotExpiryLookup(e)
	};
}

function heldFields(unit: UnitRow): ReceiptFields {
	const { supplierId, receivedAt, supplierWarrantyEnd, unitCost, lot, expiry } = unit;
	return {
		supplierId,
		receivedAt,
		supplierWarrantyEnd,
		unitCost,
		...(lot ? { lot } : {}),
		...(expiry ? { expiry } : {})
	};
}

function baseFact(
	e: LedgerEvent,
	kind: UnitFact['kind'],
	refKind: UnitFact['refKind'],
	refId: string | null
): UnitFact {
	return { eventId: e.id, at: e.at, device: e.device, kind, refKind, refId };
}

interface PendingUnit {
	productId: string;
	serial: string;
	/** The batch's facts of the unit; one fact object is shared by every unit of its event. */
	facts: UnitFact[];
}

export class UnitFacts {
	private readonly pending = new Map<string, PendingUnit>();
	/** The fields a received fact of this batch gives its units, by event id. */
	private readonly receipts = new Map<string, ReceiptSource>();

	addEvent(e: LedgerEvent): void {
		switch (e.type) {
			case 'stock.received':
				this.receipts.set(e.id, receiptSource(e));
				this.add(e.productId, e.serials, baseFact(e, 'received', 'receipt', e.receiptId));
				return;
			case 'units.changed': {
				const fact = baseFact(e, e.action, e.ref?.kind ?? null, e.ref?.id ?? null);
				if (e.expected !== undefined) fact.expected = e.expected;
				this.add(e.productId, e.serials, fact);
				return;
			}
			case 'conflict.resolved':
				this.add(e.productId, [e.serial], {
					...baseFact(e, 'resolved', 'conflict', e.conflictId),
					status: e.status
				});
				return;
		}
	}

	private add(productId: string, serials: readonly string[], fact: UnitFact): void {
		for (const serial of serials) {
			const key = unitKey(productId, serial);
			const unit = this.pending.get(key);
			if (!unit) this.pending.set(key, { productId, serial, facts: [fact] });
			// A serial listed twice in one event is one fact.
			else if (unit.facts.at(-1) !== fact) unit.facts.push(fact);
		}
	}

	/** The products whose rows the batch needs before its units (their counts). */
	productIds(): Set<string> {
		return new Set([...this.pending.values()].map((u) => u.productId));
	}

	/**
	 * Reads the batch's units that may exist. Call once the products are
	 * loaded: a product that counts no unit has none to read.
	 */
	async load(db: UnitrackDb, ws: WorkingSet): Promise<void> {
		const byProduct = new Map<string, string[]>();
		for (const [key, unit] of this.pending) {
			if (ws.has('units', key)) continue;
			const keys = byProduct.get(unit.productId);
			if (keys) keys.push(key);
			else byProduct.set(unit.productId, [key]);
		}
		const scans: Promise<void>[] = [];
		for (const [productId, keys] of byProduct) {
			const counts = ws.get('products', productId)?.counts ?? {};
			const known = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
			if (known === 0) for (const key of keys) ws.markAbsent('units', key);
			else if (!ws.knowsAbsence && keys.length > KEY_SCAN_THRESHOLD)
				scans.push(this.scanKeys(db, ws, productId, keys));
			else for (const key of keys) ws.want('units', key);
		}
		await Promise.all(scans);
		await ws.load(db, ['units']);
	}

	/** A big receipt: reads which of the product's serials exist, then only those rows. */
	private async scanKeys(
		db: UnitrackDb,
		ws: WorkingSet,
		productId: string,
		keys: string[]
	): Promise<void> {
		const held = await db.units
			.where('[productId+serial]')
			.between([productId, Dexie.minKey], [productId, Dexie.maxKey])
			.primaryKeys();
		const present = new Set(held.map(([, serial]) => unitKey(productId, serial)));
		for (const key of keys) {
			if (present.has(key)) ws.want('units', key);
			else ws.markAbsent('units', key);
		}
	}

	/** Folds every unit the batch touched and writes what changed. */
	settle(ws: WorkingSet): void {
		const counts = new Map<string, Map<UnitRowStatus, number>>();
		const count = (productId: string, status: UnitRowStatus, delta: number) => {
			let byStatus = counts.get(productId);
			if (!byStatus) counts.set(productId, (byStatus = new Map<UnitRowStatus, number>()));
			byStatus.set(status, (byStatus.get(status) ?? 0) + delta);
		};
		// A new unit with one fact folds alike for every unit of that fact (a
		// receipt's thousands), unless the fact is refused: its conflict names the serial.
		const alone = new Map<UnitFact, UnitFold | null>();

		for (const [key, unit] of this.pending) {
			const old = ws.get('units', key);
			let facts = unit.facts;
			let added = unit.facts;
			if (old) {
				const held = new Set(old.facts.map((f) => f.eventId));
				added = unit.facts.filter((f) => !held.has(f.eventId));
				if (added.length === 0) continue;
				facts = [...old.facts, ...added].sort(compareFacts);
			} else if (facts.length > 1) facts = [...facts].sort(compareFacts);

			let fold: UnitFold | null | undefined;
			const only = !old && facts.length === 1 ? facts[0] : undefined;
			if (only) {
				fold = alone.get(only);
				if (fold === undefined) {
					const shared = foldUnit(unit.productId, '', facts);
					fold = shared.conflicts.length === 0 ? shared : null;
					alone.set(only, fold);
				}
			}
			fold ??= foldUnit(unit.productId, unit.serial, facts);

			const status: UnitRowStatus = fold.status ?? 'not_received';
			const row: UnitRow = {
				productId: unit.productId,
				serial: unit.serial,
				...statusIndexFields(status),
				receiptId: fold.receiptId,
				...this.fieldsFor(fold.receiptEventId, old, added, unit.serial),
				holder: fold.holder,
				facts,
				conflictIds: fold.conflicts.map((c) => c.id)
			};
			ws.put('units', key, row);
			if (old) {
				count(unit.productId, old.status, -1);
				for (const id of old.conflictIds)
					if (!row.conflictIds.includes(id)) ws.delete('conflicts', id);
			}
			count(unit.productId, status, 1);
			for (const conflict of fold.conflicts) ws.put('conflicts', conflict.id, conflict);
		}

		for (const [productId, byStatus] of counts) {
			if ([...byStatus.values()].every((d) => d === 0)) continue;
			const product = productRow(ws, productId);
			const next = { ...product.counts };
			for (const [status, delta] of byStatus) {
				const n = (next[status] ?? 0) + delta;
				if (n === 0) delete next[status];
				else next[status] = n;
			}
			ws.put('products', productId, { ...product, counts: next });
		}
	}

	/**
	 * The receipt fields come from the event of the received fact the fold
	 * applied. That fact changes only to one of this batch (an earlier
	 * receipt arrived) or to none, so a unit keeps its fields otherwise.
	 */
	private fieldsFor(
		chosen: string | null,
		old: UnitRow | undefined,
		added: readonly UnitFact[],
		serial: string
	): ReceiptFields {
		if (chosen === null) return NO_RECEIPT;
		// Carried over while the receipt is the same: no look-up in a big receipt per change.
		if (old && !added.some((f) => f.eventId === chosen)) return heldFields(old);
		const source = this.receipts.get(chosen);
		if (!source) return old ? heldFields(old) : NO_RECEIPT;
		return { ...source.fields, ...source.lotExpiry(serial) };
	}
}
