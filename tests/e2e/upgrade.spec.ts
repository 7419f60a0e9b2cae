/**
 * The upgrade from one log per device (issue 12, part 9): a device holding a
 * log written by the last version with a single doc (the fixture is made by
 * that version's own code: tests/fixtures/make-legacy-log.js) starts the new
 * version. Every event moves into its store's periods, the projection is
 * rebuilt, the device keeps its id, name, store and numbering, and nothing is
 * lost or doubled — also when the page closes half way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, heldCounts, test } from './fixtures';
import { PosPage } from './pages/pos-page';
import { SettingsPage } from './pages/settings-page';
import { StockPage } from './pages/stock-page';
import { StoreSyncSection } from './pages/sync-pages';

interface LegacyLog {
	events: number;
	updates: string[];
	meta: Record<string, unknown>;
}

const legacy = JSON.parse(
	await readFile(join(import.meta.dirname, '../fixtures/legacy/legacy-log.json'), 'utf8')
) as LegacyLog;

/** Puts the legacy log into this origin's IndexedDB, as the old version kept it, before the app runs. */
async function installLegacyLog(page: Page): Promise<void> {
	// A file of the app's origin that runs none of its code.
	await page.goto('/manifest.webmanifest');
	await page.evaluate(
		({ updates, meta }) =>
			new Promise<void>((resolve, reject) => {
				// Dexie's version(1) is IndexedDB version 10.
				const open = indexedDB.open('unitrack-ledger', 10);
				open.onupgradeneeded = () => {
					open.result.createObjectStore('updates', { keyPath: 'seq', autoIncrement: true });
					open.result.createObjectStore('meta', { keyPath: 'key' });
				};
				open.onerror = () => reject(open.error ?? new Error('cannot open'));
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['updates', 'meta'], 'readwrite');
					for (const u of updates)
						tx.objectStore('updates').add({
							bytes: Uint8Array.from(atob(u), (c) => c.charCodeAt(0))
						});
					for (const [key, value] of Object.entries(meta))
						tx.objectStore('meta').put({ key, value });
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error ?? new Error('cannot write'));
				};
			}),
		{ updates: legacy.updates, meta: legacy.meta }
	);
}

const PHONE = 'Pixel 9 128GB Obsidian';

async function expectUpgraded(
	page: Page,
	phoneOnHand: number,
	{ events, sales } = { events: legacy.events, sales: 3 }
): Promise<void> {
	const stock = new StockPage(page);
	await stock.goto();
	await stock.expectOnHand(PHONE, phoneOnHand);
	const held = await heldCounts(page);
	expect(held).toMatchObject({ events, sales, refunds: 1 });
}

test('a device with a log of the old version keeps everything: events once each, its id, name, store and numbers', async ({
	page
}) => {
	await installLegacyLog(page);
	await page.goto('/stock');
	const stock = new StockPage(page);
	await expect(stock.heading).toBeVisible();
	// The demo's 40 phones and the 20,000 of the big receipt, less two sold (one of three came back).
	const onHand = 40 + 20_000 - 2;
	await expectUpgraded(page, onHand);

	// The same device, name and store (still set to sync), in the store's own log.
	const settings = new SettingsPage(page);
	await settings.goto();
	expect(await settings.readDeviceId()).toBe(legacy.meta.device);
	const sync = new StoreSyncSection(page);
	await expect(sync.deviceName).toHaveValue('Counter tablet');
	await expect(sync.section).toContainText('Harbour Road');

	// Numbering goes on where it was: the next sale is the fourth of this device.
	const pos = new PosPage(page);
	await pos.goto();
	await pos.scan('GP9A00010');
	await expect(pos.line(1)).toContainText('GP9A00010');
	await pos.exactAmount.click();
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	expect(await pos.receiptNo()).toMatch(/-000004$/);

	// Nothing doubles on a reload, and the old databases are gone.
	await page.reload();
	// The sale's three events (reserve, sale, sell) on top of the old log's.
	await expectUpgraded(page, onHand - 1, { events: legacy.events + 3, sales: 4 });
	const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(names).not.toContain('unitrack-ledger');
	expect(names).not.toContain('unitrack');
});

test('an upgrade cut short by closing the page goes on at the next start, and nothing is doubled', async ({
	page,
	context
}) => {
	await installLegacyLog(page);
	await page.goto('/stock');
	// Closed while the stock lists are being rebuilt.
	await expect(page.getByRole('dialog', { name: /Upgrading this device/ })).toBeVisible({
		timeout: 20_000
	});
	await page.close();
	const again = await context.newPage();
	await again.goto('/stock');
	await expectUpgraded(again, 40 + 20_000 - 2);
});
