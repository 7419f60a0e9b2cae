/**
 * Two devices of a store that sync through the hub only: WebRTC is taken
 * out of both browsers, and the app is served by a hub of the test's own
 * (`npm start -- --hub`, embedded database in a temporary folder). A manager
 * issues the devices' tokens in Settings > Devices; the second device joins
 * the store with its token; stock goes both ways; a revoked device is cut
 * off and gets nothing more.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createProduct, receiveManual, receiveRange } from './fixtures';
import { HubDevicesSection, HubSyncSection } from './pages/hub-pages';
import { StockPage } from './pages/stock-page';
import { syncStatus } from './pages/sync-pages';

const ADMIN = `uta_${'e2eHubAdmin-'.repeat(3)}0123456`;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function startHub(data: string, port: number): Promise<ChildProcess> {
	const child = spawn(
		process.execPath,
		[
			'server/start.js',
			'--no-build',
			'--host',
			'127.0.0.1',
			'--port',
			String(port),
			'--hub'
		].concat(['--data', data, '--admin-token', ADMIN]),
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Hub for chains at')) resolve();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`the hub exited (${code}): ${output}`)));
	});
	return child;
}

/** A device: a browser context of its own, with no WebRTC at all. */
async function device(browser: Browser, base: string): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext({ baseURL: base });
	await context.addInitScript(() => {
		for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel'])
			delete (window as unknown as Record<string, unknown>)[name];
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
	await page.goto('/stock');
	return { page, errors };
}

test.describe('sync through a hub only', () => {
	test.describe.configure({ mode: 'serial', timeout: 120_000 });
	let hub: ChildProcess | undefined;
	let data = '';
	let base = '';

	test.beforeAll(async () => {
		data = mkdtempSync(join(tmpdir(), 'unitrack-e2e-hub-'));
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		hub = await startHub(data, port);
	});

	test.afterAll(async () => {
		if (hub && hub.exitCode === null) {
			const exited = new Promise((resolve) => hub?.once('exit', resolve));
			hub.kill('SIGTERM');
			await exited;
		}
		rmSync(data, { recursive: true, force: true });
	});

	test('a manager issues tokens, a second device joins with one, stock goes both ways, a revoked device is cut off', async ({
		browser
	}) => {
		const a = await device(browser, base);
		expect(await a.page.evaluate(() => typeof RTCPeerConnection)).toBe('undefined');
		const { id: productId } = await createProduct(a.page, {
			name: 'Pixel 9 128GB',
			stockCode: 'PX9-128',
			serialised: true
		});
		await receiveRange(a.page, { productId, newSupplier: 'Northwind' }, 'SN-A-001', 'SN-A-005');

		// The manager issues this device's token and uses it here, then one for the tablet.
		const devices = new HubDevicesSection(a.page);
		await devices.open(base, ADMIN);
		await devices.issue('Till 1');
		await devices.section.getByRole('button', { name: 'Use on this device' }).click();
		await expect(devices.section.getByRole('status')).toContainText(
			'This device now syncs through the hub as Till 1.'
		);
		const hubA = new HubSyncSection(a.page);
		await expect(hubA.state).toHaveText('Connected: the hub has every change sent.');
		const tabletToken = await devices.issue('Tablet');

		// The tablet joins with its token alone: the hub says which store it is.
		const b = await device(browser, base);
		const hubB = new HubSyncSection(b.page);
		await hubB.goto();
		await hubB.use(base, 'uth_not-a-real-token');
		await expect(hubB.section.getByRole('alert')).toHaveText('The hub does not accept this token.');
		await hubB.use(base, tabletToken);
		await expect(b.page).toHaveURL(/\/settings/);
		await expect(hubB.state).toHaveText(/^Connected/, { timeout: 20_000 });
		await expect(syncStatus(b.page)).toHaveAccessibleName('Sync: In sync with 1 device', {
			timeout: 30_000
		});
		await expect(syncStatus(a.page)).toHaveAccessibleName('Sync: In sync with 1 device');

		const stockB = new StockPage(b.page);
		await stockB.goto();
		await stockB.expectOnHand('Pixel 9 128GB', 5);
		await receiveManual(b.page, { productId, supplier: 'Northwind' }, 'SN-B-001');
		const stockA = new StockPage(a.page);
		await stockA.goto();
		await stockA.expectOnHand('Pixel 9 128GB', 6);

		// Revoked: the tablet is cut off at once, and stock received after does not reach it.
		await devices.open(base, ADMIN);
		await expect(devices.row('Tablet')).toContainText('Online');
		await devices.revoke('Tablet');
		await hubB.goto();
		await expect(hubB.state).toHaveText(
			"The hub does not accept this device's token: ask a manager for a new one."
		);
		await receiveManual(a.page, { productId, supplier: 'Northwind' }, 'SN-A-006');
		await stockA.goto();
		await stockA.expectOnHand('Pixel 9 128GB', 7);
		await stockB.goto();
		await b.page.waitForTimeout(2000);
		await stockB.expectOnHand('Pixel 9 128GB', 6);
		expect([...a.errors, ...b.errors]).toEqual([]);
	});
});
