/**
 * Peer sync between separate browser processes, each in its own network
 * namespace of a private LAN made by the test (sync/lan.ts), with the app
 * server and signaling on the LAN's router and no ICE servers.
 *
 * One file, so that its heavy tests (up to three browsers and a store of
 * 100,000 units) run one after another in one worker.
 */
import { failLogWrites } from './fail-writes';
import { expect, test } from '@playwright/test';
import { barcodeVideo } from '../fixtures/barcode-video.js';
import { countHeld, createProduct, receiveManual, receiveRange, refusedReasons } from './fixtures';
import { StockPage } from './pages/stock-page';
import { ConflictsPage, JoinPage, StoreSyncSection, syncStatus } from './pages/sync-pages';
import { UnitPage } from './pages/unit-page';
import { closeAll, expectInSync, launchDevice, type Device } from './sync/devices';
import { Lan, PORT, SERVER_IP } from '../fixtures/lan.js';
import {
	adjust,
	captureChannels,
	expectSameEventsOnce,
	hostileFrame,
	receiveBigRange
} from './sync/steps';

test.describe.configure({ mode: 'default' });

test.describe('pairing and security', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });

	let lan: Lan;
	let a: Device;
	let b: Device;
	let c: Device | undefined;
	let code = '';
	let productId = '';

	test.beforeAll(async () => {
		lan = await Lan.create(['a', 'b', 'c']);
		await lan.startServer();
	});

	test.afterAll(async () => {
		await closeAll([a, b, c]);
		await lan?.destroy();
	});

	test('a new device joins by scanning the pairing QR code, and stock received on one shows on the other', async () => {
		a = await launchDevice(lan, 'a');
		productId = (
			await createProduct(a.page, { name: 'Pixel 9 128GB', stockCode: 'PX9-128', serialised: true })
		).id;
		const settingsA = new StoreSyncSection(a.page);
		code = await settingsA.createStore('Main Street');
		expect(code).toMatch(
			/^https:\/\/10\.231\.0\.1:4173\/join#r=[\w-]{22}&k=[\w-]{22}&n=Main\+Street$/
		);
		await expect(syncStatus(a.page)).toHaveAccessibleName('Sync: Online, no other device');

		// The new device's camera sees the QR code on the first device's screen.
		const video = await barcodeVideo({ kind: 'qr', code });
		b = await launchDevice(lan, 'b', { video });
		const join = new JoinPage(b.page);
		await join.goto();
		await join.scanButton.click();
		await expect(join.confirmHeading('Main Street')).toBeVisible({ timeout: 20_000 });
		await expect(b.page.getByText('This device will get everything from the store')).toBeVisible();
		await join.joinButton('Main Street').click();
		await expect(b.page).toHaveURL(/\/settings/);
		await expectInSync(a, 1);
		await expectInSync(b, 1);

		// The catalog came across; stock received on A shows on B, and back.
		const stockB = new StockPage(b.page);
		await stockB.goto();
		await stockB.expectOnHand('Pixel 9 128GB', 0);
		await receiveRange(a.page, { productId, newSupplier: 'Northwind' }, 'SN-A-001', 'SN-A-005');
		await stockB.expectOnHand('Pixel 9 128GB', 5);
		await receiveManual(b.page, { productId, supplier: 'Northwind' }, 'SN-B-001');
		const stockA = new StockPage(a.page);
		await stockA.goto();
		await stockA.expectOnHand('Pixel 9 128GB', 6);

		// Names: each device names itself; the other lists it online, in sync, synced now.
		const settingsB = new StoreSyncSection(b.page);
		await settingsB.goto();
		await settingsB.renameDevice('Counter tablet');
		await settingsA.goto();
		await settingsA.renameDevice('Till 1');
		await expect(settingsA.device('Counter tablet')).toContainText('Online, in sync');
		await expect(settingsA.device('Counter tablet')).toContainText('Now');
		await expect(settingsB.device('Till 1')).toContainText('Online, in sync');
		expect([...a.errors, ...b.errors]).toEqual([]);
	});

	test('a device with the wrong secret receives nothing and learns no peer', async () => {
		const wrong = code.replace(/k=[\w-]{22}/, 'k=AAAAAAAAAAAAAAAAAAAAAA');
		c = await launchDevice(lan, 'c');
		await new JoinPage(c.page).joinByPaste(wrong, 'Main Street');
		const settingsC = new StoreSyncSection(c.page);
		await settingsC.renameDevice('Intruder');
		// It reaches the signaling server, and nobody else.
		await expect(syncStatus(c.page)).toHaveAccessibleName('Sync: Online, no other device');
		await receiveRange(a.page, { productId, supplier: 'Northwind' }, 'SN-A-006', 'SN-A-007');
		await expectInSync(b, 1);
		const settingsA = new StoreSyncSection(a.page);
		await settingsA.goto();
		// It saw the store's devices announce themselves (A just did, reloading), and could not read them.
		await expect(
			settingsC.section.getByText(/Refused \d+ messages? sealed with another secret/)
		).toBeVisible({
			timeout: 20_000
		});
		await expect(syncStatus(c.page)).toHaveAccessibleName('Sync: Online, no other device');
		expect(await countHeld(c.page, 'units')).toBe(0);
		expect(await countHeld(c.page, 'products')).toBe(0);
		await expect(settingsC.devices.getByRole('row')).toHaveCount(2); // header + this device
		await expect(settingsA.device('Counter tablet')).toContainText('Online, in sync');
		await expect(settingsA.device('Intruder')).toHaveCount(0);
		await c.browser.close();
		c = undefined;
	});

	test('a hostile event from a peer is refused and logged, and changes nothing', async () => {
		c = await launchDevice(lan, 'c');
		await c.page.addInitScript(captureChannels);
		await new JoinPage(c.page).joinByPaste(code, 'Main Street');
		await expectInSync(c, 2);
		await expectInSync(a, 2);
		const stockA = new StockPage(a.page);
		await stockA.goto();
		await stockA.expectOnHand('Pixel 9 128GB', 8);
		const unitsBefore = await countHeld(a.page, 'units');
		expect(await countHeld(a.page, 'refused')).toBe(0);

		const at = `${String(Date.now()).padStart(16, '0')}.00000.evil`;
		const frame = hostileFrame([
			{
				id: 'hostile-1',
				at,
				device: 'evil',
				type: 'stock.received',
				receiptId: 'r',
				productId,
				supplierId: 's',
				reference: '',
				unitCost: null,
				warrantyDays: 5,
				method: 'manual',
				serials: ['<img src=x onerror=alert(1)>']
			},
			{
				id: 'hostile-2',
				at,
				device: 'evil',
				type: 'product.upserted',
				productId,
				fields: { name: 'Hacked', price: -1 }
			},
			{
				id: 'hostile-3',
				at: 'tomorrow',
				device: 'evil',
				type: 'units.changed',
				action: 'sell',
				productId,
				serials: ['SN-A-001'],
				ref: null,
				note: ''
			},
			'just a string'
		]);
		const sent = await c.page.evaluate((bytes) => {
			const open = (window as unknown as { __channels: RTCDataChannel[] }).__channels.filter(
				(ch) => ch.readyState === 'open'
			);
			for (const ch of open) {
				ch.send(new Uint8Array(bytes));
				// And bytes that are no sync message at all.
				ch.send(new Uint8Array([0, 0xff, 0xff, 0xff, 0x7f]));
			}
			return open.length;
		}, frame);
		expect(sent).toBeGreaterThan(0);

		// Refused and logged with the reason on every device (the log relays what it got).
		for (const device of [a, b]) {
			await expect.poll(() => countHeld(device.page, 'refused'), { timeout: 20_000 }).toBe(4);
		}
		const reasons = (await refusedReasons(a.page)).map((r) => r.reason).sort();
		expect(reasons).toEqual(
			[
				'bad clock',
				'bad serial <img src=x onerror=alert(1)>',
				'not an object',
				'price is not a whole number in range'
			].sort()
		);
		// Nothing changed, and sync goes on.
		expect(await countHeld(a.page, 'units')).toBe(unitsBefore);
		await stockA.expectOnHand('Pixel 9 128GB', 8);
		await expect(a.page.getByText('Hacked')).toHaveCount(0);
		await receiveManual(b.page, { productId, supplier: 'Northwind' }, 'SN-B-002');
		await stockA.goto();
		await stockA.expectOnHand('Pixel 9 128GB', 9);
		await new ConflictsPage(a.page).expectCount(0);
		expect([...a.errors, ...b.errors]).toEqual([]);
	});
});

