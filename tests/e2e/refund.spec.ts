/**
 * Refund (issue 6): find the sale, choose which of its units came back, back
 * to stock or faulty; only units of that sale, never one twice.
 */
import { createProduct, expect, shownMoney, test } from './fixtures';
import { PosPage } from './pages/pos-page';
import { RefundPage } from './pages/refund-page';
import {
	phonesInStock,
	refundsCount,
	sellScanned,
	ticketWithScannedPart,
	unitStatus
} from './pos-fixtures';

test('a sale of three units refunded one unit by scan', async ({ page, unit }) => {
	const phone = await phonesInStock(page);
	const receiptNo = await sellScanned(page, ['PX-0001', 'PX-0002', 'PX-0003']);
	const refund = new RefundPage(page);
	await refund.goto();
	await refund.scan('PX-0002');
	const sale = refund.sale(receiptNo);
	await expect(sale).toBeVisible();
	// Sold: all three; coming back: only the unit scanned.
	await expect(refund.cell(1, 'Sold')).toHaveText('3: PX-0001, PX-0002, PX-0003');
	await expect(refund.cell(1, 'Coming back')).toHaveText('PX-0002');
	await refund.complete.click();
	await expect(refund.status).toContainText(
		`Refund of ${shownMoney(1000)} done on sale ${receiptNo}`
	);
	expect(await refundsCount(page)).toBe(1);
	// No unit twice: the same scan now says why.
	await refund.scan('PX-0002');
	await expect(refund.alert).toHaveText(
		`Serial PX-0002 was already refunded on sale ${receiptNo}.`
	);
	await page.goto(`/unit?product=${phone.id}&serial=PX-0002`);
	await expect(unit.status).toHaveText('In stock');
	// Its history names the sale and the refund by the receipt number staff read.
	await expect(unit.history).toContainText(`Sold (Sale ${receiptNo})`);
	const history = (await unit.historyValues()).map((h) => h['What happened']);
	expect(history).toContainEqual(`Returned (Refund of sale ${receiptNo})`);
	expect(history).toContainEqual(`Back to stock (Refund of sale ${receiptNo})`);
	expect(history).toContainEqual(expect.stringMatching(/^Reserved \(in a cart on device .+\)$/));
	expect(history.join('\n')).not.toMatch(/\((sale|refund|cart) [A-Za-z0-9_-]{10,}\)/);
	// The sale opens from the history, with the unit shown as refunded already.
	await unit.history.getByRole('link', { name: `Sale ${receiptNo}`, exact: true }).click();
	await expect(refund.sale(receiptNo)).toBeVisible();
	await expect(refund.cell(1, 'Came back')).toHaveText(/^PX-0002 on .+, back to stock$/);
	await expect(refund.cell(1, 'Coming back')).toHaveText('2 may come back: PX-0001, PX-0003');
	await page.goto(`/unit?product=${phone.id}&serial=PX-0002`);
	await unit.history.getByRole('link', { name: /^Receipt / }).click();
	await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('3 serials generated');
	await page.goto(`/unit?product=${phone.id}&serial=PX-0001`);
	await expect(unit.status).toHaveText('Sold');
});

test('a one-unit line refunded without choosing, as faulty', async ({ page }) => {
	await phonesInStock(page, 'PX-0002');
	const receiptNo = await sellScanned(page, ['PX-0001']);
	const refund = new RefundPage(page);
	await refund.goto();
	await refund.findSale(receiptNo, receiptNo);
	await expect(refund.lines).toContainText('PX-0001');
	await refund.lines.getByLabel('Refund line 1 (Pixel 9)').check();
	await refund.lines.getByLabel('Condition, line 1').selectOption({ label: 'Faulty' });
	await refund.complete.click();
	await expect(refund.status).toContainText(`Refund of ${shownMoney(1000)} done`);
	await expect(refund.faulty.getByRole('row', { name: /PX-0001/ })).toContainText('Covered until');
});

test('a part used on a repair ticket comes back on a refund of the sale that charged the ticket', async ({
	page
}) => {
	test.setTimeout(60_000);
	const screen = await phonesInStock(page, 'SC-0001', 'Screen');
	const ticket = await ticketWithScannedPart(page, 'scr', 'Screen', 'SC-0001');
	await ticket.exactAmount.click();
	await ticket.charge.click();
	await expect(ticket.receipt).toBeVisible();
	expect(await unitStatus(page, screen.id, 'SC-0001')).toMatchObject({ status: 'used' });

	const refund = new RefundPage(page);
	await refund.goto();
	await refund.scan('SC-0001');
	await expect(refund.lines).toContainText('SC-0001');
	await expect(refund.lines.getByLabel('Refund line 1 (Screen)')).toBeChecked();
	await refund.complete.click();
	await expect(refund.status).toContainText(`Refund of ${shownMoney(1000)} done`);
	expect(await unitStatus(page, screen.id, 'SC-0001')).toEqual({
		status: 'in_stock',
		holder: null
	});
});

test.describe('bad refunds: a clear message and nothing written', () => {
	test('a unit not in the sale, and more than was sold', async ({ page }) => {
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
		await pos.addByStockCode('CABLE');
		await pos.exactAmount.click();
		await pos.complete.click();
		const receiptNo = await pos.receiptNo();
		const refund = new RefundPage(page);
		await refund.goto();
		await refund.findSale(receiptNo, receiptNo);
		await refund.scan('PX-0003');
		await expect(refund.alert).toHaveText(
			`Serial PX-0003 is not part of sale ${receiptNo}: only its own units can be refunded.`
		);
		await refund.lines.getByLabel('Refund line 2 (USB-C Cable)').check();
		await refund.lines.getByLabel('Quantity to refund, line 2').fill('3');
		await refund.complete.click();
		await expect(refund.alert).toContainText(
			'Line 2 (USB-C Cable): quantity to refund must be at most 1'
		);
		await refund.lines.getByLabel('Quantity to refund, line 2').fill('-1');
		await refund.complete.click();
		await expect(refund.alert).toContainText('quantity to refund cannot be negative');
		await refund.lines.getByLabel('Refund line 2 (USB-C Cable)').uncheck();
		await refund.complete.click();
		await expect(refund.alert).toContainText('no line is ticked');
		expect(await refundsCount(page)).toBe(0);
	});
});
