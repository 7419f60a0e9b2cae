/**
 * One log per store (issue 12): a device holds several stores, each with its
 * own stock; leaving one and starting another never mixes them; Settings
 * switches between them. Backup and Restore bring a store back on a fresh
 * device with the same stock, and refuse a file that is not a good backup.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import {
	expect,
	heldCounts,
	logFingerprint,
	receiveRange,
	serialisedProduct,
	test
} from './fixtures';
import { MaintenancePage } from './pages/maintenance-page';
import { StockPage } from './pages/stock-page';
import { StoreSyncSection } from './pages/sync-pages';

let work = '';
test.beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'unitrack-stores-'));
});
test.afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

test('a store left and a new one started never show each other’s stock; Settings switches between them', async ({
	page
}) => {
	const phone = await serialisedProduct(page, 'Pixel 9 128GB');
	await receiveRange(
		page,
		{ productId: phone.id, newSupplier: 'Northwind' },
		'SN-A-001',
		'SN-A-004'
	);
	// Store A is shared, then left.
	const sync = new StoreSyncSection(page);
	await sync.createStore('Store A');
	page.once('dialog', (d) => void d.accept());
	await sync.section.getByRole('button', { name: /Leave|Stop syncing/ }).click();
	await expect(sync.section.getByRole('button', { name: 'Create store' })).toBeVisible();
	// Creating store B now makes a new, empty store.
	await sync.section.getByLabel('Store name').fill('Store B');
	await sync.section.getByRole('button', { name: 'Create store' }).click();
	const stock = new StockPage(page);
	// The screens open afresh on the new store (not before it is made: leaving now would cut it short).
	await expect(
		page.getByRole('region', { name: 'Stores on this device' }).getByRole('listitem')
	).toHaveCount(2);
	await expect(sync.section).toContainText('Store B');
	await stock.goto();
	await expect(stock.row('Pixel 9 128GB')).toHaveCount(0);
	expect((await heldCounts(page)).units).toBe(0);

	// Both stores are on this device; switching shows each one's own stock.
	await page.goto('/settings');
	const stores = page.getByRole('region', { name: 'Stores on this device' });
	await expect(stores.getByRole('listitem')).toHaveCount(2);
	await expect(stores.getByRole('listitem').filter({ hasText: 'Store B' })).toContainText(
		'This store'
	);
	await stores.getByRole('button', { name: 'Switch to Store A' }).click();
	await expect(page).toHaveURL(/\/stock$/);
	await stock.expectOnHand('Pixel 9 128GB', 4);
	await page.goto('/settings');
	await stores.getByRole('button', { name: 'Switch to Store B' }).click();
	await expect(page).toHaveURL(/\/stock$/);
	await expect(stock.heading).toBeVisible();
	await expect(stock.row('Pixel 9 128GB')).toHaveCount(0);
});

test('a backup restored on a fresh device gives the same store; a damaged or foreign file is refused and writes nothing', async ({
	page,
	browser
}) => {
	const phone = await serialisedProduct(page, 'Galaxy S24');
	await receiveRange(page, { productId: phone.id, newSupplier: 'Contoso' }, 'GX-0001', 'GX-0025');
	const drill = await serialisedProduct(page, 'Cordless Drill');
	await receiveRange(page, { productId: drill.id, supplier: 'Contoso' }, 'DR-01', 'DR-03');
	const before = await heldCounts(page);
	const fingerprint = await logFingerprint(page);

	const maintenance = new MaintenancePage(page);
	await maintenance.goto();
	const path = await maintenance.downloadBackup(join(work, 'shop.unitrack-backup'));

	// A fresh browser profile: nothing in it.
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const restore = new MaintenancePage(other);
	await restore.goto();

	// Bad files first: each refused with its reason, and nothing written.
	const good = await readFile(path);
	const damaged = gunzipSync(good);
	damaged[Math.floor(damaged.length / 2)]! ^= 0x5a;
	const bad = [
		['damaged.unitrack-backup', gzipSync(damaged), /damaged/],
		['cut.unitrack-backup', good.subarray(0, Math.floor(good.length * 0.6)), /cut short|damaged/],
		['stock.csv', Buffer.from('name,serial\nPhone,SN-1\n'), /not a Unitrack backup|damaged/]
	] as const;
	for (const [name, bytes, reason] of bad) {
		const file = join(work, name);
		await writeFile(file, bytes);
		await restore.restore(file);
		await expect(restore.restoreSection.getByRole('alert')).toHaveText(reason);
	}
	expect((await heldCounts(other)).units).toBe(0);
	await other.goto('/settings');
	await expect(
		other.getByRole('region', { name: 'Stores on this device' }).getByRole('listitem')
	).toHaveCount(1);

	// The good file: the same store, the same stock, the same log.
	await restore.goto();
	await restore.restore(path);
	await expect(other).toHaveURL(/\/stock$/, { timeout: 60_000 });
	const stock = new StockPage(other);
	await stock.expectOnHand('Galaxy S24', 25);
	await stock.expectOnHand('Cordless Drill', 3);
	expect(await heldCounts(other)).toEqual(before);
	expect(await logFingerprint(other)).toBe(fingerprint);
	await fresh.close();
});
