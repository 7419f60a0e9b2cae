import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HandshakeWatch, logDigest, summarise, type Presence } from './sync';

describe('logDigest', () => {
	it('is the same for logs that hold the same updates in any order, and differs otherwise', () => {
		const updates = [1, 2, 3].map((n) => {
			const doc = new Y.Doc();
			doc.getArray('events').push([{ n }]);
			return Y.encodeStateAsUpdate(doc);
		});
		const held = (list: Uint8Array[]) => {
			const doc = new Y.Doc();
			for (const u of list) Y.applyUpdate(doc, u);
			return new Map([['p/2026-01', Y.decodeStateVector(Y.encodeStateVector(doc))]]);
		};
		expect(logDigest(held(updates))).toBe(logDigest(held([...updates].reverse())));
		expect(logDigest(held(updates.slice(1)))).not.toBe(logDigest(held(updates)));
		// The same content in another period is another log.
		const moved = new Map([['p/2026-02', held(updates).get('p/2026-01')!]]);
		expect(logDigest(moved)).not.toBe(logDigest(held(updates)));
	});
});

describe('summarise', () => {
	const NOW = Date.UTC(2026, 11, 4, 12);
	const self: Presence = {
		device: 'me',
		name: 'Till 1',
		digest: 'd1',
		events: 5,
		wants: [],
		time: NOW
	};
	const peer = (device: string, digest: string): Presence => ({
		device,
		name: `Phone ${device}`,
		digest,
		events: 5,
		wants: [],
		time: NOW
	});
	const transport = (signaling: boolean, connections: number) => ({
		signaling,
		connections,
		refused: 0
	});

	it('says offline with neither signaling nor a peer, and alone with signaling only', () => {
		expect(summarise(self, [peer('b', 'd1')], transport(false, 0))).toMatchObject({
			state: 'offline',
			devices: []
		});
		expect(summarise(self, [peer('b', 'd1')], transport(true, 0))).toMatchObject({
			state: 'alone',
			devices: []
		});
	});

	it('says in sync only when every device online holds the same events', () => {
		const synced = summarise(self, [peer('b', 'd1'), peer('c', 'd1')], transport(false, 1));
		expect(synced.state).toBe('synced');
		expect(synced.devices.map((d) => d.device)).toEqual(['b', 'c']);
		expect(summarise(self, [peer('b', 'd1'), peer('c', 'd2')], transport(true, 2)).state).toBe(
			'syncing'
		);
		// Connected, nobody announced yet: the first exchange is under way.
		expect(summarise(self, [], transport(true, 1)).state).toBe('syncing');
	});

	it('names every device online whose clock is more than a few minutes from this one', () => {
		const ahead = { ...peer('b', 'd1'), name: 'Counter tablet', time: NOW + 2 * 3600_000 };
		const close = { ...peer('c', 'd1'), time: NOW - 90_000 };
		const behind = { ...peer('d', 'd1'), name: 'Phone', time: NOW - 10 * 60_000 };
		expect(summarise(self, [ahead, close, behind], transport(true, 3)).clocks).toEqual([
			{ device: 'b', name: 'Counter tablet', offsetMs: 2 * 3600_000 },
			{ device: 'd', name: 'Phone', offsetMs: -10 * 60_000 }
		]);
		// Offline: nobody's clock is known now.
		expect(summarise(self, [ahead], transport(false, 0)).clocks).toEqual([]);
	});

	it('does not count this device twice (another tab of it)', () => {
		const snapshot = summarise(
			self,
			[{ ...self, name: 'other tab' }, peer('b', 'd1')],
			transport(true, 1)
		);
		expect(snapshot.devices.map((d) => d.device)).toEqual(['b']);
	});
});

describe('HandshakeWatch', () => {
	it('gives up a connection not up within its limit, once, and never one that is up', () => {
		const watch = new HandshakeWatch<{ name: string }>(10_000, 5_000, () => 0.5);
		const stuck = { name: 'stuck' };
		const up = { name: 'up' };
		const late = { name: 'late' };
		const tick = (now: number, isLateUp: boolean) =>
			watch.overdue(
				[
					{ conn: stuck, isUp: false },
					{ conn: up, isUp: true },
					{ conn: late, isUp: isLateUp }
				],
				now
			);
		expect(tick(0, false)).toEqual([]);
		// Its limit is 10 s plus half of the 5 s spread.
		expect(tick(12_000, true)).toEqual([]);
		expect(tick(12_500, true)).toEqual([stuck]);
		// Given up once; seen again, its clock starts over.
		expect(tick(13_000, true)).toEqual([]);
		expect(tick(25_499, true)).toEqual([]);
		expect(tick(25_500, true)).toEqual([stuck]);
	});

	it('starts the clock again for a connection that was up and went down', () => {
		const watch = new HandshakeWatch<object>(1_000, 0);
		const conn = {};
		expect(watch.overdue([{ conn, isUp: false }], 0)).toEqual([]);
		expect(watch.overdue([{ conn, isUp: true }], 900)).toEqual([]);
		expect(watch.overdue([{ conn, isUp: false }], 1_500)).toEqual([]);
		expect(watch.overdue([{ conn, isUp: false }], 2_499)).toEqual([]);
		expect(watch.overdue([{ conn, isUp: false }], 2_500)).toEqual([conn]);
	});
});
