/**
 * Looking units up: a product's Stock Info tab, a unit's own page, and the
 * header's "Find serial" box that works from every screen.
 */
import {
	createSupplier,
	DAY_MS,
	dayPattern,
	expect,
	momentPattern,
	possibleDays,
	receiveManual,
	receiveRange,
	serialisedProduct,
	shownMoney,
	test
} from './fixtures';

test("a product's Stock Info tab lists its units, filters by status and searches", async ({
	page,
	stockInfo
}) => {
	await createSupplier(page, 'Northwind');
	await createSupplier(page, 'Contoso Tools');
	const product = await serialisedProduct(page, 'Cordless Drill');
	const before = Date.now();
	await receiveRange(
		page,
		{ productId: product.id, supplier: 'Northwind', warrantyDays: '365' },
		'DR-A01',
		'DR-A03'
	);
	await receiveRange(
		page,
		{ productId: product.id, supplier: 'Contoso Tools', warrantyDays: '730' },
		'DR-B01',
		'DR-B02'
	);
	const after = Date.now();

	await stockInfo.goto(product.id);
	await expect(stockInfo.main.getByRole('link', { name: 'Stock Info' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await stockInfo.expectOnHand(5);
	await stockInfo.expectSerials(['DR-A01', 'DR-A02', 'DR-A03', 'DR-B01', 'DR-B02']);
	await expect(stockInfo.shownCount).toHaveText('Showing 5 of 5 units');

	const received = possibleDays(before, after);
	const a = await stockInfo.rowValues('DR-A02');
	expect(a).toMatchObject({ Serial: 'DR-A02', Status: 'In stock', Supplier: 'Northwind' });
	expect(a['Received']).toMatch(received);
	expect(a['Supplier warranty ends']).toMatch(
		possibleDays(before + 365 * DAY_MS, after + 365 * DAY_MS)
	);
	const b = await stockInfo.rowValues('DR-B01');
	expect(b).toMatchObject({ Serial: 'DR-B01', Status: 'In stock', Supplier: 'Contoso Tools' });
	expect(b['Supplier warranty ends']).toMatch(
		possibleDays(before + 730 * DAY_MS, after + 730 * DAY_MS)
	);

	// Filter by status.
	await expect(stockInfo.status.getByRole('option')).toContainText([
		'All (5)',
		'In stock (5)',
		'Sold (0)'
	]);
	await stockInfo.status.selectOption({ label: 'Sold (0)' });
	await stockInfo.expectSerials([]);
	await expect(stockInfo.shownCount).toHaveText('Showing 0 of 0 units');
	await stockInfo.status.selectOption({ label: 'In stock (5)' });
	await stockInfo.expectSerials(['DR-A01', 'DR-A02', 'DR-A03', 'DR-B01', 'DR-B02']);

	// Search: serials that start with what is typed, within the status filter.
	await stockInfo.search.fill('DR-B');
	await stockInfo.expectSerials(['DR-B01', 'DR-B02']);
	await stockInfo.status.selectOption({ label: 'Sold (0)' });
	await stockInfo.expectSerials([]);
	await stockInfo.status.selectOption({ label: 'All (5)' });
	await stockInfo.search.fill('DR-A03');
	await stockInfo.expectSerials(['DR-A03']);
	await stockInfo.search.fill('XX');
	await stockInfo.expectSerials([]);
	await stockInfo.search.fill('');
	await expect(stockInfo.rows).toHaveCount(5);
});

test('Stock Info shows a long list page by page', async ({ page, stockInfo }) => {
	const product = await serialisedProduct(page, 'Screwdriver Set');
	await receiveRange(
		page,
		{ productId: product.id, newSupplier: 'Contoso Tools' },
		'SD-0001',
		'SD-0250'
	);
	await stockInfo.goto(product.id);
	await stockInfo.expectOnHand(250);
	await expect(stockInfo.shownCount).toHaveText('Showing 200 of 250 units');
	await expect(stockInfo.rows).toHaveCount(200);
	await stockInfo.main.getByRole('button', { name: 'Show 200 more' }).click();
	await expect(stockInfo.shownCount).toHaveText('Showing 250 of 250 units');
	await expect(stockInfo.rows.last()).toContainText('SD-0250');
	await expect(stockInfo.main.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);
});

test("a unit's page: where it came from, its warranty, and its history", async ({
	page,
	settings,
	stockInfo,
	unit,
	receipt
}) => {
	await settings.goto();
	const device = await settings.readDeviceId();
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Pixel 9 128GB');
	const before = Date.now();
	await receiveManual(
		page,
		{
			productId: product.id,
			supplier: 'Northwind',
			reference: 'PO-4711',
			unitCost: '610.00',
			warrantyDays: '365'
		},
		'GP9-100'
	);
	const receiptId = receipt.receiptId;
	await receiveManual(
		page,
		{ productId: product.id, supplier: 'Northwind', warrantyDays: '0' },
		'GP9-200'
	);
	const after = Date.now();

	await stockInfo.goto(product.id);
	await stockInfo.row('GP9-100').getByRole('link', { name: 'GP9-100' }).click();
	await expect(page).toHaveURL(/\/unit\?product=.+&serial=GP9-100$/);
	await expect(unit.heading).toHaveText(/GP9-100$/);
	await expect(unit.main.getByText('In stock', { exact: true })).toBeVisible();
	await expect(unit.fact('Serial')).toHaveText('GP9-100');
	await expect(unit.fact('Product')).toHaveText(`Pixel 9 128GB ${product.stockCode}`);
	await expect(unit.fact('Supplier')).toHaveText('Northwind');
	await expect(unit.fact('Receipt')).toHaveText('PO-4711');
	await expect(unit.fact('Received')).toHaveText(possibleDays(before, after));
	await expect(unit.fact('Unit cost')).toHaveText(shownMoney(61000));
	const ends = dayPattern(before + 365 * DAY_MS, after + 365 * DAY_MS);
	await expect(unit.fact('Supplier warranty ends')).toHaveText(
		new RegExp(`^${ends}\\s*Running, 365 days left$`)
	);

	const history = await unit.historyValues();
	expect(history).toHaveLength(1);
	expect(history[0]).toMatchObject({
		'What happened': 'Received (Receipt PO-4711)',
		Device: device
	});
	// The receipt by the supplier's reference, linked to its page (not its internal id).
	await expect(unit.history.getByRole('link', { name: 'Receipt PO-4711' })).toHaveAttribute(
		'href',
		`/receipts/${receiptId}`
	);
	expect(history[0]?.['When']).toMatch(new RegExp(`^${momentPattern(before, after)}$`));

	// The receipt link leads back to the receipt; the product link to the product.
	await unit.fact('Receipt').getByRole('link', { name: 'PO-4711' }).click();
	await expect(receipt.heading).toHaveText('1 serial generated');
	await expect(receipt.fact('Reference')).toHaveText('PO-4711');

	// A unit whose supplier warranty has run out says so.
	await stockInfo.goto(product.id);
	await stockInfo.row('GP9-200').getByRole('link').click();
	await expect(unit.fact('Supplier warranty ends')).toHaveText(
		new RegExp(`^${dayPattern(before, after)}\\s*Expired$`)
	);
});

test('Find serial: an exact serial opens its unit from any screen', async ({
	page,
	suppliers,
	unit
}) => {
	const product = await serialisedProduct(page, 'Galaxy S24');
	await receiveRange(page, { productId: product.id, newSupplier: 'Northwind' }, 'SN0098', 'SN0102');

	await suppliers.goto();
	await suppliers.findSerial('SN0100');
	await expect(page).toHaveURL(`/unit?product=${product.id}&serial=SN0100`);
	await expect(unit.heading).toHaveText(/SN0100$/);
	await expect(unit.fact('Product')).toContainText('Galaxy S24');
	// The box empties for the next scan.
	await expect(unit.findBox).toHaveValue('');

	// Surrounding spaces from a scanner do not matter.
	await unit.findSerial('  SN0098 ');
	await expect(unit.fact('Serial')).toHaveText('SN0098');
});

test('Find serial: a serial on two products asks which one', async ({ page, stock, unit }) => {
	const phone = await serialisedProduct(page, 'Pixel 9');
	const tablet = await serialisedProduct(page, 'Pixel Tablet');
	await receiveRange(page, { productId: phone.id, newSupplier: 'Northwind' }, 'DUP-001', 'DUP-002');
	await receiveManual(page, { productId: tablet.id, supplier: 'Northwind' }, 'DUP-002\nTAB-1');

	await stock.goto();
	await stock.findSerial('DUP-002');
	await expect(page).toHaveURL('/find?serial=DUP-002');
	await expect(stock.main.getByRole('alert')).toHaveText(
		'Serial DUP-002 exists on 2 products. Which one?'
	);
	const choices = stock.main.getByRole('listitem');
	await expect(choices).toHaveCount(2);
	await expect(choices.getByRole('link', { name: 'Pixel 9', exact: true })).toBeVisible();
	await expect(choices.getByRole('link', { name: 'Pixel Tablet', exact: true })).toBeVisible();

	await choices.getByRole('link', { name: 'Pixel Tablet' }).click();
	await expect(page).toHaveURL(`/unit?product=${tablet.id}&serial=DUP-002`);
	await expect(unit.fact('Serial')).toHaveText('DUP-002');
	await expect(unit.fact('Product')).toContainText('Pixel Tablet');

	// Only on one product: straight to it.
	await unit.findSerial('DUP-001');
	await expect(page).toHaveURL(`/unit?product=${phone.id}&serial=DUP-001`);
});

test('Find serial: an unknown serial says so', async ({ page, stock }) => {
	const product = await serialisedProduct(page, 'Pixel 9');
	await receiveRange(page, { productId: product.id, newSupplier: 'Northwind' }, 'SN-1', 'SN-2');
	await stock.goto();
	await stock.findSerial('NOPE-404');
	await expect(page).toHaveURL('/find?serial=NOPE-404');
	await expect(stock.main.getByRole('alert')).toHaveText(
		'No unit with serial NOPE-404 on this device.'
	);
	// A serial is exact: a prefix of a real one is not a match.
	await stock.findSerial('SN-');
	await expect(stock.main.getByRole('alert')).toHaveText('No unit with serial SN- on this device.');
});
