/**
 * Sync when the network misbehaves, between separate browser processes on a
 * private LAN made by each test (sync/lan.ts): a partition that really stops
 * the traffic, with changes on both sides and conflicts once it heals; three
 * devices in a chain; a store of 100,000 units joined over a slow link, with
 * a device that drops off in the middle and one that reloads in the middle.
 */
import { expect, test, type Page } from '@playwright/test';
import { createProduct, countRows, receiveManual, receiveRange } from './fixtures';
import { GenerateSerialsPage } from './pages/generate-serials';
import { ReceiptPage } from './pages/receipt-page';
import { SettingsPage } from './pages/settings-page';
import { StockPage } from './pages/stock-page';
import { ConflictsPage, JoinPage, StoreSyncSection, syncStatus } from './pages/sync-pages';
import { UnitPage } from './pages/unit-page';
import { appliedEventIds, closeAll, expectInSync, launchDevice, type Device } from './sync/devices';
import { Lan, PORT, SERVER_IP } from './sync/lan';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let lan: Lan | undefined;
let devices: Device[] = [];

test.afterEach(async () => {
	await closeAll(devices);
	devices = [];
	await lan?.destroy();
	lan = undefined;
});

/** A LAN with a running server and one browser per device name. */
async function setUp(names: string[]): Promise<Device[]> {
	lan = await Lan.create(names);
	await lan.startServer();
	devices = [];
	for (const name of names) devices.push(await launchDevice(lan, name));
	return devices;
}

/** Nothing from `device` gets through: its packets go nowhere (timeout) or find no route. */
async function expectCut(device: string): Promise<void> {
	expect(['timeout', 'unreachable']).toContain(await lan!.reach(device, SERVER_IP, PORT));
}

/** Adjust stock on a unit's page: the way staff change a unit's status. */
async function adjust(page: Page, productId: string, serial: string, action: string): Promise<void> {
	await page.goto(`/unit?product=${encodeURIComponent(productId)}&serial=${encodeURIComponent(serial)}`);
	const form = page.getByRole('form', { name: 'Adjust stock' });
	await form.getByLabel('Adjust stock').selectOption({ label: action });
	await form.getByRole('button', { name: 'Save adjustment' }).click();
	await expect(page.getByRole('status').filter({ hasText: `${action}.` })).toBeVisible();
}

/** The number Settings shows as "Events in the log". */
async function logSize(page: Page): Promise<string> {
	const settings = new SettingsPage(page);
	await settings.goto();
	await expect(settings.eventCount).toHaveText(/^[\d,]+$/);
	return settings.eventCount.innerText();
}

/** Every device holds the same events, each once, in its log and in its tables. */
async function expectSameEventsOnce(all: Device[]): Promise<void> {
	const [first, ...rest] = all as [Device, ...Device[]];
	const ids = await appliedEventIds(first);
	expect(new Set(ids).size).toBe(ids.length);
	const size = await logSize(first.page);
	expect(size).toBe(ids.length.toLocaleString('en'));
	for (const d of rest) {
		expect(await appliedEventIds(d)).toEqual(ids);
		expect(await logSize(d.page)).toBe(size);
	}
}

test('a partition: both sides work apart, and once it heals both see the conflicts; resolutions sync', async () => {
	const [a, b] = (await setUp(['a', 'b'])) as [Device, Device];
	const product = await createProduct(a.page, { name: 'Galaxy S24', stockCode: 'SGS24', serialised: true });
	const code = await new StoreSyncSection(a.page).createStore('Harbour Road');
	await new JoinPage(b.page).joinByPaste(code, 'Harbour Road');
	await expectInSync(a, 1);
	await receiveRange(a.page, { productId: product.id, newSupplier: 'Contoso' }, 'SN-P-001', 'SN-P-003');
	const stockB = new StockPage(b.page);
	await stockB.goto();
	await stockB.expectOnHand('Galaxy S24', 3);

	// Cut B's link: nothing passes, as a test connection from each side shows.
	await lan!.cut('b');
	await expectCut('b');
	expect(await lan!.reach('a', SERVER_IP, PORT)).toBe('open');

	// Apart: both receive the same serial, and change the same unit differently.
	await receiveManual(a.page, { productId: product.id, supplier: 'Contoso' }, 'DUP-1\nONLY-A-1');
	await receiveManual(b.page, { productId: product.id, supplier: 'Contoso' }, 'DUP-1\nONLY-B-1');
	await adjust(a.page, product.id, 'SN-P-001', 'Written off');
	await adjust(b.page, product.id, 'SN-P-001', 'Quarantined');
	// A's changes do not reach B while the link is down.
	await stockB.goto();
	await b.page.waitForTimeout(3000);
	await stockB.expectOnHand('Galaxy S24', 4); // 3 - quarantined + DUP-1 + ONLY-B-1
	expect(await countRows(b.page, 'unitrack', 'units')).toBe(5);
	await expectCut('b');

	await lan!.heal('b');
	await expectInSync(a, 1, 90_000);
	await expectInSync(b, 1, 90_000);
	expect(await countRows(b.page, 'unitrack', 'units')).toBe(6);

	// Both see both conflicts, each with both events.
	for (const device of [a, b]) {
		const conflicts = new ConflictsPage(device.page);
		await conflicts.expectCount(2);
		await conflicts.goto();
		await expect(conflicts.events('DUP-1').filter({ hasText: 'Received' })).toHaveCount(2);
		await expect(conflicts.card('DUP-1')).toContainText('received again while in stock');
		const unitEvents = conflicts.events('SN-P-001');
		await expect(unitEvents.filter({ hasText: 'Written off' })).toHaveCount(1);
		await expect(unitEvents.filter({ hasText: 'Quarantined' })).toHaveCount(1);
		await expect(unitEvents.filter({ hasText: 'Conflict' })).toHaveCount(1);
	}
	// One unit with both receipts kept.
	const unitA = new UnitPage(a.page);
	await a.page.goto(`/unit?product=${product.id}&serial=DUP-1`);
	expect((await unitA.historyValues()).filter((r) => r['What happened']?.startsWith('Received'))).toHaveLength(2);

	// A manager resolves one on each device; each decision reaches the other.
	const conflictsA = new ConflictsPage(a.page);
	await conflictsA.goto();
	await conflictsA.resolve('SN-P-001', 'Written off', 'Screen cracked: checked in the back room');
	const conflictsB = new ConflictsPage(b.page);
	await conflictsB.expectCount(1);
	await conflictsB.goto();
	await expect(conflictsB.card('SN-P-001')).toHaveCount(0);
	await conflictsB.resolve('DUP-1', 'In stock');
	await conflictsA.expectCount(0);
	await conflictsB.expectCount(0);
	await stockB.goto();
	await stockB.expectOnHand('Galaxy S24', 5); // SN-P-002, SN-P-003, DUP-1, ONLY-A-1, ONLY-B-1
	const stockA = new StockPage(a.page);
	await stockA.goto();
	await stockA.expectOnHand('Galaxy S24', 5);
	await expectSameEventsOnce([a, b]);
	expect([...a.errors, ...b.errors]).toEqual([]);
});

