/**
 * Generate Stock Serials, end to end: each method, from each way in, down to
 * what the Stock list and the product's Stock Info tab then hold.
 */
import {
	createSupplier,
	expect,
	possibleDays,
	receiveRange,
	serialisedProduct,
	shownMoney,
	storedCounts,
	test
} from './fixtures';

/** Characters a person can mistake for another (DESIGN.md, Serials). */
const LOOK_ALIKES = /[0OQD1IL2Z5S8BUV]/;

test('System Generated: 5 unique, short, unambiguous serials from the Stock list', async ({
	page,
	stock,
	generate,
	receipt
}) => {
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Pixel 9 128GB');
	await stock.goto();
	await stock.expectOnHand('Pixel 9 128GB', 0);

	await stock.generateSerialButton('Pixel 9 128GB').click();
	await expect(generate.heading).toBeVisible();
	await expect(page).toHaveURL(`/stock/generate?product=${product.id}`);
	await expect(generate.product).toHaveValue(product.id);
	await expect(generate.main.getByText('for Pixel 9 128GB')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'System Generated' })).toBeChecked();

	await generate.fillDetails({ supplier: 'Northwind', warrantyDays: '365' });
	await generate.systemGenerated('5');
	await generate.submit();

	await receipt.expectGenerated(5);
	await expect(receipt.saved).toHaveText('Saved: 5 units of Pixel 9 128GB are in stock.');
	await expect(receipt.fact('Method')).toHaveText('System Generated');
	await expect(receipt.fact('Supplier')).toHaveText('Northwind');
	const first = await receipt.shownSerials();
	expect(first).toHaveLength(5);
	expect(new Set(first).size).toBe(5);
	for (const serial of first) {
		expect(serial.length, serial).toBeLessThanOrEqual(16);
		expect(serial, 'printable ASCII, no spaces').toMatch(/^[\x21-\x7e]+$/);
		expect(serial, 'no look-alike characters').not.toMatch(LOOK_ALIKES);
	}

	await stock.openFromNav('Stock');
	await stock.expectOnHand('Pixel 9 128GB', 5);

	// After a reload the device keeps counting: the next batch repeats none of the first.
	await page.reload();
	await stock.generateSerialButton('Pixel 9 128GB').click();
	await generate.fillDetails({ supplier: 'Northwind' });
	await generate.systemGenerated('3');
	await generate.submit();
	await receipt.expectGenerated(3);
	const second = await receipt.shownSerials();
	expect(new Set([...first, ...second]).size).toBe(8);
	await stock.openFromNav('Stock');
	await stock.expectOnHand('Pixel 9 128GB', 8);
});

test('Provide Range SN0098..SN0102 from the Stock Info tab gives exactly those five', async ({
	page,
	stockInfo,
	generate,
	receipt,
	stock
}) => {
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Galaxy S24');
	await stockInfo.goto(product.id);
	await stockInfo.expectOnHand(0);
	await stockInfo.generateSerialButton.click();
	await expect(generate.heading).toBeVisible();
	await expect(generate.product).toHaveValue(product.id);

	await generate.fillDetails({ supplier: 'Northwind', reference: 'PO-1002', unitCost: '700.00' });
	await generate.range('SN0098', 'SN0102');
	await expect(generate.main.getByText(/^5 serials: SN0098 … SN0102$/)).toBeVisible();
	await generate.submit();

	await receipt.expectGenerated(5);
	expect(await receipt.shownSerials()).toEqual(['SN0098', 'SN0099', 'SN0100', 'SN0101', 'SN0102']);
	await expect(receipt.fact('Method')).toHaveText('Provide Range');
	await expect(receipt.fact('Reference')).toHaveText('PO-1002');
	await expect(receipt.fact('Unit cost')).toHaveText(shownMoney(70000));

	await receipt.main.getByRole('link', { name: 'Galaxy S24' }).click();
	await stockInfo.expectOnHand(5);
	await stockInfo.expectSerials(['SN0098', 'SN0099', 'SN0100', 'SN0101', 'SN0102']);
	await stock.openFromNav('Stock');
	await stock.expectOnHand('Galaxy S24', 5);
});

test('Provide Range A-009-X..A-011-X keeps prefix and suffix: three serials', async ({
	page,
	stockInfo
}) => {
	await createSupplier(page, 'Contoso Tools');
	const product = await serialisedProduct(page, 'Angle Grinder');
	const receipt = await receiveRange(
		page,
		{ productId: product.id, supplier: 'Contoso Tools' },
		'A-009-X',
		'A-011-X'
	);
	await receipt.expectGenerated(3);
	expect(await receipt.shownSerials()).toEqual(['A-009-X', 'A-010-X', 'A-011-X']);
	await stockInfo.goto(product.id);
	await stockInfo.expectOnHand(3);
	await stockInfo.expectSerials(['A-009-X', 'A-010-X', 'A-011-X']);
});

