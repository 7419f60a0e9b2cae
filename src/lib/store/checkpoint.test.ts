import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '$lib/domain/hlc';
import type { LedgerEvent } from '$lib/domain/types';
import {
	buildCheckpoint,
	CheckpointError,
	installCheckpoint,
	type CheckpointRows
} from './checkpoint';
import { PROJECTION_SCHEMA } from './db';
import { arbLog, chunks } from './log-arbitrary';
import { projectEvents } from './projector';
import { dumpTables, testDatabases } from './test-tables';

const dbs = testDatabases('checkpoint');
const freshDb = () => dbs.fresh();
afterEach(dbs.deleteAll);

const at = (wall: number) => formatHlc({ wall, counter: 0, device: 'd' });
const received = (id: string, serials: string[], wall = 1): LedgerEvent => ({
	id,
	at: at(wall),
	device: 'd',
	type: 'stock.received',
	receiptId: `r-${id}`,
	productId: 'p',
	supplierId: 's',
	reference: '',
	unitCost: null,
	warrantyDays: 0,
	method: 'manual',
	serials
});
const changed = (id: string, action: 'sell' | 'write_off' | 'mark_faulty', serials: string[]) =>
	({
		id,
		at: at(10),
		device: 'd',
		type: 'units.changed',
		action,
		productId: 'p',
		serials,
		ref: null,
		note: ''
	}) as LedgerEvent;

describe('checkpoints', () => {
	it('installed, then the whole log projected with the checkpoint covering its part, give the rows of the log', async () => {
		await fc.assert(
			fc.asyncProperty(
				arbLog(undefined, 25).chain((log) =>
					fc.tuple(
						fc.constant(log),
						fc.nat(log.length),
						fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }),
						fc.integer({ min: 1, max: 6 })
					)
				),
				async ([log, split, arrival, batch]) => {
					const prefix = log.slice(0, split);
					const source = freshDb();
					for (const part of chunks(prefix, batch)) await projectEvents(source, part);
					// Through JSON, as the ledger sends it.
					const checkpoint = JSON.parse(
						JSON.stringify(await buildCheckpoint(source))
					) as CheckpointRows;
					expect(checkpoint.units.some((u) => u.status === 'sold')).toBe(false);

					const joined = freshDb();
					await installCheckpoint(joined, checkpoint);
					const covered = new Set(prefix.map((e) => e.id));
					for (const part of chunks(arrival, batch))
						await projectEvents(joined, part, { covered: (id) => covered.has(id) });

					const whole = freshDb();
					await projectEvents(whole, log);
					expect(await dumpTables(joined)).toEqual(await dumpTables(whole));
					await dbs.deleteAll();
				}
			),
			{ numRuns: 60 }
		);
	}, 60_000);

	it('holds what a device needs to sell and leaves sold and written-off units out', async () => {
		const db = freshDb();
		await projectEvents(db, [
			received('r', ['A', 'B', 'C', 'D']),
			changed('s', 'sell', ['A']),
			changed('w', 'write_off', ['B']),
			changed('f', 'mark_faulty', ['C'])
		]);
		const checkpoint = await buildCheckpoint(db);
		expect(checkpoint.units.map((u) => [u.serial, u.status])).toEqual([
			['C', 'faulty'],
			['D', 'in_stock']
		]);
		expect(checkpoint.products[0]?.counts).toEqual({ faulty: 1, in_stock: 1 });
		expect(checkpoint.receipts.map((r) => r.id)).toEqual(['r-r']);

		const joined = freshDb();
		await installCheckpoint(joined, checkpoint);
		expect((await joined.units.get(['p', 'D']))?.status).toBe('in_stock');
		expect(await joined.units.get(['p', 'A'])).toBeUndefined();
	});

	it('refuses a bad checkpoint, or a projection that holds rows, and writes nothing', async () => {
		const db = freshDb();
		await projectEvents(db, [received('r', ['A', 'B'])]);
		const good = await buildCheckpoint(db);

		const target = freshDb();
		const bad = [
			{ ...good, schema: 99 },
			{ ...good, units: [{ ...good.units[0], status: 'sold', unlessInStock: 'sold' }] },
			{ ...good, units: [good.units[0], good.units[0]] },
			{ ...good, products: [{ ...good.products[0], counts: { in_stock: 5 } }] },
			{ ...good, units: [...good.units, { ...good.units[0], serial: 'bad serial' }] },
			{ ...good, tickets: 'none' }
		];
		const messages = [];
		for (const rows of bad) {
			const error = await installCheckpoint(target, rows as never).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(CheckpointError);
			messages.push((error as Error).message);
		}
		expect(messages).toEqual([
			`The checkpoint cannot be installed: it was made by another version of Unitrack (schema 99, this device reads ${PROJECTION_SCHEMA}).`,
			'The checkpoint cannot be installed: units row 1: a unit sold is left out.',
			'The checkpoint cannot be installed: unit A of product p is there twice.',
			'The checkpoint cannot be installed: product p counts 5 units in_stock but 2 came.',
			'The checkpoint cannot be installed: units row 3: bad key.',
			'The checkpoint cannot be installed: it has no list of tickets.'
		]);
		expect(await dumpTables(target)).toEqual(await dumpTables(freshDb()));

		await expect(installCheckpoint(db, good)).rejects.toThrow('the projection holds rows');
	});

	it('moves no quantity for a covered event, now or when it comes again', async () => {
		const db = freshDb();
		const quantity: LedgerEvent = {
			id: 'q',
			at: at(1),
			device: 'd',
			type: 'stock.quantity_received',
			receiptId: 'q1',
			productId: 'cable',
			supplierId: '',
			reference: '',
			unitCost: null,
			quantity: 7
		};
		await projectEvents(db, [quantity], { covered: () => true });
		expect((await db.products.get('cable'))?.quantityOnHand ?? 0).toBe(0);
		expect((await db.receipts.get('q1'))?.eventId).toBe('q');
		// Its receipt names it, so it never moves the quantity later either.
		await projectEvents(db, [quantity]);
		expect((await db.products.get('cable'))?.quantityOnHand ?? 0).toBe(0);
	});
});
