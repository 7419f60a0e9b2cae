/**
 * One batch of valid events applied to a working set: every row the batch
 * can touch is read first (one bulkGet per table), the events are applied
 * in memory, and the working set writes each changed row once. A single
 * append and a rebuild's month of history take this one path.
 */
import { SETTINGS_ID } from '$lib/domain/catalog';
import type { LedgerEvent } from '$lib/domain/types';
import type { UnitrackDb } from './db';
import { applyProduct, applySettings, applySupplier } from './project-catalog';
import { Quantities, type Coverage, type RecordRow } from './project-quantities';
import { applyTicket, recordOf } from './project-records';
import { UnitFacts } from './project-units';
import type { WorkingSet } from './working-set';

export type { Coverage } from './project-quantities';

export const NOTHING_COVERED: Coverage = () => false;

/** What a batch will change, worked out from its events alone. */
interface Plan {
	units: UnitFacts;
	/** The record each event makes (receipt, sale, refund), by event id. */
	records: Map<string, RecordRow>;
}

function plan(ws: WorkingSet, events: readonly LedgerEvent[]): Plan {
	const units = new UnitFacts();
	const records = new Map<string, RecordRow>();
	for (const e of events) {
		units.addEvent(e);
		const record = recordOf(e);
		if (record) {
			records.set(e.id, record);
			Quantities.want(ws, record);
		}
		switch (e.type) {
			case 'product.upserted':
				ws.want('products', e.productId);
				break;
			case 'supplier.upserted':
				ws.want('suppliers', e.supplierId);
				break;
			case 'settings.upserted':
				ws.want('settings', SETTINGS_ID);
				break;
			case 'ticket.saved':
				ws.want('tickets', e.ticketId);
				break;
		}
	}
	for (const productId of units.productIds()) ws.want('products', productId);
	return { units, records };
}

/**
 * Projects `events` (valid, one per id) into `ws`, reading what it lacks
 * from `db`. Call inside one rw transaction on every projected table, then
 * flush the working set in it.
 */
export async function projectBatch(
	db: UnitrackDb,
	ws: WorkingSet,
	events: readonly LedgerEvent[],
	covered: Coverage
): Promise<void> {
	const { units, records } = plan(ws, events);
	const quantities = new Quantities(covered);
	await ws.load(db, [
		'products',
		'suppliers',
		'settings',
		'receipts',
		'sales',
		'refunds',
		'tickets',
		'quantityEvents'
	]);
	await units.load(db, ws);
	// From here to the flush nothing awaits: the batch applies in memory.
	for (const e of events) {
		switch (e.type) {
			case 'product.upserted':
				applyProduct(ws, e);
				break;
			case 'supplier.upserted':
				applySupplier(ws, e);
				break;
			case 'settings.upserted':
				applySettings(ws, e);
				break;
			case 'stock.received':
			case 'stock.quantity_received':
			case 'sale.completed':
			case 'refund.completed':
				quantities.record(ws, records.get(e.id) as RecordRow);
				break;
			case 'ticket.saved':
				applyTicket(ws, e);
				break;
			case 'units.changed':
			case 'conflict.resolved':
				break;
		}
	}
	units.settle(ws);
	quantities.settle(ws);
}
