/**
 * Keyboard-wedge and HID scanners (issue 3): a scan is taken wherever the
 * focus is and never stays typed in a field; typing at a person's pace stays
 * typing; scan anywhere opens what was scanned; scan to receive builds a
 * batch line by line; the scanner test page lists every scan.
 */
import type { Page } from '@playwright/test';
import {
	createProduct,
	expect,
	receiveRange,
	serialisedProduct,
	storedCounts,
	test,
	type Product
} from './fixtures';
import { WedgeScanner } from './pages/wedge-scanner';

/** A product with a box barcode and three units in stock: PX-0001..PX-0003. */
async function pixelInStock(page: Page): Promise<Product> {
	const product = await createProduct(page, {
		name: 'Pixel 9 128GB',
		stockCode: 'PX9-128',
		barcode: '0840244706814',
		serialised: true
	});
	await receiveRange(
		page,
		{ productId: product.id, newSupplier: 'Northwind' },
		'PX-0001',
		'PX-0003'
	);
	return product;
}

/** The scanner test page's list, newest first: "source | format | code" for each scan. */
async function listedScans(page: Page): Promise<string[]> {
	const rows = page.getByRole('table', { name: 'Scans' }).locator('tbody').getByRole('row');
	const listed: string[] = [];
	for (const row of await rows.all()) {
		const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
		listed.push(cells.slice(1, 4).join(' | '));
	}
	return listed;
}

/** The rejected-scan message (outside the screen's own content). */
const scanAlert = (page: Page) =>
	page.getByRole('alert').filter({ hasText: /No unit|Line \d|Scan serials/ });

