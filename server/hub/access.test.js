// Who may connect to the hub: only a device with a token for the store, and
// only to that store's docs; the admin token alone issues, lists and revokes
// tokens; a revoked device is cut off at once. Every refusal looks the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from './storage/sqlite.js';
import { ADMIN_TOKEN, issueToken, startHub, storeId, until } from './hub-fixtures.js';
import { SimDevice } from './sim-device.js';

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.UTC(2026, 11, 4, 12);
/** @type {Awaited<ReturnType<typeof startHub>>} */
let hub;
/** @type {string} */
let dir;
const main = storeId('main');
const other = storeId('other');
/** @type {SimDevice[]} */
const devices = [];

function device(token, store = main) {
	const d = new SimDevice({ url: hub.url, store, token });
	devices.push(d);
	return d;
}

/** What a device gets for a doc: synced, or the reason it was refused. */
async function attempt(token, store, doc = 'p/2026-12') {
	const d = device(token, store);
	try {
		await d.open(doc);
		return 'synced';
	} catch (error) {
		return /** @type {Error} */ (error).message;
	}
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'unitrack-hub-access-'));
	hub = await startHub({ storage: await openSqlite(dir), now: () => clock });
});

afterAll(async () => {
	for (const d of devices) d.destroy();
	await hub?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('device tokens', () => {
	it("lets a device with its store's token sync that store's docs, and a head office token every store's", async () => {
		const { token } = await issueToken(hub.base, { store: main });
		expect(await attempt(token, main, 'head')).toBe('synced');
		expect(await attempt(token, main, 'p/2026-11')).toBe('synced');
		const office = await issueToken(hub.base, { store: '*', storeName: 'Head office' });
		expect(await attempt(office.token, main)).toBe('synced');
		expect(await attempt(office.token, other)).toBe('synced');
	});

	it("refuses a forged, malformed, expired or other store's token, or a name that is no store's doc, all alike", async () => {
		const { token } = await issueToken(hub.base, { store: main });
		const expiring = await issueToken(hub.base, { store: main, expiresInDays: 1 });
		expect(await attempt(expiring.token, main)).toBe('synced');
		clock += 2 * DAY;
		const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		const refusals = [
			await attempt(forged, main),
			await attempt('uth_nonsense', main),
			await attempt('', main),
			await attempt(expiring.token, main),
			await attempt(token, other),
			await attempt(token, storeId('nobody-has-this')),
			await attempt(ADMIN_TOKEN, main),
			await attempt(token, main, 'secrets')
		];
		expect(new Set(refusals)).toEqual(new Set(['permission-denied']));
		// whoami answers a refusal with the same words whatever was wrong.
		const answers = await Promise.all(
			[forged, expiring.token, 'x'].map(async (t) => {
				const res = await fetch(`${hub.base}/hub/api/whoami`, {
					headers: { Authorization: `Bearer ${t}` }
				});
				return `${res.status} ${await res.text()}`;
			})
		);
		expect(new Set(answers).size).toBe(1);
		expect(answers[0]).toMatch(/^401 /);
	});

	it('closes the socket of a refused device, so it cannot queue anything for the doc', async () => {
		const d = device('uth_forged', main);
		await d.open('p/2026-12').catch(() => undefined);
		await until(
			() => d.socket.status === 'disconnected' || d.socket.webSocket === null,
			5000,
			'socket closed'
		);
	});

	it('tells a device which store its token is for', async () => {
		const { token } = await issueToken(hub.base, {
			store: main,
			storeName: 'Main Street',
			deviceName: 'Till 2'
		});
		const res = await fetch(`${hub.base}/hub/api/whoami`, {
			headers: { Authorization: `Bearer ${token}` }
		});
		expect(await res.json()).toEqual({
			store: main,
			storeName: 'Main Street',
			deviceName: 'Till 2',
			expiresAt: null
		});
	});

	it('cuts off a device whose token expires while it is connected: it gets nothing written after', async () => {
		const expiring = await issueToken(hub.base, {
			store: main,
			expiresInDays: 1,
			deviceName: 'Loan'
		});
		const keep = await issueToken(hub.base, { store: main, deviceName: 'Till 3' });
		const loan = device(expiring.token);
		const till = device(keep.token);
		await loan.open('p/2026-09');
		await till.open('p/2026-09');
		till.append('p/2026-09', { id: 'before' });
		await until(() => loan.events('p/2026-09').length === 1, 5000, 'the first event');
		clock += 2 * DAY;
		// Its socket is closed; it connects again and is refused.
		await until(() => loan.refused === 'permission-denied', 5000, 'the expired device refused');
		till.append('p/2026-09', { id: 'after' });
		await until(() => till.isSettled('p/2026-09'), 5000, 'the hub has the second event');
		await new Promise((r) => setTimeout(r, 1000));
		expect(loan.events('p/2026-09').map((e) => e.id)).toEqual(['before']);
	});
});

describe('the admin API', () => {
	it('issues, lists and revokes only with the admin token', async () => {
		const headers = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
		const wrong = {
			Authorization: 'Bearer uta_' + 'x'.repeat(43),
			'Content-Type': 'application/json'
		};
		const body = JSON.stringify({ store: main, storeName: 'Main Street', deviceName: 'Tablet' });
		expect(
			(await fetch(`${hub.base}/hub/api/tokens`, { method: 'POST', headers: wrong, body })).status
		).toBe(401);
		expect(
			(await fetch(`${hub.base}/hub/api/tokens?store=${main}`, { headers: wrong })).status
		).toBe(401);
		const bad = await fetch(`${hub.base}/hub/api/tokens`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ store: 'not a store', storeName: 'x', deviceName: 'y' })
		});
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/^store: /);
		const issued = await (
			await fetch(`${hub.base}/hub/api/tokens`, { method: 'POST', headers, body })
		).json();
		expect(issued.token).toMatch(/^uth_/);
		expect(issued).not.toHaveProperty('hash');
		const list = await (
			await fetch(`${hub.base}/hub/api/tokens?store=${main}`, { headers })
		).json();
		const row = list.tokens.find((/** @type {{id: string}} */ t) => t.id === issued.id);
		expect(row).toMatchObject({ deviceName: 'Tablet', storeName: 'Main Street', online: false });
		expect(JSON.stringify(list)).not.toContain(issued.token.slice(-20));
		expect(
			(await fetch(`${hub.base}/hub/api/tokens/${issued.id}`, { method: 'DELETE', headers: wrong }))
				.status
		).toBe(401);
		expect(
			(await fetch(`${hub.base}/hub/api/tokens/${issued.id}`, { method: 'DELETE', headers })).status
		).toBe(204);
		const after = await (
			await fetch(`${hub.base}/hub/api/tokens?store=${main}`, { headers })
		).json();
		expect(after.tokens.map((/** @type {{id: string}} */ t) => t.id)).not.toContain(issued.id);
	});

	it('disconnects a revoked device at once; what it sends after is not kept', async () => {
		const { id, token } = await issueToken(hub.base, { store: main, deviceName: 'Lost phone' });
		const keep = await issueToken(hub.base, { store: main, deviceName: 'Till 1' });
		const lost = device(token);
		const till = device(keep.token);
		await lost.open('p/2026-10');
		await till.open('p/2026-10');
		lost.append('p/2026-10', { id: 'before' });
		await until(() => till.events('p/2026-10').length === 1, 5000, 'the first event');
		const revoked = await fetch(`${hub.base}/hub/api/tokens/${id}`, {
			method: 'DELETE',
			headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }
		});
		expect(revoked.status).toBe(204);
		await until(() => lost.socket.status !== 'connected', 2000, 'the revoked device cut off');
		lost.append('p/2026-10', { id: 'after' });
		await new Promise((r) => setTimeout(r, 1500));
		expect(till.events('p/2026-10').map((e) => e.id)).toEqual(['before']);
		expect(lost.refused).toBe('permission-denied');
		// The hub's copy has it not either (a new device sees what the hub holds).
		const fresh = device(keep.token);
		await fresh.open('p/2026-10');
		expect(fresh.events('p/2026-10').map((e) => e.id)).toEqual(['before']);
	});
});

describe('a socket never let in', () => {
	it('is closed once it has sent a megabyte, so it cannot fill the hub with queued messages', async () => {
		const { default: WebSocket } = await import('ws');
		const ws = new WebSocket(hub.url);
		await new Promise((resolve) => ws.once('open', resolve));
		const closed = new Promise((resolve) => ws.once('close', resolve));
		// Sync messages for a doc it never authenticates: Hocuspocus would queue them.
		const name = new TextEncoder().encode(`${main}/head`);
		const junk = new Uint8Array(64 * 1024);
		const message = new Uint8Array([name.length, ...name, 0, 2, 0x80, 0x80, 0x04, ...junk]);
		for (let i = 0; i < 40 && ws.readyState === WebSocket.OPEN; i++) ws.send(message);
		await closed;
		expect(ws.readyState).toBe(WebSocket.CLOSED);
	});
});
