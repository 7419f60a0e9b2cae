/**
 * Bundles (issue 6): a product made of components; selling one asks for a
 * serial of each serialised part, the sale records which unit went into
 * which bundle, and a refund of the bundle brings all its units back.
 */
import { countHeld, createProduct, expect, shownMoney, test } from './fixtures';
import { PosPage } from './pages/pos-page';
import { ProductFormPage } from './pages/product-form';
import { RefundPage } from './pages/refund-page';
import { phonesInStock, unitStatus } from './pos-fixtures';

const PHONE = 'Pixel 9 (PIXEL-9) · serialised';
const WATCH = 'Pixel Watch (PIXEL-WATCH) · serialised';

test('a bundle with two serialised components: sold by scan and choice, refunded whole', async ({
	page
}) => {
	const phone = await phonesInStock(page);
	const watch = await phonesInStock(page, 'PW-0002', 'Pixel Watch');

	// The bundle is defined on the product form; a part listed twice is refused.
	const form = new ProductFormPage(page);
	await form.gotoNew();
	await form.fill({ name: 'Pixel 9 + Watch kit', stockCode: 'KIT-9W', price: '499.00' });
	await form.addComponent(1, PHONE);
	await form.addComponent(2, PHONE);
	await form.save();
	await expect(form.alert).toContainText('Component 2 (Pixel 9) is listed twice');
	await expect(page).toHaveURL(/\/products\/new$/);
	await page.getByLabel('Component 2', { exact: true }).selectOption({ label: WATCH });
	await form.save();
	await expect(page).toHaveURL(/\/products\/[^/]+\/stock$/);

	const pos = new PosPage(page);
	await pos.goto();
	await pos.addByStockCode('KIT-9W');
	await expect(pos.status).toHaveText(
		'Added Pixel 9 + Watch kit: scan or choose a serial for each part.'
	);
	// The first part asks for its serial: a wedge scan fills it.
	await expect(pos.serialPanel('Pixel 9')).toContainText('Part of Pixel 9 + Watch kit: 0 of 1');
	await pos.scan('PX-0002');
	// Then the next part; a unit of another product is refused with the reason.
	const watchPanel = pos.serialPanel('Pixel Watch');
	await expect(watchPanel).toContainText('Part of Pixel 9 + Watch kit: 0 of 1');
	await pos.scan('PX-0003');
	await expect(pos.alert).toContainText('Serial PX-0003 is a Pixel 9, not a Pixel Watch');
	await watchPanel.getByRole('button', { name: 'Choose PW-0001' }).click();
	await expect(watchPanel).toBeHidden();
	await expect(pos.line(1)).toContainText('Pixel 9 + Watch kit');
	await expect(pos.line(2)).toContainText('PX-0002');
	await expect(pos.line(3)).toContainText('PW-0001');
	expect(await unitStatus(page, watch.id, 'PW-0001')).toEqual({
		status: 'reserved',
		holder: 'cart'
	});
	await pos.exactAmount.click();
	await expect(pos.amountPaid).toHaveValue('499.00');
	await pos.complete.click();
	await expect(pos.receipt).toContainText('Pixel 9 + Watch kit (bundle)');
	for (const serial of ['PX-0002', 'PW-0001'])
		await expect(pos.receipt.getByText(new RegExp(`${serial}\\s*— warranty until`))).toBeVisible();
	const receiptNo = await pos.receiptNo();

	expect(await unitStatus(page, phone.id, 'PX-0002')).toMatchObject({ status: 'sold' });
	expect(await unitStatus(page, watch.id, 'PW-0001')).toMatchObject({ status: 'sold' });

	// A scan of one part opens the sale with the whole bundle ticked.
	const refund = new RefundPage(page);
	await refund.goto();
	await refund.scan('PW-0001');
	await expect(refund.sale(receiptNo)).toBeVisible();
	await expect(refund.lines.getByLabel('Refund line 1 (Pixel 9 + Watch kit)')).toBeChecked();
	// The sale recorded which units went into the bundle: both come back with it.
	for (const serial of [/PX-0002/, /PW-0001/])
		await expect(refund.lines.getByRole('row', { name: serial })).toContainText(
			'comes back with the bundle'
		);
	await refund.lines.getByLabel('Condition, line 3').selectOption({ label: 'Faulty' });
	await refund.complete.click();
	await expect(refund.status).toContainText(
		`Refund of ${shownMoney(49900)} done on sale ${receiptNo}`
	);
	expect(await unitStatus(page, phone.id, 'PX-0002')).toMatchObject({ status: 'in_stock' });
	expect(await unitStatus(page, watch.id, 'PW-0001')).toMatchObject({ status: 'faulty' });
	// Never twice.
	await refund.scan('PX-0002');
	await expect(refund.alert).toHaveText(
		`Serial PX-0002 was already refunded on sale ${receiptNo}.`
	);
});

test('a bundle holds no stock of its own, a part short of its serial stops the sale, and the cart fits a phone', async ({
	page
}) => {
	await phonesInStock(page);
	await createProduct(page, { name: 'Case', stockCode: 'CASE', serialised: false, price: '5' });
	const form = new ProductFormPage(page);
	await form.gotoNew();
	await form.fill({ name: 'Phone and case', stockCode: 'KIT-PC', price: '20.00' });
	await form.addComponent(1, PHONE);
	await form.addComponent(2, 'Case (CASE)', '2');
	await form.save();
	await expect(page).toHaveURL(/\/products\/[^/]+\/stock$/);
	await expect(page.getByText('A bundle of 1 × Pixel 9, 2 × Case.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Receive stock' })).toHaveCount(0);

	// On a phone the cart's lines stack: nothing runs off the side of the screen.
	await page.setViewportSize({ width: 390, height: 844 });
	const pos = new PosPage(page);
	await pos.goto();
	await pos.addByStockCode('KIT-PC');
	await expect(pos.serialPanel('Pixel 9')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await pos.serialPanel('Pixel 9').getByRole('button', { name: 'Done' }).click();
	await expect(pos.line(3)).toContainText('Case');
	await pos.amountPaid.fill('20');
	await pos.complete.click();
	await expect(pos.alert).toContainText(
		'Line 2 (Pixel 9): quantity is 1 but 0 serials are chosen. Choose 1 more with the Serialized button.'
	);
	expect(await countHeld(page, 'sales')).toBe(0);
});