test.describe('Scan anywhere', () => {
	test('a serial opens its unit, and the focused field keeps nothing of the scan', async ({
		page,
		shell,
		unit
	}) => {
		await pixelInStock(page);
		await page.goto('/stock');
		// The header's Find serial box has the focus: the scan must not land in it.
		await shell.findBox.click();
		await new WedgeScanner(page).scan('PX-0002', { delay: 5 });

		await expect(page).toHaveURL(/\/unit\?product=[^&]+&serial=PX-0002$/);
		await expect(unit.heading).toHaveText(/^Serial\s*PX-0002$/);
		await expect(shell.findBox).toHaveValue('');
		await expect(unit.fact('Supplier')).toHaveText('Northwind');
	});

	test('a burst typed the plain Playwright way (keyboard.type, 0 ms) is a scan too', async ({
		page,
		unit
	}) => {
		await pixelInStock(page);
		await page.goto('/stock');
		const search = page.getByRole('searchbox', { name: 'Search stock' });
		await search.click();
		await new WedgeScanner(page).type('PX-0003', 0);
		await expect(unit.heading).toHaveText(/^Serial\s*PX-0003$/);
	});

	test('a product barcode or stock code opens the product', async ({ page }) => {
		const product = await pixelInStock(page);
		const scanner = new WedgeScanner(page);
		await page.goto('/suppliers');
		await scanner.scan('0840244706814');
		await expect(page).toHaveURL(`/products/${product.id}/stock`);
		await expect(page.getByRole('heading', { name: 'Pixel 9 128GB', level: 1 })).toBeVisible();

		await page.goto('/suppliers');
		await scanner.scan('px9-128', { delay: 0 }); // stock codes match whatever the case
		await expect(page).toHaveURL(`/products/${product.id}/stock`);
	});

	test('a serial on two products asks which one', async ({ page }) => {
		const first = await serialisedProduct(page, 'Drill 18V');
		const second = await serialisedProduct(page, 'Grinder 125mm');
		await receiveRange(
			page,
			{ productId: first.id, newSupplier: 'Bosch Trade' },
			'TW-0001',
			'TW-0002'
		);
		await receiveRange(
			page,
			{ productId: second.id, supplier: 'Bosch Trade' },
			'TW-0002',
			'TW-0003'
		);

		await page.goto('/stock');
		await new WedgeScanner(page).scan('TW-0002');
		await expect(page).toHaveURL('/find?serial=TW-0002');
		await expect(page.getByRole('main').getByRole('alert')).toHaveText(
			'Serial TW-0002 exists on 2 products. Which one?'
		);
		await expect(page.getByRole('link', { name: 'Drill 18V' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Grinder 125mm' })).toBeVisible();
	});

	test('an unknown code is rejected with the code in the message, and nothing opens', async ({
		page
	}) => {
		await pixelInStock(page);
		await page.goto('/stock');
		await new WedgeScanner(page).scan('NOPE-4040');
		await expect(scanAlert(page)).toHaveText(/No unit or product matches “NOPE-4040”/);
		await expect(page).toHaveURL('/stock');
		await scanAlert(page).getByRole('button', { name: 'Dismiss' }).click();
		await expect(scanAlert(page)).toHaveCount(0);
	});

	test('typing at a person’s pace stays typed and is never a scan', async ({ page }) => {
		await pixelInStock(page);
		await page.goto('/stock');
		const search = page.getByRole('searchbox', { name: 'Search stock' });
		await search.click();
		await new WedgeScanner(page).typeByHand('PX-00', 85);
		await expect(search).toHaveValue('PX-00');
		// The search works as typed: all three units of the product match.
		await expect(page.getByRole('table', { name: 'Stock' })).toContainText('Pixel 9 128GB');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL('/stock');
		await expect(scanAlert(page)).toHaveCount(0);
	});
});

test.describe('Scan to receive', () => {
	test('scans build the list with its checks, undo and expected quantity, and go in as one batch', async ({
		page,
		generate,
		receipt,
		stockInfo
	}) => {
		const product = await serialisedProduct(page, 'Galaxy S24 256GB');
		await receiveRange(
			page,
			{ productId: product.id, newSupplier: 'Northwind' },
			'EX-0001',
			'EX-0002'
		);
		const before = await storedCounts(page);
		const scanner = new WedgeScanner(page);

		await generate.goto(product.id);
		await generate.fillDetails({ supplier: 'Northwind', reference: 'PO-77' });
		await generate.chooseMethod('Input Serials Manually');
		// Scan mode is off: a scan is refused and the form stays.
		await generate.reference.click();
		await scanner.scan('SC-0001');
		await expect(scanAlert(page)).toContainText('Press “Scan serials”');
		await expect(generate.heading).toBeVisible();

		const toggle = page.getByRole('button', { name: 'Scan serials' });
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		const lines = page.getByRole('list', { name: 'Scanned serials' }).getByRole('listitem');
		const count = generate.main.getByRole('status').filter({ hasText: / scanned/ });

		// The focus is in Reference: every scan becomes a line, none lands in the field.
		await generate.reference.click();
		for (const serial of ['SC-0001', 'SC-0002', 'SC-0002', 'SC-0003', 'EX-0002']) {
			await scanner.scan(serial, { delay: 3 });
		}
		await expect(count).toHaveText(/^5 serials scanned\s*2 lines to fix/);
		// Newest first, each with its check.
		await expect(lines).toHaveText([
			/^5\s*EX-0002\s*already exists for this product/,
			/^4\s*SC-0003\s*OK/,
			/^3\s*SC-0002\s*also on line 2/,
			/^2\s*SC-0002\s*OK/,
			/^1\s*SC-0001\s*OK/
		]);
		await expect(scanAlert(page)).toHaveText(/Line 5: "EX-0002" already exists for this product/);
		await expect(generate.reference).toHaveValue('PO-77');

		await page.getByLabel('Expected quantity').fill('5');
		await expect(count).toHaveText(/^5 of 5 scanned/);
		await page.getByRole('button', { name: 'Undo last scan' }).click();
		await page.getByRole('button', { name: 'Remove line 3' }).click();
		await expect(count).toHaveText('3 of 5 scanned');
		// The focus is on no field now; scanning needs no touch of the screen.
		await scanner.scan('SC-0004');
		await expect(count).toHaveText('4 of 5 scanned');
		await expect(lines).toHaveText([
			/SC-0004\s*OK/,
			/SC-0003\s*OK/,
			/SC-0002\s*OK/,
			/SC-0001\s*OK/
		]);

		await generate.submit();
		await receipt.expectGenerated(4);
		await expect(receipt.fact('Method')).toHaveText('Scanned');
		await expect(receipt.fact('Reference')).toHaveText('PO-77');
		expect(await receipt.shownSerials()).toEqual(['SC-0001', 'SC-0002', 'SC-0003', 'SC-0004']);
		expect(await storedCounts(page)).toMatchObject({
			units: before.units + 4,
			receipts: before.receipts + 1,
			events: before.events + 1
		});
		await stockInfo.goto(product.id);
		await stockInfo.expectOnHand(6);
		expect((await stockInfo.rowValues('SC-0004'))['Status']).toBe('In stock');
	});

	test('scan mode off: a scan fills the focused First serial, and adds a line in the serials box', async ({
		page,
		generate
	}) => {
		const product = await serialisedProduct(page, 'Galaxy S24 256GB');
		const scanner = new WedgeScanner(page);
		await generate.goto(product.id);
		await generate.chooseMethod('Provide Range');
		await generate.rangeFirst.click();
		await scanner.scan('SN0098');
		await expect(generate.rangeFirst).toHaveValue('SN0098');
		await generate.rangeLast.click();
		await scanner.scan('SN0102');
		await expect(generate.rangeLast).toHaveValue('SN0102');
		await expect(generate.main.getByText('5 serials:')).toBeVisible();

		await generate.chooseMethod('Input Serials Manually');
		await generate.manualSerials.fill('A-1');
		await scanner.scan('A-0002');
		await scanner.scan('A-0003');
		await expect(generate.manualSerials).toHaveValue('A-1\nA-0002\nA-0003\n');
		await expect(scanAlert(page)).toHaveCount(0);
	});

	test('a batch with a problem line is refused whole, every problem shown', async ({
		page,
		generate
	}) => {
		const product = await serialisedProduct(page, 'Galaxy S24 256GB');
		await receiveRange(
			page,
			{ productId: product.id, newSupplier: 'Northwind' },
			'EX-0001',
			'EX-0002'
		);
		const before = await storedCounts(page);
		await generate.goto(product.id);
		await generate.fillDetails({ supplier: 'Northwind' });
		await generate.chooseMethod('Input Serials Manually');
		await page.getByRole('button', { name: 'Scan serials' }).click();
		const scanner = new WedgeScanner(page);
		await scanner.scan('NEW-0001');
		await scanner.scan('EX-0001');
		await expect(
			page.getByRole('list', { name: 'Scanned serials' }).getByRole('listitem')
		).toHaveCount(2);
		await generate.submitExpectingRefusal();
		await expect(generate.problems).toHaveText([
			'Line 2: "EX-0001" already exists for this product'
		]);
		expect(await storedCounts(page)).toEqual(before);
	});
});

test.describe('Scanner settings and test page', () => {
	test('lists every scan with its source and timing; typing in a field stays typing', async ({
		page,
		settings
	}) => {
		await settings.goto();
		await page.getByRole('link', { name: 'Scanner settings and test' }).click();
		await expect(
			page.getByRole('heading', { name: 'Scanner settings and test', level: 1 })
		).toBeVisible();
		const field = page.getByLabel('Test field');
		const rows = page.getByRole('table', { name: 'Scans' }).locator('tbody').getByRole('row');
		const scanner = new WedgeScanner(page);

		await field.click();
		await scanner.typeByHand('typed ', 85);
		await scanner.pause();
		await scanner.scan('AbC-1234', { delay: 4 });
		await scanner.scan('8806095299635', { delay: 0, end: 'Tab' });
		await scanner.pause();
		await scanner.typeByHand('by hand', 90);
		await page.keyboard.press('Enter');
		await expect(field).toHaveValue('typed by hand');
		// Two keys 2 ms apart and nothing after (a fast pair, not a scan): both are typed.
		await scanner.pause();
		await scanner.scan('xy', { end: null });
		await expect(field).toHaveValue('typed by handxy');

		await expect(page.getByText(/^2 scans$/)).toBeVisible();
		await expect
			.poll(() => listedScans(page))
			.toEqual(['Keyboard wedge | unknown | 8806095299635', 'Keyboard wedge | unknown | AbC-1234']);
		// Each with how fast its keys came.
		await expect(rows.first().getByRole('cell').nth(4)).toHaveText(
			/^[\d.]+ ms a key \(slowest [\d.]+\) · \d+ ms in all$/
		);
		// Scans on this page are only listed: nothing opened.
		await expect(page).toHaveURL('/settings/scanner');
	});

	test('wedge settings are kept on this device and apply at once', async ({ page }) => {
		await page.goto('/settings/scanner');
		await page.getByLabel('Prefix to strip').fill('#');
		await page.getByLabel('Shortest code (characters)').fill('3');
		await page.getByLabel('Shortest code (characters)').press('Tab');
		await page.reload();
		await expect(page.getByLabel('Prefix to strip')).toHaveValue('#');
		await expect(page.getByLabel('Shortest code (characters)')).toHaveValue('3');

		await page.getByLabel('Test field').click();
		await new WedgeScanner(page).scan('#XY9');
		await expect.poll(() => listedScans(page)).toEqual(['Keyboard wedge | unknown | XY9']);
		await expect(page.getByLabel('Test field')).toHaveValue('');
	});

	test('a HID POS scanner is connected once, remembered, and its reports are scans', async ({
		page
	}) => {
		await page.addInitScript(installFakeHid);
		await page.goto('/settings/scanner');
		await expect(page.getByText('No HID scanner connected.')).toBeVisible();
		await page.getByRole('button', { name: 'Connect HID scanner' }).click();
		const connected = page.getByRole('list', { name: 'Connected HID scanners' });
		await expect(connected).toHaveText(/Voyager 1450g\s*0c2e:0b8f/);

		// Reloaded, the granted scanner opens by itself.
		await page.reload();
		await expect(connected).toHaveText(/Voyager 1450g/);
		await page.evaluate(() => window.__fakeHid.send(']C0', 'SN-HID-0001'));
		await page.evaluate(() => window.__fakeHid.send(']E0', '8806095299635'));
		await expect
			.poll(() => listedScans(page))
			.toEqual(['HID scanner | ean13 | 8806095299635', 'HID scanner | code128 | SN-HID-0001']);
	});

	test('says so where the browser has no WebHID', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'hid', {
				get: () => undefined,
				configurable: true
			});
		});
		await page.goto('/settings/scanner');
		await expect(
			page.getByText(
				'This browser has no WebHID (Android and Safari do not): use the camera or a keyboard-wedge scanner.'
			)
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Connect HID scanner' })).toHaveCount(0);
	});
});

