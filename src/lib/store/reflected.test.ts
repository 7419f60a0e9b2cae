import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '$lib/domain/hlc';
import type { LedgerEvent } from '$lib/domain/types';
import { UnitrackDb } from './db';
import { arbLog } from './log-arbitrary';
import { projectEvents } from './projector';
import { unreflectedEvents } from './reflected';

let dbs: UnitrackDb[] = [];
function freshDb(): UnitrackDb {
	const db = new UnitrackDb(`reflected-${Math.random()}`);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs) await db.delete();
	dbs = [];
});

async function dump(db: UnitrackDb) {
	const out: Record<string, unknown[]> = {};
	for (const table of db.projected) out[table.name] = await table.toArray();
	return out;
}

describe('what the projection does not reflect yet', () => {
	it('is every event not projected, and projecting it gives the rows of the whole log', async () => {
		await fc.assert(
			fc.asyncProperty(
				arbLog().chain((log) => fc.tuple(fc.constant(log), fc.subarray(log))),
				async ([log, projected]) => {
					const db = freshDb();
					await projectEvents(db, projected);
					const missing = await unreflectedEvents(db, log);
					const done = new Set(projected.map((e) => e.id));
					for (const e of log) if (!done.has(e.id)) expect(missing).toContain(e);
					await projectEvents(db, missing);
					const whole = freshDb();
					await projectEvents(whole, log);
					expect(await dump(db)).toEqual(await dump(whole));
					await Promise.all(dbs.map((d) => d.delete()));
					dbs = [];
				}
			),
			{ numRuns: 40 }
		);
		// Two databases per run on fake-indexeddb: slow on a loaded machine, not stuck.
	}, 60_000);

	it('leaves out what the rows show: a receipt of many units by its first unit, a sale by its record', async () => {
		const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
		const receipt: LedgerEvent = {
			id: 'r',
			at: at(1),
			device: 'd',
			type: 'stock.received',
			receiptId: 'r1',
			productId: 'p',
			supplierId: 's',
			reference: '',
			unitCost: null,
			warrantyDays: 0,
			method: 'range',
			serials: Array.from({ length: 5000 }, (_, i) => `SN${i}`)
		};
		const product: LedgerEvent = {
			id: 'p',
			at: at(0),
			device: 'd',
			type: 'product.upserted',
			productId: 'p',
			fields: { name: 'Phone' }
		};
		const db = freshDb();
		await projectEvents(db, [receipt, product]);
		// A catalog write leaves no trace once another replaces it: it is asked for, cheaply.
		expect(await unreflectedEvents(db, [receipt, product, null])).toEqual([product, null]);
	}, 30_000);
});
