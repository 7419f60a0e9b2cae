/**
 * Time across devices (issues 12 and 13): a device whose clock is far from
 * its peers' is named on both; a device that was apart for months comes back
 * with a sale made three periods ago, which lands in its closed period on the
 * other device and shows as a conflict on both.
 */
import { expect, test } from '@playwright/test';
import { createProduct, logFingerprint, receiveRange } from './fixtures';
import { sellScanned } from './pos-fixtures';
import { ConflictsPage, JoinPage, StoreSyncSection } from './pages/sync-pages';
import { closeAll, expectInSync, launchDevice, type Device } from './sync/devices';
import { Lan } from '../fixtures/lan.js';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let lan: Lan | undefined;
let devices: Device[] = [];

test.afterEach(async () => {
	await closeAll(devices);
	devices = [];
	await lan?.destroy();
	lan = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

test('a device whose clock is two hours ahead is named on it and on its peer', async () => {
	lan = await Lan.create(['a', 'b']);
	await lan.startServer();
	const a = await launchDevice(lan, 'a');
	const b = await launchDevice(lan, 'b', { clock: Date.now() + 2 * 60 * 60 * 1000 });
	devices.push(a, b);
	const code = await new StoreSyncSection(a.page).createStore('Main Street');
	await new JoinPage(b.page).joinByPaste(code, 'Main Street');
	await new StoreSyncSection(a.page).renameDevice('Till 1');
	await new StoreSyncSection(b.page).renameDevice('Back office');
	await expect(a.page.getByRole('alert').filter({ hasText: 'Clocks differ' })).toContainText(
		/Back office's clock is 2 h(\s+\d+ min)?\s+ahead of this device/,
		{ timeout: 60_000 }
	);
	await expect(b.page.getByRole('alert').filter({ hasText: 'Clocks differ' })).toContainText(
		/Till 1's clock is (1 h 5\d min|2 h(\s+\d+ min)?)\s+behind this device/,
		{ timeout: 60_000 }
	);
	expect([...a.errors, ...b.errors]).toEqual([]);
});

test('a sale made three periods ago on a device that was apart lands in that period and is a conflict on both', async () => {
	lan = await Lan.create(['a', 'b']);
	await lan.startServer();
	const now = Date.now();
	// Both devices start four months ago, when the stock came in.
	const then = now - 120 * DAY;
	const a = await launchDevice(lan, 'a', { clock: then });
	const b = await launchDevice(lan, 'b', { clock: then });
	devices.push(a, b);
	const product = await createProduct(a.page, {
		name: 'Router AX6000',
		stockCode: 'RTR-AX',
		serialised: true
	});
	const code = await new StoreSyncSection(a.page).createStore('Harbour Road');
	await new JoinPage(b.page).joinByPaste(code, 'Harbour Road');
	await receiveRange(a.page, { productId: product.id, newSupplier: 'Contoso' }, 'RT-01', 'RT-03');
	await expectInSync(a, 1, 60_000);
	await expectInSync(b, 1, 60_000);

	// B goes away. A few days later (three periods before now) it sells RT-01.
	await lan.cut('b');
	await b.page.clock.setSystemTime(then + 5 * DAY);
	await sellScanned(b.page, ['RT-01']);
	// Months later, A (which never heard of it) sells the same unit today.
	await a.page.clock.setSystemTime(now);
	await sellScanned(a.page, ['RT-01']);
	await b.page.clock.setSystemTime(now);

	// B comes back: its sale reaches A in a period A had closed, and both see the clash.
	await lan.heal('b');
	for (const device of [a, b]) {
		const conflicts = new ConflictsPage(device.page);
		// A's reserve and its sale, both refused: the unit was sold months before.
		await expect(async () => conflicts.expectCount(2)).toPass({ timeout: 90_000 });
		await conflicts.goto();
		await expect(conflicts.events('RT-01').filter({ hasText: 'Sold' })).toHaveCount(2);
	}
	await expectInSync(a, 1, 60_000);
	expect(await logFingerprint(a.page)).toBe(await logFingerprint(b.page));
	expect([...a.errors, ...b.errors]).toEqual([]);
});
