// The hub over HTTPS and WSS with --cert/--key, as the app is served: a
// device syncs through wss://…/hub and the API answers over https.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { freePort } from '../../tests/fixtures/services.js';
import { createServer } from '../app.js';
import { createHub } from './hub.js';
import { ADMIN_TOKEN, storeId } from './hub-fixtures.js';
import { openSqlite } from './storage/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'unitrack-hub-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The test's own certificate: trusted by this WebSocket only. */
class TrustingWebSocket extends WebSocket {
	constructor(/** @type {string} */ url) {
		super(url, { rejectUnauthorized: false });
	}
}

describe('the hub over TLS', () => {
	it('serves its API over https and syncs a device over wss', async () => {
		const cert = join(dir, 'cert.pem');
		const key = join(dir, 'key.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-keyout',
				key,
				'-out',
				cert,
				'-subj',
				'/CN=localhost'
			],
			{ stdio: 'ignore' }
		);
		const hub = await createHub({
			storage: await openSqlite(join(dir, 'data')),
			adminToken: ADMIN_TOKEN
		});
		const server = createServer({ root: dir, cert, key, hub });
		const port = await freePort();
		await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
		const store = storeId('tls');
		try {
			process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
			const res = await fetch(`https://127.0.0.1:${port}/hub/api/tokens`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
				body: JSON.stringify({ store, storeName: 'Main Street', deviceName: 'Till' })
			});
			expect(res.status).toBe(201);
			const { token } = await res.json();
			const socket = new HocuspocusProviderWebsocket({
				url: `wss://127.0.0.1:${port}/hub`,
				WebSocketPolyfill: TrustingWebSocket
			});
			const doc = new Y.Doc();
			const provider = new HocuspocusProvider({
				websocketProvider: socket,
				name: `${store}/head`,
				document: doc,
				token
			});
			provider.attach();
			await new Promise((resolve) => provider.on('synced', resolve));
			expect(provider.isAuthenticated).toBe(true);
			provider.destroy();
			socket.destroy();
		} finally {
			delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
			await hub.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	}, 30_000);
});
