/**
 * A checkpoint: what a joining device needs to sell from current stock at
 * once, before the store's history reaches it. Built from a device's
 * projection in one read transaction, installed into an empty projection in
 * one write transaction; plain data (JSON-safe), so the ledger can gzip it
 * and send it.
 *
 * It holds the whole catalog (products with their quantity on hand and their
 * counts restricted to the units it holds, suppliers, settings), every unit
 * that is not sold or written off, with the receipts its received facts name
 * and its open conflicts, and the repair tickets not collected. Sold and
 * written-off units are left out: most of a big store's units, and none can
 * be sold or show as in stock; they come with the back-fill of history, which
 * the ledger projects with `covered` (projector.ts) for the events whose
 * effects the checkpoint already holds.
 */
import { checkpointProblem } from './checkpoint-check';
import { countsOf, LEFT_OUT, type CheckpointRows } from './checkpoint-rows';
import { PROJECTION_SCHEMA, type UnitrackDb, type UnitRow } from './db';
import { unitKey } from './working-set';

export { LEFT_OUT, type CheckpointRows } from './checkpoint-rows';

const READ_CHUNK = 10_000;
const WRITE_CHUNK = 5_000;

export class CheckpointError extends Error {}

export async function buildCheckpoint(db: UnitrackDb): Promise<CheckpointRows> {
	const tables = [db.products, db.suppliers, db.settings, db.units, db.receipts, db.conflicts];
	return db.transaction('r', [...tables, db.tickets], async () => {
		const [products, suppliers, settings, tickets, keys] = await Promise.all([
			db.products.toArray(),
			db.suppliers.toArray(),
			db.settings.toArray(),
			db.tickets.filter((t) => t.status !== 'collected').toArray(),
			db.units.toCollection().primaryKeys()
		]);
		// Every unit not in stock is in the sparse status index: the ones left
		// out are found there, the rest is every key less those.
		const out = await db.units
			.where('[productId+unlessInStock]')
			.anyOf(products.flatMap((p) => LEFT_OUT.map((s) => [p.id, s])))
			.primaryKeys();
		const gone = new Set(out.map(([p, s]) => unitKey(p, s)));
		const kept = keys.filter(([p, s]) => !gone.has(unitKey(p, s)));
		const units: UnitRow[] = [];
		for (let i = 0; i < kept.length; i += READ_CHUNK)
			for (const unit of await db.units.bulkGet(kept.slice(i, i + READ_CHUNK)))
				if (unit && !LEFT_OUT.includes(unit.status)) units.push(unit);

		const receiptIds = new Set<string>();
		const conflictIds: string[] = [];
		for (const unit of units) {
			for (const f of unit.facts) if (f.kind === 'received' && f.refId) receiptIds.add(f.refId);
			conflictIds.push(...unit.conflictIds);
		}
		const [receipts, conflicts] = await Promise.all([
			db.receipts.bulkGet([...receiptIds]),
			db.conflicts.bulkGet(conflictIds)
		]);
		const counts = countsOf(units);
		return {
			schema: PROJECTION_SCHEMA,
			products: products.map((p) => ({ ...p, counts: counts.get(p.id) ?? {} })),
			suppliers,
			settings,
			units,
			receipts: receipts.filter((r) => r !== undefined),
			conflicts: conflicts.filter((c) => c !== undefined),
			tickets
		};
	});
}

/**
 * Writes a checkpoint into an empty projection, all of it or (on a bad
 * checkpoint, or a projection that holds rows already) nothing.
 */
export async function installCheckpoint(db: UnitrackDb, rows: CheckpointRows): Promise<void> {
	const problem = checkpointProblem(rows);
	if (problem) throw new CheckpointError(`The checkpoint cannot be installed: ${problem}.`);
	await db.transaction('rw', db.projected, async () => {
		const held = await Promise.all(db.projected.map((t) => t.count()));
		if (held.some((n) => n > 0))
			throw new CheckpointError('The checkpoint cannot be installed: the projection holds rows.');
		const writes: [keyof CheckpointRows & keyof UnitrackDb, unknown[]][] = [
			['products', rows.products],
			['suppliers', rows.suppliers],
			['settings', rows.settings],
			['units', rows.units],
			['receipts', rows.receipts],
			['conflicts', rows.conflicts],
			['tickets', rows.tickets]
		];
		for (const [table, list] of writes)
			for (let i = 0; i < list.length; i += WRITE_CHUNK)
				await db.table(table).bulkAdd(list.slice(i, i + WRITE_CHUNK));
	});
}