declare global {
	interface Window {
		__fakeHid: { send(aim: string, code: string): void };
	}
}

/**
 * A HID POS scanner behind a stand-in navigator.hid (runs in the page before
 * the app): requestDevice grants it (remembered in sessionStorage, as the
 * browser remembers a grant), and `send` makes the Scanned Data Report a
 * Honeywell scanner sends (hid-pos.ts).
 */
function installFakeHid() {
	class FakeDevice extends EventTarget {
		opened = false;
		vendorId = 0x0c2e;
		productId = 0x0b8f;
		productName = 'Voyager 1450g';
		collections = [
			{
				usagePage: 0x8c,
				usage: 0x02,
				inputReports: [{ reportId: 2, items: [{ usages: [0x8c00fe] }] }],
				children: []
			}
		];
		async open() {
			this.opened = true;
		}
		async close() {
			this.opened = false;
		}
	}
	const device = new FakeDevice();
	const granted = () => sessionStorage.getItem('fake-hid-granted') === '1';
	class FakeHid extends EventTarget {
		async getDevices() {
			return granted() ? [device] : [];
		}
		async requestDevice() {
			sessionStorage.setItem('fake-hid-granted', '1');
			return [device];
		}
	}
	const hid = new FakeHid();
	Object.defineProperty(Navigator.prototype, 'hid', { get: () => hid, configurable: true });
	window.__fakeHid = {
		send(aim: string, code: string) {
			const bytes = new Uint8Array(63);
			const data = new TextEncoder().encode(code);
			bytes[0] = data.length;
			[...aim].forEach((c, i) => (bytes[1 + i] = c.charCodeAt(0)));
			bytes.set(data, 4);
			const event = new Event('inputreport');
			Object.assign(event, { device, reportId: 2, data: new DataView(bytes.buffer) });
			device.dispatchEvent(event);
		}
	};
}
