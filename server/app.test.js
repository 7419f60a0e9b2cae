import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './app.js';

const SHELL = '<!doctype html><title>Unitrack</title><p>app shell</p>';

describe('createServer', () => {
	/** @type {string} */
	let root;
	/** @type {ReturnType<typeof createServer>} */
	let server;
	/** @type {string} */
	let base;

	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'unitrack-server-'));
		mkdirSync(join(root, '_app/immutable/chunks'), { recursive: true });
		writeFileSync(join(root, '200.html'), SHELL);
		writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
		writeFileSync(join(root, '_app/immutable/chunks/app.abc123.js'), 'export const a = 1;');
		server = createServer({ root });
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		const address = server.address();
		if (!address || typeof address !== 'object') throw new Error('no address');
		base = `http://127.0.0.1:${address.port}`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		rmSync(root, { recursive: true, force: true });
	});

	it('serves an asset with long immutable caching', async () => {
		const res = await fetch(`${base}/_app/immutable/chunks/app.abc123.js`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/javascript/);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(await res.text()).toBe('export const a = 1;');
	});

	it('answers a deep link with 200.html, not cached', async () => {
		for (const path of ['/stock/abc', '/stock/SN.0098']) {
			const res = await fetch(base + path);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/text\/html/);
			expect(res.headers.get('cache-control')).toBe('no-cache');
			expect(await res.text()).toBe(SHELL);
		}
	});

	it('serves sw.js with no-cache', async () => {
		const res = await fetch(`${base}/sw.js`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-cache');
	});

	it('answers a missing asset with 404, not the app shell', async () => {
		const res = await fetch(`${base}/_app/immutable/chunks/gone.js`);
		expect(res.status).toBe(404);
	});
});
