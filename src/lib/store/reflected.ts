/**
 * Which events of a log the projection does not reflect yet: what a device
 * must project after a crash between writing its log and projecting it. The
 * projection keeps no table of applied events; instead every event leaves a
 * trace in the rows it made, read here with one bulkGet per table:
 *
 * - a receipt or a unit change: the fact it put on its first unit (an event
 *   applies in one transaction, so one unit tells for all);
 * - a quantity receipt, a sale, a refund: its record naming it;
 * - everything else (catalog and ticket saves, whose rows keep only the
 *   latest writer, a record that lost to an earlier one with its id, an event
 *   that is not valid) is reported too: projecting it again is cheap and
 *   changes nothing when it is reflected already.
 */
import { checkEvent } from '$lib/domain/event-schema';
import type { LedgerEvent } from '$lib/domain/types';
import type { UnitrackDb } from './db';
import { unitKey } from './working-set';

type Trace =
	| { table: 'units'; key: [string, string]; eventId: string }
	| { table: 'receipts' | 'sales' | 'refunds'; key: string; eventId: string };

function traceOf(e: LedgerEvent): Trace | null {
	switch (e.type) {
		case 'stock.received':
		case 'units.changed': {
			const [serial] = e.serials;
			return serial === undefined
				? null
				: { table: 'units', key: [e.productId, serial], eventId: e.id };
		}
		case 'conflict.resolved':
			return { table: 'units', key: [e.productId, e.serial], eventId: e.id };
		case 'stock.quantity_received':
			return { table: 'receipts', key: e.receiptId, eventId: e.id };
		case 'sale.completed':
			return { table: 'sales', key: e.saleId, eventId: e.id };
		case 'refund.completed':
			return { table: 'refunds', key: e.refundId, eventId: e.id };
		default:
			return null;
	}
}

export async function unreflectedEvents(
	db: UnitrackDb,
	log: readonly unknown[]
): Promise<unknown[]> {
	const traces = log.map((value) => {
		const check = checkEvent(value);
		return check.ok ? traceOf(check.event) : null;
	});
	const units = new Map<string, [string, string]>();
	const records = {
		receipts: new Set<string>(),
		sales: new Set<string>(),
		refunds: new Set<string>()
	};
	for (const t of traces) {
		if (t?.table === 'units') units.set(unitKey(...t.key), t.key);
		else if (t) records[t.table].add(t.key);
	}
	const facts = new Map<string, Set<string>>();
	const holders = new Map<string, string>();
	await db.transaction('r', [db.units, db.receipts, db.sales, db.refunds], async () => {
		const read = async (table: 'receipts' | 'sales' | 'refunds') => {
			const ids = [...records[table]];
			const rows = await db[table].bulkGet(ids);
			ids.forEach((id, i) => {
				const row = rows[i];
				if (row) holders.set(`${table} ${id}`, row.eventId);
			});
		};
		const keys = [...units.values()];
		const [rows] = await Promise.all([
			db.units.bulkGet(keys),
			read('receipts'),
			read('sales'),
			read('refunds')
		]);
		keys.forEach(([productId, serial], i) => {
			const row = rows[i];
			if (row) facts.set(unitKey(productId, serial), new Set(row.facts.map((f) => f.eventId)));
		});
	});
	return log.filter((_, i) => {
		const t = traces[i];
		if (!t) return true;
		if (t.table === 'units') return !facts.get(unitKey(...t.key))?.has(t.eventId);
		return holders.get(`${t.table} ${t.key}`) !== t.eventId;
	});
}