test.describe('faults', () => {
	test.describe.configure({ timeout: 240_000 });

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
		for (const name of names) devices.push(await launchDevice(lan, name));
		return devices;
	}

	/** Nothing from `device` gets to `host`: its packets go nowhere (timeout) or find no route. */
	async function expectNoWay(device: string, host: string, port = PORT): Promise<void> {
		expect(['timeout', 'unreachable']).toContain(await lan!.reach(device, host, port));
	}

	test('a partition: both sides work apart, and once it heals both see the conflicts; resolutions sync', async () => {
		const [a, b] = (await setUp(['a', 'b'])) as [Device, Device];
		const product = await createProduct(a.page, {
			name: 'Galaxy S24',
			stockCode: 'SGS24',
			serialised: true
		});
		const code = await new StoreSyncSection(a.page).createStore('Harbour Road');
		await new JoinPage(b.page).joinByPaste(code, 'Harbour Road');
		await expectInSync(a, 1);
		await receiveRange(
			a.page,
			{ productId: product.id, newSupplier: 'Contoso' },
			'SN-P-001',
			'SN-P-003'
		);
		const stockB = new StockPage(b.page);
		await stockB.goto();
		await stockB.expectOnHand('Galaxy S24', 3);

		// Cut B's link: nothing passes, as a test connection from each side shows.
		await lan!.cut('b');
		await expectNoWay('b', SERVER_IP);
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
		expect(await countHeld(b.page, 'units')).toBe(5);
		await expectNoWay('b', SERVER_IP);

		await lan!.heal('b');
		await expectInSync(a, 1, 90_000);
		await expectInSync(b, 1, 90_000);
		expect(await countHeld(b.page, 'units')).toBe(6);

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
		await a.page.goto(`/unit?product=${product.id}&serial=DUP-1`);
		const history = await new UnitPage(a.page).historyValues();
		expect(history.filter((r) => r['What happened']?.startsWith('Received'))).toHaveLength(2);

		// A manager resolves one on each device; each decision reaches the other.
		const conflictsA = new ConflictsPage(a.page);
		await conflictsA.goto();
		await conflictsA.resolve('SN-P-001', 'Written off', 'Screen cracked: checked in the back room');
		const conflictsB = new ConflictsPage(b.page);
		await conflictsB.expectCount(1);
		await conflictsB.goto();
		await expect(conflictsB.card('SN-P-001')).toHaveCount(0);
		// A resolution that fails to save says so, keeps the note, and goes on retry.
		const dup = conflictsB.card('DUP-1');
		await dup.getByLabel('The unit is really').selectOption({ label: 'In stock' });
		await dup.getByLabel('Note (optional)').fill('Both boxes are one unit');
		await failLogWrites(b.page, 1);
		await dup.getByRole('button', { name: 'Resolve DUP-1' }).click();
		await expect(dup.getByRole('alert')).toContainText(
			"The conflict was not resolved: this device's storage is full"
		);
		await expect(dup.getByLabel('Note (optional)')).toHaveValue('Both boxes are one unit');
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
		// A and C cannot reach each other; both reach B (nothing listens there, but it answers) and the server.
		await expectNoWay('a', lan!.address('c'), 9);
		await expectNoWay('c', lan!.address('a'), 9);
		expect(await lan!.reach('a', lan!.address('b'), 9)).toBe('refused');
		expect(await lan!.reach('c', lan!.address('b'), 9)).toBe('refused');
		expect(await lan!.reach('c', SERVER_IP, PORT)).toBe('open');

		const product = await createProduct(a.page, {
			name: 'Cordless Drill 18V',
			stockCode: 'DRL-18V',
			serialised: true
		});
		const code = await new StoreSyncSection(a.page).createStore('Chain Store');
		// B already holds stock of its own store: the join screen says it stays apart.
		const own = await createProduct(b.page, {
			name: 'Angle Grinder 125mm',
			stockCode: 'AG-125',
			serialised: true
		});
		await receiveManual(b.page, { productId: own.id, newSupplier: 'Contoso' }, 'AG-OWN-1');
		const joinB = new JoinPage(b.page);
		await joinB.goto();
		await joinB.paste(code);
		await expect(b.page.getByRole('region', { name: 'Join Chain Store?' })).toContainText(
			'What this device holds now (1 product, 1 unit) stays apart from it'
		);
		await joinB.joinButton('Chain Store').click();
		await new JoinPage(c.page).joinByPaste(code, 'Chain Store');
		await expectInSync(a, 2, 60_000);
		await expectInSync(c, 2, 60_000);

		await receiveRange(
			a.page,
			{ productId: product.id, newSupplier: 'Fabrikam' },
			'CH-A-01',
			'CH-A-04'
		);
		const stockC = new StockPage(c.page);
		await stockC.goto();
		await stockC.expectOnHand('Cordless Drill 18V', 4);
		await receiveManual(c.page, { productId: product.id, supplier: 'Fabrikam' }, 'CH-C-01');
		const stockA = new StockPage(a.page);
		await stockA.goto();
		await stockA.expectOnHand('Cordless Drill 18V', 5);
		for (const d of [a, b, c]) await expectInSync(d, 2, 60_000);
		// B's own store never reached the chain, and is not in Chain Store on B either.
		for (const d of [a, b, c]) {
			const stock = new StockPage(d.page);
			await stock.goto();
			await expect(stock.row('Angle Grinder 125mm')).toHaveCount(0);
		}
		await expectSameEventsOnce([a, b, c]);
		await expectNoWay('a', lan!.address('c'), 9);
		expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
	});

	test('a store of 100,000 units reaches a device that drops off mid-sync, and one that reloads mid-sync, each event once', async () => {
		const [a, b, c] = (await setUp(['a', 'b', 'c'])) as [Device, Device, Device];
		const product = await createProduct(a.page, {
			name: 'Bulk Phone',
			stockCode: 'BULK',
			serialised: true
		});
		await receiveBigRange(a.page, product.id, 'BK000001', 'BK100000', 100_000);
		const code = await new StoreSyncSection(a.page).createStore('Big Store');

		/** Joins over a slow link; returns once the store is on its way (1.1 MB at 2 Mbit/s) but not yet here. */
		async function joinSlowly(device: Device): Promise<void> {
			await lan!.throttle(device.name, 2000);
			await new JoinPage(device.page).joinByPaste(code, 'Big Store');
			await expect(syncStatus(device.page)).toHaveAccessibleName('Sync: Syncing…', {
				timeout: 30_000
			});
			await device.page.waitForTimeout(1500);
			expect(await countHeld(device.page, 'units'), `${device.name} has the store already`).toBe(0);
		}

		// B drops off the network in the middle of its first sync, and comes back.
		await joinSlowly(b);
		await lan!.cut('b');
		await b.page.waitForTimeout(3000);
		expect(await countHeld(b.page, 'units')).toBe(0);
		await lan!.throttle('b', null);
		await lan!.heal('b');
		const stockB = new StockPage(b.page);
		await stockB.goto();
		await expect(async () => stockB.expectOnHand('Bulk Phone', 100_000)).toPass({
			timeout: 90_000
		});

		// C reloads in the middle of its first sync.
		await joinSlowly(c);
		await c.page.reload();
		await lan!.throttle('c', null);
		const stockC = new StockPage(c.page);
		await stockC.goto();
		await expect(async () => stockC.expectOnHand('Bulk Phone', 100_000)).toPass({
			timeout: 90_000
		});

		for (const d of [a, b, c]) await expectInSync(d, 2, 60_000);
		for (const d of [a, b, c]) expect(await countHeld(d.page, 'units')).toBe(100_000);
		await expectSameEventsOnce([a, b, c]);
		expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
	});
});
