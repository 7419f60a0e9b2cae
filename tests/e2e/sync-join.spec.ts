/**
 * A device joining a store that has months of history (issue 12, A joining
 * device): until another device of the store is online it says it is
 * waiting for the store's stock and saves nothing; then it takes a
 * checkpoint, sells an old unit at once, and the history follows.
 */
import { expect, test } from '@playwright/test';
import { createProduct, logFingerprint, receiveRange } from './fixtures';
import { StockPage } from './pages/stock-page';
import { JoinPage, StoreSyncSection } from './pages/sync-pages';
import { sellScanned, unitStatus } from './pos-fixtures';
import { closeAll, expectInSync, launchDevice, type Device } from './sync/devices';
import { Lan } from '../fixtures/lan.js';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let lan: Lan | undefined;
let devices: Device[] = [];

test.afterEach(async () => {
	await closeAll(devices);
	devices = [];
	await lan?.destroy();
	lan = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

test('a device joining a store with months of history waits for its stock, then sells an old unit at once; the history follows', async () => {
	lan = await Lan.create(['a', 'b']);
	await lan.startServer();
	const now = Date.now();
	// The store opened three months ago, with stock and sales then.
	const a = await launchDevice(lan, 'a', { clock: now - 90 * DAY });
	devices.push(a);
	const product = await createProduct(a.page, {
		name: 'Drill XR18',
		stockCode: 'DRL-18',
		serialised: true
	});
	const code = await new StoreSyncSection(a.page).createStore('Harbour Road');
	await new StoreSyncSection(a.page).renameDevice('Till 1');
	await receiveRange(a.page, { productId: product.id, newSupplier: 'Makita' }, 'DR-01', 'DR-12');
	await sellScanned(a.page, ['DR-01']);
	await sellScanned(a.page, ['DR-02']);
	await a.page.clock.setSystemTime(now);

	// B joins while Till 1 is away: it says what it waits for, and saves nothing.
	await lan.cut('a');
	const b = await launchDevice(lan, 'b');
	devices.push(b);
	await new JoinPage(b.page).joinByPaste(code, 'Harbour Road');
	const waiting = b.page
		.getByRole('status')
		.filter({ hasText: "Getting the store's stock from the other devices" });
	await expect(waiting).toContainText('No other device of the store is online');
	const stockB = new StockPage(b.page);
	await stockB.goto();
	await expect(waiting).toBeVisible();

	// Till 1 comes back: the stock is there to sell, old units included.
	await lan.heal('a');
	await expect(waiting).toBeHidden({ timeout: 90_000 });
	await stockB.expectOnHand('Drill XR18', 10);
	await sellScanned(b.page, ['DR-07']);
	const settings = await b.page.context().newPage();
	await settings.goto('/settings/maintenance');
	await expect(settings.getByText("This device began from the store's stock")).toContainText(
		'events'
	);
	await settings.close();

	// The history follows: the sales made months ago show on B, and both hold the same log.
	await expectInSync(b, 1, 90_000);
	await expectInSync(a, 1, 90_000);
	expect(await unitStatus(b.page, product.id, 'DR-01')).toMatchObject({ status: 'sold' });
	expect(await unitStatus(a.page, product.id, 'DR-07')).toMatchObject({ status: 'sold' });
	expect(await logFingerprint(a.page)).toBe(await logFingerprint(b.page));
	expect([...a.errors, ...b.errors]).toEqual([]);
});