test('three devices in a chain (A sees B, B sees C): what A does reaches C through B, and back', async () => {
	const [a, b, c] = (await setUp(['a', 'b', 'c'])) as [Device, Device, Device];
	await lan!.separate('a', 'c');
	// A cannot reach C at all; it reaches B (nothing listens there, but the host answers) and the server.
	expect(await lan!.reach('a', lan!.address('c'), 9)).toBe('unreachable');
	expect(await lan!.reach('c', lan!.address('a'), 9)).toBe('unreachable');
	expect(await lan!.reach('a', lan!.address('b'), 9)).toBe('refused');
	expect(await lan!.reach('c', lan!.address('b'), 9)).toBe('refused');
	expect(await lan!.reach('c', SERVER_IP, PORT)).toBe('open');

	const product = await createProduct(a.page, { name: 'Cordless Drill 18V', stockCode: 'DRL-18V', serialised: true });
	const code = await new StoreSyncSection(a.page).createStore('Chain Store');
	await new JoinPage(b.page).joinByPaste(code, 'Chain Store');
	await new JoinPage(c.page).joinByPaste(code, 'Chain Store');
	await expectInSync(a, 2, 60_000);
	await expectInSync(c, 2, 60_000);

	await receiveRange(a.page, { productId: product.id, newSupplier: 'Fabrikam' }, 'CH-A-01', 'CH-A-04');
	const stockC = new StockPage(c.page);
	await stockC.goto();
	await stockC.expectOnHand('Cordless Drill 18V', 4);
	await receiveManual(c.page, { productId: product.id, supplier: 'Fabrikam' }, 'CH-C-01');
	const stockA = new StockPage(a.page);
	await stockA.goto();
	await stockA.expectOnHand('Cordless Drill 18V', 5);
	for (const d of [a, b, c]) await expectInSync(d, 2, 60_000);
	await expectSameEventsOnce([a, b, c]);
	expect(await lan!.reach('a', lan!.address('c'), 9)).toBe('unreachable');
	expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
});

test('a store of 100,000 units reaches a device that drops off mid-sync, and one that reloads mid-sync, each event once', async () => {
	const [a, b, c] = (await setUp(['a', 'b', 'c'])) as [Device, Device, Device];
	const product = await createProduct(a.page, { name: 'Bulk Phone', stockCode: 'BULK', serialised: true });
	const generate = new GenerateSerialsPage(a.page);
	await generate.goto(product.id);
	await generate.fillDetails({ newSupplier: 'Northwind' });
	await generate.range('BK000001', 'BK100000');
	await generate.submit();
	await expect(new ReceiptPage(a.page).heading).toHaveText('100,000 serials generated', { timeout: 120_000 });
	const code = await new StoreSyncSection(a.page).createStore('Big Store');

	/** Joins over a slow link and returns once the store is on its way but not yet here. */
	async function joinSlowly(device: Device): Promise<void> {
		await lan!.throttle(device.name, 2000);
		await new JoinPage(device.page).joinByPaste(code, 'Big Store');
		await expect(syncStatus(device.page)).toHaveAccessibleName('Sync: Syncing…', { timeout: 30_000 });
		await device.page.waitForTimeout(1500);
		expect(await countRows(device.page, 'unitrack', 'units'), `${device.name} has the store already`).toBe(0);
	}

	// B drops off the network in the middle of its first sync, and comes back.
	await joinSlowly(b);
	await lan!.cut('b');
	await b.page.waitForTimeout(3000);
	expect(await countRows(b.page, 'unitrack', 'units')).toBe(0);
	await lan!.throttle('b', null);
	await lan!.heal('b');
	const stockB = new StockPage(b.page);
	await stockB.goto();
	await expect(async () => stockB.expectOnHand('Bulk Phone', 100_000)).toPass({ timeout: 90_000 });

	// C reloads in the middle of its first sync.
	await joinSlowly(c);
	await c.page.reload();
	await lan!.throttle('c', null);
	const stockC = new StockPage(c.page);
	await stockC.goto();
	await expect(async () => stockC.expectOnHand('Bulk Phone', 100_000)).toPass({ timeout: 90_000 });

	for (const d of [a, b, c]) await expectInSync(d, 2, 60_000);
	for (const d of [a, b, c]) expect(await countRows(d.page, 'unitrack', 'units')).toBe(100_000);
	await expectSameEventsOnce([a, b, c]);
	expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
});
