import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateDigest, summarise, type Presence } from './sync';

function docWith(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

describe('stateDigest', () => {
	it('is the same for docs that got the same updates in any order, and differs otherwise', () => {
		const updates = [1, 2, 3].map((n) => {
			const doc = new Y.Doc();
			doc.getArray('events').push([{ n }]);
			return Y.encodeStateAsUpdate(doc);
		});
		const a = docWith(updates);
		const b = docWith([...updates].reverse());
		expect(stateDigest(a)).toBe(stateDigest(b));
		expect(stateDigest(docWith(updates.slice(1)))).not.toBe(stateDigest(a));
	});
});

describe('summarise', () => {
	const self: Presence = { device: 'me', name: 'Till 1', digest: 'd1', events: 5 };
	const peer = (device: string, digest: string): Presence => ({
		device,
		name: `Phone ${device}`,
		digest,
		events: 5
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

	it('does not count this device twice (another tab of it)', () => {
		const snapshot = summarise(
			self,
			[{ ...self, name: 'other tab' }, peer('b', 'd1')],
			transport(true, 1)
		);
		expect(snapshot.devices.map((d) => d.device)).toEqual(['b']);
	});
});
