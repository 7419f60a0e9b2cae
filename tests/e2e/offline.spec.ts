/**
 * Issue 2 is "receive serialised stock on one device, offline": after the
 * first visit the service worker serves every screen, deep links included,
 * and data written offline is kept on the device.
 */
import type { Page } from '@playwright/test';
import {
	createSupplier,
	expect,
	receiveRange,
	serialisedProduct,
	storedCounts,
	test
} from './fixtures';
import { StockPage } from './pages/stock-page';

/** The first visit: wait until the service worker controls the page (it claims it at once). */
async function firstVisit(page: Page): Promise<void> {
	await page.goto('/stock');
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

test('data survives a reload and a new tab', async ({ page, context, stockInfo, suppliers }) => {
	await createSupplier(page, 'Northwind', { phone: '555-0100' });
	const product = await serialisedProduct(page, 'Pixel 9');
	await receiveRange(page, { productId: product.id, supplier: 'Northwind' }, 'SN0098', 'SN0102');
	await stockInfo.goto(product.id);
	await stockInfo.expectOnHand(5);
	const counts = await storedCounts(page);

	await page.reload();
	await stockInfo.expectOnHand(5);
	await stockInfo.expectSerials(['SN0098', 'SN0099', 'SN0100', 'SN0101', 'SN0102']);

	const second = await context.newPage();
	const secondStock = new StockPage(second);
	await secondStock.goto();
	await secondStock.expectOnHand('Pixel 9', 5);
	expect(await storedCounts(second)).toEqual(counts);
	await second.close();

	await suppliers.goto();
	await expect(suppliers.row('Northwind')).toContainText('555-0100');
});

test('offline after the first visit: every screen opens, deep links too, and receiving works', async ({
	page,
	context,
	stock,
	generate,
	receipt,
	stockInfo,
	unit,
	suppliers,
	productForm,
	settings
}) => {
	await firstVisit(page);
	await context.setOffline(true);
	expect(await page.evaluate(() => navigator.onLine)).toBe(false);

	// A reload with no network: the service worker serves the app.
	await page.reload();
	await expect(stock.heading).toBeVisible();

	// The whole of issue 2, offline: catalog, then Generate Stock Serials.
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Pixel 9');
	await stock.goto();
	await stock.generateSerialButton('Pixel 9').click();
	await generate.fillDetails({ supplier: 'Northwind', reference: 'PO-OFF-1' });
	await generate.range('OFF-001', 'OFF-004');
	await generate.submit();
	await receipt.expectGenerated(4);
	const receiptUrl = new URL(page.url()).pathname;

	// Every screen, through the navigation.
	await stock.openFromNav('Stock');
	await stock.expectOnHand('Pixel 9', 4);
	await stock.openFromNav('Products');
	await expect(
		page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Pixel 9' })
	).toBeVisible();
	await stock.openFromNav('Suppliers');
	await expect(suppliers.row('Northwind')).toBeVisible();
	await stock.openFromNav('Settings');
	await expect(settings.deviceId).toHaveText(/^[a-z0-9]{6,}$/);

	// Deep links, each a full load from the service worker.
	await page.goto(`/products/${product.id}/stock`);
	await stockInfo.expectOnHand(4);
	await stockInfo.expectSerials(['OFF-001', 'OFF-002', 'OFF-003', 'OFF-004']);

	await page.goto(`/unit?product=${product.id}&serial=OFF-003`);
	await expect(unit.fact('Serial')).toHaveText('OFF-003');
	await expect(unit.fact('Supplier')).toHaveText('Northwind');
	await expect(unit.fact('Receipt')).toHaveText('PO-OFF-1');

	await page.goto(receiptUrl);
	await receipt.expectGenerated(4);
	expect(await receipt.shownSerials()).toEqual(['OFF-001', 'OFF-002', 'OFF-003', 'OFF-004']);

	await page.goto(`/products/${product.id}`);
	await expect(productForm.name).toHaveValue('Pixel 9');

	await page.goto('/stock/generate');
	await expect(generate.heading).toBeVisible();
	await expect(generate.product.getByRole('option', { name: /^Pixel 9/ })).toHaveCount(1);

	await page.goto('/find?serial=OFF-002');
	await expect(page).toHaveURL(`/unit?product=${product.id}&serial=OFF-002`);
	await unit.findSerial('NOT-HERE');
	await expect(unit.main.getByRole('alert')).toHaveText(
		'No unit with serial NOT-HERE on this device.'
	);

	// And it is all still there after another reload, still offline.
	await page.goto('/stock');
	await page.reload();
	await stock.expectOnHand('Pixel 9', 4);
	expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});
