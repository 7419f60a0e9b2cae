// Hubs for the tests and benchmarks: in this process on a free loopback
// port, or as real processes (`node server/start.js --hub …`) that a test
// can kill and start again.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tests/fixtures/services.js';
import { createServer } from '../app.js';
import { createHub } from './hub.js';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const ADMIN_TOKEN = `uta_${'a1B2_c3D4-'.repeat(4)}e5F`;

/** A store id as the app makes them (22 base64url characters). */
export function storeId(seed = Math.random().toString(36)) {
	return `${seed.replace(/[^A-Za-z0-9]/g, '')}${'x'.repeat(22)}`.slice(0, 22);
}

/**
 * @param {{ storage: import('./storage/schema.js').HubStorage, now?: () => number, redis?: string, compactRows?: number }} options
 */
export async function startHub({ storage, now, redis, compactRows }) {
	const hub = await createHub({ storage, now, redis, compactRows, adminToken: ADMIN_TOKEN });
	const server = createServer({ root: join(ROOT, 'build'), hub });
	const port = await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
	return {
		hub,
		url: `ws://127.0.0.1:${port}/hub`,
		base: `http://127.0.0.1:${port}`,
		async close() {
			await hub.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

/**
 * A hub process of its own (`npm run hub` without the build step).
 * @param {{ data?: string, database?: string, redis?: string, port?: number, root?: string }} options
 *   root: the folder with server/ and build/ (the repository's by default)
 */
export async function spawnHub({ data, database, redis, port, root = ROOT }) {
	const p = port ?? (await freePort());
	const args = [
		'server/start.js',
		'--no-build',
		'--host',
		'127.0.0.1',
		'--port',
		String(p),
		'--hub'
	];
	if (data) args.push('--data', data);
	if (database) args.push('--database', database);
	if (redis) args.push('--redis', redis);
	args.push('--admin-token', ADMIN_TOKEN);
	const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the hub did not start:\n${output}`)), 30_000);
		const onData = (/** @type {Buffer} */ chunk) => {
			output += chunk.toString();
			if (output.includes('Hub for chains at')) {
				clearTimeout(timer);
				resolve(undefined);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the hub exited (${code}):\n${output}`));
		});
	});
	return {
		child,
		port: p,
		url: `ws://127.0.0.1:${p}/hub`,
		base: `http://127.0.0.1:${p}`,
		output: () => output,
		/** @param {NodeJS.Signals} signal */
		stop(signal = 'SIGTERM') {
			if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
			return new Promise((resolve) => {
				child.once('exit', () => resolve(undefined));
				child.kill(signal);
			});
		}
	};
}

/**
 * Issues a device token through the hub's API.
 * @param {string} base @param {{ store: string, storeName?: string, deviceName?: string, expiresInDays?: number }} what
 */
export async function issueToken(
	base,
	{ store, storeName = 'Main Street', deviceName = 'Till', expiresInDays }
) {
	const res = await fetch(`${base}/hub/api/tokens`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ store, storeName, deviceName, expiresInDays })
	});
	if (res.status !== 201) throw new Error(`issue: ${res.status} ${await res.text()}`);
	return /** @type {Promise<{ id: string, token: string }>} */ (res.json());
}

/** Waits until `check` holds (polling), or throws after `ms`. */
export async function until(
	/** @type {() => boolean | Promise<boolean>} */ check,
	ms = 10_000,
	what = 'condition'
) {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}