test('Provide Range by first and count: HX-0998 and 5 ends at HX-1002', async ({
	page,
	generate,
	receipt,
	stockInfo
}) => {
	await createSupplier(page, 'Contoso Tools');
	const product = await serialisedProduct(page, 'Hex Driver');
	await generate.goto(product.id);
	await generate.fillDetails({ supplier: 'Contoso Tools' });
	await generate.rangeByCount('HX-0998', '5');
	await expect(generate.main.getByText(/^5 serials: HX-0998 … HX-1002$/)).toBeVisible();
	await generate.submit();

	await receipt.expectGenerated(5);
	const serials = ['HX-0998', 'HX-0999', 'HX-1000', 'HX-1001', 'HX-1002'];
	expect(await receipt.shownSerials()).toEqual(serials);
	await stockInfo.goto(product.id);
	await stockInfo.expectSerials(serials);
});

test('Input Serials Manually: lines and commas, blank lines skipped', async ({
	page,
	generate,
	receipt,
	stock,
	stockInfo
}) => {
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Pulse Oximeter');
	await generate.goto();
	await generate.chooseProduct(`Pulse Oximeter (${product.stockCode})`);
	await generate.fillDetails({ supplier: 'Northwind' });
	await generate.manual('M-001\nM-002, M-003\n\n\n  M-004  \r\nM-005,,M-006\n\n');
	await expect(generate.main.getByText('6 serials', { exact: true })).toBeVisible();
	await generate.submit();

	await receipt.expectGenerated(6);
	const serials = ['M-001', 'M-002', 'M-003', 'M-004', 'M-005', 'M-006'];
	expect(await receipt.shownSerials()).toEqual(serials);
	await expect(receipt.fact('Method')).toHaveText('Input Serials Manually');
	await stock.openFromNav('Stock');
	await stock.expectOnHand('Pulse Oximeter', 6);
	await stockInfo.goto(product.id);
	await stockInfo.expectSerials(serials);
});

test('a new supplier is created from the Generate Stock Serials form', async ({
	page,
	generate,
	receipt,
	suppliers
}) => {
	const product = await serialisedProduct(page, 'Pulse Oximeter');
	await generate.goto(product.id);
	await generate.fillDetails({ newSupplier: 'Fabrikam Medical Supply', warrantyDays: '730' });
	await generate.range('PO80-0501', 'PO80-0502');
	await generate.submit();

	await receipt.expectGenerated(2);
	await expect(receipt.fact('Supplier')).toHaveText('Fabrikam Medical Supply');
	await expect(receipt.fact("Warranty Term In Days (the supplier's)")).toHaveText('730');

	await suppliers.openFromNav('Suppliers');
	await expect(suppliers.rows).toHaveCount(1);
	await expect(suppliers.row('Fabrikam Medical Supply')).toBeVisible();

	// The next receipt offers it as an existing supplier.
	await generate.goto(product.id);
	await expect(
		generate.supplier.getByRole('option', { name: 'Fabrikam Medical Supply' })
	).toHaveCount(1);
});

test('the receipt shows what was received and prints every serial', async ({ page, receipt }) => {
	await createSupplier(page, 'Northwind');
	const product = await serialisedProduct(page, 'Cordless Drill');
	const before = Date.now();
	await receiveRange(
		page,
		{ productId: product.id, supplier: 'Northwind', reference: 'INV-5521', warrantyDays: '1095' },
		'DR-001',
		'DR-040'
	);
	const after = Date.now();
	await receipt.expectGenerated(40);
	await expect(receipt.fact('Product')).toHaveText('Cordless Drill');
	await expect(receipt.fact('Supplier')).toHaveText('Northwind');
	await expect(receipt.fact('Reference')).toHaveText('INV-5521');
	await expect(receipt.fact('Received')).toHaveText(possibleDays(before, after));
	await expect(receipt.fact("Warranty Term In Days (the supplier's)")).toHaveText('1095');

	const expected = Array.from({ length: 40 }, (_, i) => `DR-${String(i + 1).padStart(3, '0')}`);
	const receiptId = receipt.receiptId;
	await receipt.printButton.click();

	// The label screen: a barcode label for every serial, not only the rows the screen list has drawn.
	await expect(page).toHaveURL(`/labels?receipt=${receiptId}`);
	await expect(page.getByRole('status', { name: 'Label progress' })).toHaveText(
		'40 labels ready to print',
		{ timeout: 30_000 }
	);
	const barcodes = page
		.getByRole('region', { name: 'Label preview' })
		.getByRole('img', { name: /^Barcode / });
	await expect(barcodes).toHaveCount(40);
	expect(
		await barcodes.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('aria-label')))
	).toEqual(expected.map((serial) => `Barcode ${serial}`));
	expect((await storedCounts(page)).units).toBe(40);
});
