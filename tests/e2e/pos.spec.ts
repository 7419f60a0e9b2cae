/**
 * The POS (issue 6): scanned units land in the cart as themselves, products
 * by stock code ask for their serial, completing writes one sale and the
 * receipt lists every serial with its customer warranty end.
 */
import { ANY_DAY, createProduct, expect, shownMoney, test } from './fixtures';
import { PosPage } from './pages/pos-page';
import { SettingsPage } from './pages/settings-page';
import { phonesInStock, salesCount, unitStatus } from './pos-fixtures';

test('a sale of three scanned units and one non-serialised product', async ({ page, unit }) => {
	const phone = await phonesInStock(page);
	await createProduct(page, {
		name: 'USB-C Cable',
		stockCode: 'CABLE',
		serialised: false,
		price: '4.50'
	});
	const pos = new PosPage(page);
	await pos.goto();
	for (const serial of ['PX-0001', 'PX-0002', 'PX-0003']) {
		await pos.scan(serial);
		await expect(pos.status).toContainText(`serial ${serial}`);
	}
	await expect(pos.line(1)).toContainText('PX-0001, PX-0002, PX-0003');
	await expect(pos.quantity(1)).toHaveValue('3');
	await pos.addByStockCode('CABLE');
	await expect(pos.line(2)).toContainText('USB-C Cable');
	// A unit in the cart is reserved for it (a ledger event, so every device sees it).
	expect(await unitStatus(page, phone.id, 'PX-0002')).toEqual({
		status: 'reserved',
		holder: 'cart'
	});
	await pos.amountPaid.fill('40');
	await expect(page.getByText(`Change due: ${shownMoney(550)}`)).toBeVisible();
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	for (const serial of ['PX-0001', 'PX-0002', 'PX-0003']) {
		await expect(
			pos.receipt.getByText(new RegExp(`${serial}\\s*— warranty until ${ANY_DAY}`))
		).toBeVisible();
	}
	await expect(pos.receipt).toContainText(shownMoney(3450));
	const receiptNo = await pos.receiptNo();
	expect(await salesCount(page)).toBe(1);
	await page.goto(`/unit?product=${phone.id}&serial=PX-0001`);
	await expect(unit.status).toHaveText('Sold');
	const history = await unit.historyValues();
	// The sale by the receipt number staff read, not its internal id.
	expect(history.map((h) => h['What happened'])).toContainEqual(`Sold (Sale ${receiptNo})`);
	expect(receiptNo).toMatch(/^[A-Z0-9]{5}-\d{6}$/);
});

test('a sale by stock code with the serial chosen, and the Serialized icon changes it', async ({
	page
}) => {
	await phonesInStock(page);
	const pos = new PosPage(page);
	await pos.goto();
	await pos.addByStockCode('pixel-9');
	const panel = pos.serialPanel('Pixel 9');
	await expect(panel).toBeVisible();
	// Oldest received first.
	await expect(
		panel.getByRole('list', { name: 'Units in stock' }).getByRole('button').first()
	).toHaveText('Choose PX-0001');
	await panel.getByLabel('Serial', { exact: true }).fill('0002');
	await panel.getByRole('button', { name: 'Choose PX-0002' }).click();
	await expect(pos.line(1)).toContainText('PX-0002');
	await panel.getByRole('button', { name: 'Done' }).click();
	await pos.serialized(1).click();
	await expect(panel.getByRole('button', { name: 'Remove serial PX-0002' })).toBeVisible();
	await pos.exactAmount.click();
	await pos.complete.click();
	await expect(pos.receipt).toContainText('PX-0002');
	expect(await salesCount(page)).toBe(1);
});

