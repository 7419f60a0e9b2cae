import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer, SIGNAL_PATH } from './app.js';

/** @type {string} */
let root;
/** @type {ReturnType<typeof createServer>} */
let server;
/** @type {string} */
let wsBase;

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'unitrack-signal-'));
	writeFileSync(join(root, '200.html'), '<!doctype html><title>Unitrack</title>');
	server = createServer({ root });
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	if (!address || typeof address !== 'object') throw new Error('no address');
	wsBase = `ws://127.0.0.1:${address.port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	rmSync(root, { recursive: true, force: true });
});

/** A client that collects what it receives. */
async function client(path = SIGNAL_PATH) {
	const ws = new WebSocket(wsBase + path);
	/** @type {any[]} */
	const received = [];
	ws.on('message', (data) => received.push(JSON.parse(data.toString())));
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	return {
		ws,
		received,
		/** @param {unknown} message */
		send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
		/** Resolves once `n` messages have arrived (or rejects after 2 s). */
		until: (/** @type {number} */ n) =>
			new Promise((resolve, reject) => {
				const started = Date.now();
				const check = () => {
					if (received.length >= n) return resolve(received);
					if (Date.now() - started > 2000)
						return reject(new Error(`got ${received.length} of ${n}`));
					setTimeout(check, 10);
				};
				check();
			})
	};
}

/** Lets the server handle what was sent so far. */
const roundTrip = async (/** @type {Awaited<ReturnType<typeof client>>} */ c) => {
	const before = c.received.length;
	c.send({ type: 'ping' });
	await c.until(before + 1);
	c.received.pop();
};

describe('signaling', () => {
	it('relays a publish to every subscriber of the room, the sender too, and nobody else', async () => {
		const [a, b, other] = await Promise.all([client(), client(), client()]);
		a.send({ type: 'subscribe', topics: ['room-1'] });
		b.send({ type: 'subscribe', topics: ['room-1'] });
		other.send({ type: 'subscribe', topics: ['room-2'] });
		await Promise.all([a, b, other].map(roundTrip));
		a.send({ type: 'publish', topic: 'room-1', data: 'c2VhbGVk', extra: 'dropped' });
		await Promise.all([a.until(1), b.until(1)]);
		const expected = { type: 'publish', topic: 'room-1', data: 'c2VhbGVk', clients: 2 };
		expect(a.received).toEqual([expected]);
		expect(b.received).toEqual([expected]);
		await roundTrip(other);
		expect(other.received).toEqual([]);

		b.send({ type: 'unsubscribe', topics: ['room-1'] });
		await roundTrip(b);
		a.send({ type: 'publish', topic: 'room-1', data: 'YWdhaW4=' });
		await a.until(2);
		await roundTrip(b);
		expect(b.received).toHaveLength(1);
		for (const c of [a, b, other]) c.ws.close();
	});

	it('answers ping with pong', async () => {
		const a = await client();
		a.send({ type: 'ping' });
		expect(await a.until(1)).toEqual([{ type: 'pong' }]);
		a.ws.close();
	});

	it('relays only encrypted (base64) data, and ignores what it cannot read', async () => {
		const [a, b] = await Promise.all([client(), client()]);
		for (const c of [a, b]) c.send({ type: 'subscribe', topics: ['room-3'] });
		await Promise.all([a, b].map(roundTrip));
		a.send('not json');
		a.send(Buffer.from([1, 2, 3]));
		a.send({ type: 'publish', topic: 'room-3', data: { type: 'announce', from: 'x' } });
		a.send({ type: 'publish', topic: 'room-3', data: 'not base64!' });
		a.send({ type: 'publish', topic: ['room-3'], data: 'AA==' });
		await roundTrip(a);
		await roundTrip(b);
		expect(b.received).toEqual([]);
		expect(a.ws.readyState).toBe(WebSocket.OPEN);
		a.ws.close();
		b.ws.close();
	});

	it('refuses WebSocket upgrades on any other path', async () => {
		await expect(client('/not-signal')).rejects.toThrow(/404/);
	});

	it('closes a client that sends an oversized message', async () => {
		const a = await client();
		const closed = new Promise((resolve) => a.ws.once('close', (code) => resolve(code)));
		a.send({ type: 'publish', topic: 'room-4', data: 'A'.repeat(100 * 1024) });
		expect(await closed).toBe(1009);
	});
});
