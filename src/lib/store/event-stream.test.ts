/** The bench's store history generator (bench/projector-harness/event-stream.js) makes valid, repeatable logs. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkEvent } from '$lib/domain/event-schema';
import { parseHlc } from '$lib/domain/hlc';
import { eventsOf, monthsOfEvents } from '../../../bench/projector-harness/event-stream.js';
import { UnitrackDb } from './db';
import { projectEvents } from './projector';

const SMALL = { seed: 7, units: 3000, sales: 2000, months: 6 };

describe('the bench event stream', () => {
	it('makes only events the projector accepts, each id once, each device its clock in order', () => {
		const events = eventsOf(SMALL);
		expect(events.length).toBeGreaterThan(5000);
		for (const e of events) expect(checkEvent(e)).toEqual({ ok: true, event: e });
		expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
		for (const e of events) expect(parseHlc(e.at).device).toBe(e.device);
		// A device never stamps two events alike.
		expect(new Set(events.map((e) => e.at)).size).toBe(events.length);
		const types = new Set(events.map((e) => e.type));
		expect([...types].sort()).toEqual(
			[
				'product.upserted',
				'refund.completed',
				'sale.completed',
				'settings.upserted',
				'stock.quantity_received',
				'stock.received',
				'supplier.upserted',
				'ticket.saved',
				'units.changed'
			].sort()
		);
	}, 30_000);

	it('is a pure function of its seed, month by month in clock order', () => {
		const a = [...monthsOfEvents(SMALL)];
		expect(a).toHaveLength(6);
		expect([...monthsOfEvents(SMALL)]).toEqual(a);
		expect(eventsOf({ ...SMALL, seed: 8 })).not.toEqual(a.flat());
		for (const month of a)
			expect(month.map((e) => e.at)).toEqual([...month.map((e) => e.at)].sort());
	}, 30_000);

	it('tells a consistent story: projected, it raises no conflict and sells only what came in', async () => {
		const db = new UnitrackDb(`stream-${Math.random()}`);
		for (const month of monthsOfEvents({ ...SMALL, months: 3, units: 800, sales: 500 }))
			await projectEvents(db, month);
		expect(await db.conflicts.count()).toBe(0);
		expect(await db.units.filter((u) => u.status === 'not_received').count()).toBe(0);
		const statuses = new Set((await db.units.toArray()).map((u) => u.status));
		expect(statuses.has('sold')).toBe(true);
		expect(statuses.has('in_stock')).toBe(true);
		expect(await db.sales.count()).toBeGreaterThan(400);
		await db.delete();
	}, 30_000);
});