test.describe('bad input at the POS: a clear message and nothing written', () => {
	test('an empty sale', async ({ page }) => {
		const pos = new PosPage(page);
		await pos.goto();
		await pos.complete.click();
		await expect(pos.alert).toContainText('The sale is empty');
		expect(await salesCount(page)).toBe(0);
	});

	test('more of a non-serialised product than is on hand', async ({ page, stock }) => {
		const cable = await createProduct(page, {
			name: 'USB-C Cable',
			stockCode: 'CABLE',
			serialised: false,
			price: '4.50'
		});
		await page.goto(`/stock/receive?product=${cable.id}`);
		await page.getByLabel('Quantity').fill('2');
		await page.getByRole('button', { name: 'Receive stock' }).click();
		await expect(page).toHaveURL(/\/stock$/);
		const pos = new PosPage(page);
		await pos.goto();
		await pos.addByStockCode('CABLE');
		await pos.addByStockCode('CABLE');
		await pos.addByStockCode('CABLE');
		await expect(pos.quantity(1)).toHaveValue('3');
		await pos.exactAmount.click();
		await pos.complete.click();
		await expect(pos.alert).toContainText('Line 1 (USB-C Cable): only 2 on hand.');
		expect(await salesCount(page)).toBe(0);
		await pos.quantity(1).fill('2');
		await pos.exactAmount.click();
		await pos.complete.click();
		await expect(pos.receipt).toContainText(shownMoney(900));
		expect(await salesCount(page)).toBe(1);
		await stock.goto();
		await stock.expectOnHand('USB-C Cable', 0);
	});

	test('a serialised sale without a customer once Settings require one', async ({ page }) => {
		await phonesInStock(page, 'PX-0001');
		const settings = new SettingsPage(page);
		await settings.goto();
		await settings.customerRequired.check();
		await expect(page.getByText('Saved: a sale with serialised stock now needs')).toBeVisible();
		const pos = new PosPage(page);
		await pos.goto();
		await expect(
			page.getByText('Customer (name or phone required for serialised stock)')
		).toBeVisible();
		await pos.scan('PX-0001');
		await expect(pos.cart).toContainText('PX-0001');
		await pos.exactAmount.click();
		await pos.complete.click();
		await expect(pos.alert).toContainText(
			"Enter the customer's name or phone: this store requires a customer for sales of serialised stock (Pixel 9)."
		);
		expect(await salesCount(page)).toBe(0);
		await page.getByLabel('Customer name').fill('Ann Lee');
		await pos.complete.click();
		await expect(pos.receipt).toContainText('Ann Lee');
		expect(await salesCount(page)).toBe(1);
		// Off again: back to optional.
		await settings.goto();
		await expect(settings.customerRequired).toBeChecked();
		await settings.customerRequired.uncheck();
		await expect(page.getByText('Saved: a customer is now optional')).toBeVisible();
	});

	test("another product's serial scanned into a line", async ({ page }) => {
		await phonesInStock(page);
		await phonesInStock(page, 'IP-0002', 'iPhone 15');
		const pos = new PosPage(page);
		await pos.goto();
		await pos.addByStockCode('PIXEL-9');
		await expect(pos.serialPanel('Pixel 9')).toBeVisible();
		await pos.scan('IP-0001');
		await expect(pos.alert).toHaveText(
			'Serial IP-0001 is a iPhone 15, not a Pixel 9: it cannot go on this line.'
		);
		await expect(pos.cart).not.toContainText('IP-0001');
		await page.goto('/stock');
		await expect(page.getByRole('row', { name: /iPhone 15/ })).toContainText('2');
	});

	test('completing short of serials, and bad prices, quantities and payments', async ({ page }) => {
		await phonesInStock(page);
		await createProduct(page, {
			name: 'USB-C Cable',
			stockCode: 'CABLE',
			serialised: false,
			price: '4.50'
		});
		const pos = new PosPage(page);
		await pos.goto();
		await pos.scan('PX-0001');
		await expect(pos.cart).toContainText('PX-0001');
		await pos.quantity(1).fill('2');
		await pos.amountPaid.fill('100');
		await pos.complete.click();
		await expect(pos.alert).toContainText(
			'Line 1 (Pixel 9): quantity is 2 but 1 serials are chosen. Choose 1 more with the Serialized button.'
		);
		await pos.quantity(1).fill('1');
		await pos.addByStockCode('CABLE');
		await pos.price(1).fill('-5');
		await pos.quantity(2).fill('two');
		await pos.amountPaid.fill('ten');
		await pos.complete.click();
		await expect(pos.alert).toContainText('Line 1 (Pixel 9): price cannot be negative');
		await expect(pos.alert).toContainText(
			'Line 2 (USB-C Cable): quantity must be a number, not "two"'
		);
		await expect(pos.alert).toContainText('Amount paid must be an amount like 12.50, not "ten"');
		await pos.price(1).fill('abc');
		await pos.quantity(2).fill('-1');
		await pos.amountPaid.fill('-3');
		await pos.complete.click();
		await expect(pos.alert).toContainText(
			'Line 1 (Pixel 9): price must be an amount like 12.50, not "abc"'
		);
		await expect(pos.alert).toContainText('Line 2 (USB-C Cable): quantity cannot be negative');
		await expect(pos.alert).toContainText('Amount paid cannot be negative');
		expect(await salesCount(page)).toBe(0);
		// Abandoning releases the reservation.
		await pos.abandon.click();
		await expect(pos.status).toContainText('back in stock');
		await page.goto('/stock');
		await expect(page.getByRole('row', { name: /Pixel 9/ })).toContainText('3');
	});
});
