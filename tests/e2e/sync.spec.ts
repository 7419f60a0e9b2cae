/**
 * Peer sync between separate browser processes on a private LAN made by the
 * test (sync/lan.ts): pairing by the QR code through the camera, stock
 * received on one device shown on the other, device names, a device with
 * the wrong secret, and a peer that sends hostile events.
 */
import { expect, test } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { barcodeVideo } from '../fixtures/barcode-video.js';
import { countRows, createProduct, receiveManual, receiveRange } from './fixtures';
import { StockPage } from './pages/stock-page';
import { ConflictsPage, JoinPage, StoreSyncSection, syncStatus } from './pages/sync-pages';
import { closeAll, expectInSync, launchDevice, type Device } from './sync/devices';
import { Lan } from './sync/lan';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let lan: Lan;
let a: Device;
let b: Device;
let c: Device | undefined;
let code = '';
let productId = '';

test.beforeAll(async () => {
	test.setTimeout(60_000);
	lan = await Lan.create(['a', 'b', 'c']);
	await lan.startServer();
});

test.afterAll(async () => {
	await closeAll([a, b, c]);
	await lan?.destroy();
});

test('a new device joins by scanning the pairing QR code, and stock received on one shows on the other', async () => {
	a = await launchDevice(lan, 'a');
	productId = (await createProduct(a.page, { name: 'Pixel 9 128GB', stockCode: 'PX9-128', serialised: true })).id;
	const settingsA = new StoreSyncSection(a.page);
	code = await settingsA.createStore('Main Street');
	expect(code).toMatch(/^https:\/\/10\.231\.0\.1:4173\/join#r=[\w-]{22}&k=[\w-]{22}&n=Main\+Street$/);
	await expect(syncStatus(a.page)).toHaveAccessibleName('Sync: Online, no other device');

	// The new device's camera sees the QR code on the first device's screen.
	const video = await barcodeVideo({ kind: 'qr', code });
	b = await launchDevice(lan, 'b', { video });
	const join = new JoinPage(b.page);
	await join.goto();
	await join.scanButton.click();
	await expect(join.confirmHeading('Main Street')).toBeVisible({ timeout: 20_000 });
	await expect(b.page.getByText('This device holds no stock yet')).toBeVisible();
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
	await expect(settingsC.section.getByText(/Refused \d+ messages? sealed with another secret/)).toBeVisible({
		timeout: 20_000
	});
	await expect(syncStatus(c.page)).toHaveAccessibleName('Sync: Online, no other device');
	expect(await countRows(c.page, 'unitrack', 'units')).toBe(0);
	expect(await countRows(c.page, 'unitrack', 'products')).toBe(0);
	await expect(settingsC.devices.getByRole('row')).toHaveCount(2); // header + this device
	await expect(settingsA.device('Counter tablet')).toContainText('Online, in sync');
	await expect(settingsA.device('Intruder')).toHaveCount(0);
	await c.browser.close();
	c = undefined;
});

/** A Yjs update that appends `events` to a store's log, as a sync message in one frame. */
function hostileFrame(events: unknown[]): number[] {
	const doc = new Y.Doc();
	doc.getArray('events').push(events);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // y-webrtc: sync message
	encoding.writeVarUint(encoder, 2); // y-protocols: update
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
	// framed-channel.ts: kind 0, a whole message.
	return [0, ...encoding.toUint8Array(encoder)];
}

test('a hostile event from a peer is refused and logged, and changes nothing', async () => {
	c = await launchDevice(lan, 'c');
	// Keeps a hand on the raw data channels, to write to them as a hostile peer would.
	await c.page.addInitScript(() => {
		const channels: RTCDataChannel[] = ((window as unknown as { __channels: RTCDataChannel[] }).__channels = []);
		const send = RTCDataChannel.prototype.send;
		RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
			if (!channels.includes(this)) channels.push(this);
			return send.call(this, data);
		};
	});
	await new JoinPage(c.page).joinByPaste(code, 'Main Street');
	await expectInSync(c, 2);
	await expectInSync(a, 2);
	const stockA = new StockPage(a.page);
	await stockA.goto();
	await stockA.expectOnHand('Pixel 9 128GB', 8);
	const unitsBefore = await countRows(a.page, 'unitrack', 'units');
	expect(await countRows(a.page, 'unitrack', 'rejected')).toBe(0);

	const at = `${String(Date.now()).padStart(16, '0')}.00000.evil`;
	const frame = hostileFrame([
		{ id: 'hostile-1', at, device: 'evil', type: 'stock.received', receiptId: 'r', productId, supplierId: 's', reference: '', unitCost: null, warrantyDays: 5, method: 'manual', serials: ['<img src=x onerror=alert(1)>'] },
		{ id: 'hostile-2', at, device: 'evil', type: 'product.upserted', productId, fields: { name: 'Hacked', price: -1 } },
		{ id: 'hostile-3', at: 'tomorrow', device: 'evil', type: 'units.changed', action: 'sell', productId, serials: ['SN-A-001'], ref: null, note: '' },
		'just a string'
	]);
	const sent = await c.page.evaluate((bytes) => {
		const open = (window as unknown as { __channels: RTCDataChannel[] }).__channels.filter((ch) => ch.readyState === 'open');
		for (const ch of open) {
			ch.send(new Uint8Array(bytes));
			// And bytes that are no sync message at all.
			ch.send(new Uint8Array([0, 0xff, 0xff, 0xff, 0x7f]));
		}
		return open.length;
	}, frame);
	expect(sent).toBeGreaterThan(0);

	// Refused and logged on every device (the log relays it), with the reason.
	for (const device of [a, b]) {
		await expect.poll(() => countRows(device.page, 'unitrack', 'rejected'), { timeout: 20_000 }).toBe(4);
	}
	const reasons = await a.page.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const open = indexedDB.open('unitrack');
				open.onsuccess = () => {
					const request = open.result.transaction('rejected').objectStore('rejected').getAll();
					request.onsuccess = () => resolve((request.result as { reason: string }[]).map((r) => r.reason).sort());
				};
			})
	);
	expect(reasons).toEqual(['bad clock', 'bad serial <img src=x onerror=alert(1)>', 'not an object', 'price is not a whole number in range'].sort());
	// Nothing changed, and sync goes on.
	expect(await countRows(a.page, 'unitrack', 'units')).toBe(unitsBefore);
	await stockA.expectOnHand('Pixel 9 128GB', 8);
	await expect(stockA.row('Pixel 9 128GB')).toBeVisible();
	await expect(a.page.getByText('Hacked')).toHaveCount(0);
	await receiveManual(b.page, { productId, supplier: 'Northwind' }, 'SN-B-002');
	await stockA.goto();
	await stockA.expectOnHand('Pixel 9 128GB', 9);
	await new ConflictsPage(a.page).expectCount(0);
	expect([...a.errors, ...b.errors]).toEqual([]);
});
