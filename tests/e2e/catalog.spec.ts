/**
 * The catalog (suppliers, products, the Serialised Stock flag) and the
 * Stock Manager > Stock list that shows it.
 */
import {
	createProduct,
	createSupplier,
	expect,
	literal,
	receiveRange,
	serialisedProduct,
	shownMoney,
	storedCounts,
	test
} from './fixtures';

test.describe('Catalog', () => {
	test('a supplier is created and listed with its phone and email', async ({ page, suppliers }) => {
		await suppliers.goto();
		await expect(page.getByText('No suppliers yet.')).toBeVisible();
		await suppliers.addButton.click();
		await suppliers.name.fill('Northwind Mobile');
		await suppliers.phone.fill('+44 20 7946 0000');
		await suppliers.email.fill('orders@northwind.example');
		await suppliers.saveButton.click();

		await expect(page).toHaveURL(/\/suppliers$/);
		await expect(suppliers.row('Northwind Mobile')).toHaveText(
			/^Northwind Mobile\s+\+44 20 7946 0000\s+orders@northwind\.example$/,
			{ useInnerText: true }
		);

		// A second supplier of the same name is refused, and not added.
		await suppliers.addButton.click();
		await suppliers.name.fill('northwind mobile');
		await suppliers.saveButton.click();
		await expect(suppliers.alert).toContainText(
			'A supplier named northwind mobile already exists.'
		);
		await suppliers.goto();
		await expect(suppliers.rows).toHaveCount(1);
	});

	test('products are created with Serialised Stock Yes and No', async ({
		page,
		productForm,
		stock,
		stockInfo
	}) => {
		await stock.goto();
		await stock.main.getByRole('link', { name: 'Add product' }).first().click();
		await productForm.fill({
			name: 'Galaxy S24 256GB',
			stockCode: 'SGS24-256',
			barcode: '8806095299635',
			price: '899.00',
			serialised: true,
			customerWarrantyDays: '365'
		});
		await productForm.save();
		// A new product opens on its Stock Info tab.
		await expect(page).toHaveURL(/\/products\/[^/]+\/stock$/);
		await expect(page.getByRole('heading', { name: 'Galaxy S24 256GB', level: 1 })).toBeVisible();
		await stockInfo.expectOnHand(0);
		await expect(stockInfo.generateSerialButton).toBeVisible();

		await productForm.gotoNew();
		// A new product starts with Serialised Stock Yes (issue 17, item 11): a charger is set to No.
		await productForm.fill({
			name: 'USB-C Charger 25W',
			stockCode: 'CHG-25W',
			price: '19.90',
			serialised: false
		});
		await productForm.expectSerialisedShown(false);
		await productForm.save();
		await expect(page.getByRole('heading', { name: 'USB-C Charger 25W', level: 1 })).toBeVisible();
		await expect(page.getByText('This product does not have Serialised Stock')).toBeVisible();

		await productForm.openFromNav('Products');
		const table = page.getByRole('table', { name: 'Products' });
		await expect(table.locator('tbody').getByRole('row')).toHaveText(
			[
				new RegExp(`^Galaxy S24 256GB\\s+SGS24-256\\s+Yes\\s+${literal(shownMoney(89900))}$`),
				new RegExp(`^USB-C Charger 25W\\s+CHG-25W\\s+No\\s+${literal(shownMoney(1990))}$`)
			],
			{ useInnerText: true }
		);
	});

	test('a product cannot be saved with a missing name or a stock code already in use', async ({
		page,
		productForm
	}) => {
		await serialisedProduct(page, 'Pixel 9');
		const before = await storedCounts(page);
		await productForm.gotoNew();
		await productForm.fill({ name: '', stockCode: 'pixel-9' });
		await productForm.save();
		await expect(productForm.alert).toContainText('Enter the product name.');
		await expect(productForm.alert).toContainText(
			'Stock code pixel-9 is already used by another product.'
		);
		await expect(productForm.name).toHaveAccessibleDescription('Enter the product name.');
		await expect(page).toHaveURL(/\/products\/new$/);
		expect(await storedCounts(page)).toEqual(before);
	});

	test('a product is edited on its Details tab and the change shows everywhere', async ({
		page,
		productForm,
		stock
	}) => {
		const product = await serialisedProduct(page, 'Cordless Drill 18V');
		await page
			.getByRole('navigation', { name: 'Product' })
			.getByRole('link', { name: 'Details' })
			.click();
		await expect(productForm.name).toHaveValue('Cordless Drill 18V');
		await productForm.fill({ name: 'Cordless Drill 18V Brushless', price: '149.00' });
		await productForm.save();
		await expect(productForm.savedStatus).toBeVisible();

		await page.reload();
		await expect(productForm.name).toHaveValue('Cordless Drill 18V Brushless');
		await expect(productForm.price).toHaveValue('149.00');
		await expect(productForm.stockCode).toHaveValue(product.stockCode);

		await stock.goto();
		await expect(stock.row('Cordless Drill 18V Brushless')).toBeVisible();
		await expect(stock.row('Cordless Drill 18V')).toHaveCount(0);
	});

	test('Serialised Stock cannot be switched off while units are in stock: the reason shows and nothing changes', async ({
		page,
		productForm,
		stock
	}) => {
		await createSupplier(page, 'Contoso Tools');
		const product = await serialisedProduct(page, 'Angle Grinder 125mm');
		await receiveRange(
			page,
			{ productId: product.id, supplier: 'Contoso Tools' },
			'AG-001',
			'AG-003'
		);
		const before = await storedCounts(page);

		await productForm.gotoDetails(product.id);
		await productForm.fill({ name: 'Angle Grinder (renamed)', serialised: false });
		await productForm.save();
		await expect(productForm.alert).toContainText(
			'Serialised Stock cannot be switched off: this product has 3 serialised units in stock. Sell, write off or return them first.'
		);
		await expect(productForm.serialised).toHaveAccessibleDescription(
			/Serialised Stock cannot be switched off: this product has 3 serialised units in stock/
		);
		expect(await storedCounts(page)).toEqual(before);

		// Nothing changed: not the flag, not the name typed alongside it.
		await page.reload();
		await expect(productForm.name).toHaveValue('Angle Grinder 125mm');
		await productForm.expectSerialisedShown(true);
		await stock.goto();
		expect(await (await stock.cell('Angle Grinder 125mm', 'Serialised Stock')).innerText()).toBe(
			'Yes'
		);
		await stock.expectOnHand('Angle Grinder 125mm', 3);
		await expect(stock.generateSerialButton('Angle Grinder 125mm')).toBeVisible();
	});

	test('Serialised Stock can be switched off when the product has no units', async ({
		page,
		productForm,
		stock
	}) => {
		const product = await serialisedProduct(page, 'Pulse Oximeter');
		await productForm.gotoDetails(product.id);
		await productForm.fill({ serialised: false });
		await productForm.save();
		await expect(productForm.savedStatus).toBeVisible();

		await page.reload();
		await productForm.expectSerialisedShown(false);
		await stock.goto();
		await expect(await stock.cell('Pulse Oximeter', 'Serialised Stock')).toHaveText('No');
		await expect(stock.generateSerialButton('Pulse Oximeter')).toHaveCount(0);
		await expect(stock.receiveLink('Pulse Oximeter')).toBeVisible();
	});
});

test.describe('Stock Manager > Stock', () => {
	test('lists every product with On hand, and Generate Serial only on serialised ones', async ({
		page,
		stock
	}) => {
		await createSupplier(page, 'Northwind');
		const phone = await serialisedProduct(page, 'Pixel 9 128GB');
		await serialisedProduct(page, 'Galaxy S24');
		await createProduct(page, { name: 'Screen Protector', stockCode: 'SCR-2', serialised: false });
		await receiveRange(page, { productId: phone.id, supplier: 'Northwind' }, 'GP9-01', 'GP9-04');

		await stock.openFromNav('Stock');
		await expect(page.getByText('Stock Manager > Stock')).toBeVisible();
		await expect(stock.rows).toHaveCount(3);
		expect(await stock.productNames()).toEqual(['Galaxy S24', 'Pixel 9 128GB', 'Screen Protector']);
		await stock.expectOnHand('Pixel 9 128GB', 4);
		await stock.expectOnHand('Galaxy S24', 0);
		await stock.expectOnHand('Screen Protector', 0);

		await expect(stock.generateSerialButton('Pixel 9 128GB')).toHaveCount(1);
		await expect(stock.generateSerialButton('Galaxy S24')).toHaveCount(1);
		await expect(stock.generateSerialButton('Screen Protector')).toHaveCount(0);
		await expect(stock.receiveLink('Screen Protector')).toBeVisible();
		await expect(stock.table.getByRole('button', { name: 'Generate Serial' })).toHaveCount(2);
	});

	test('search finds products by name, stock code and serial', async ({ page, stock }) => {
		await createSupplier(page, 'Northwind');
		const phone = await createProduct(page, {
			name: 'Pixel 9 128GB',
			stockCode: 'PX9-128',
			serialised: true
		});
		await createProduct(page, { name: 'Galaxy S24', stockCode: 'SGS24', serialised: true });
		await createProduct(page, { name: 'Screen Protector', stockCode: 'SCR-2', serialised: false });
		await receiveRange(
			page,
			{ productId: phone.id, supplier: 'Northwind' },
			'GP9A0098',
			'GP9A0102'
		);
		await stock.goto();
		await expect(stock.rows).toHaveCount(3);

		await stock.searchFor('galaxy');
		await expect(stock.rows).toHaveCount(1);
		await expect(stock.row('Galaxy S24')).toBeVisible();

		await stock.searchFor('scr-2');
		await expect(stock.rows).toHaveCount(1);
		await expect(stock.row('Screen Protector')).toBeVisible();

		await stock.searchFor('GP9A0100');
		await expect(stock.rows).toHaveCount(1);
		await expect(stock.row('Pixel 9 128GB')).toBeVisible();
		await expect(stock.row('Pixel 9 128GB').getByRole('link', { name: 'GP9A0100' })).toBeVisible();

		// Enter on an exact serial opens that unit.
		await stock.search.press('Enter');
		await expect(page).toHaveURL(/\/unit\?/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/GP9A0100$/);

		await stock.goto();
		await stock.searchFor('no such thing');
		await expect(stock.rows).toHaveText(['Nothing matches “no such thing”.']);
	});

	test('a non-serialised product receives a quantity and On hand goes up', async ({
		page,
		stock
	}) => {
		await createSupplier(page, 'Northwind');
		await createProduct(page, {
			name: 'USB-C Charger 25W',
			stockCode: 'CHG-25W',
			serialised: false
		});
		await stock.goto();
		await stock.expectOnHand('USB-C Charger 25W', 0);

		await stock.receiveLink('USB-C Charger 25W').click();
		await expect(page.getByRole('heading', { name: 'Receive stock', level: 1 })).toBeVisible();
		await page.getByLabel('Supplier').selectOption({ label: 'Northwind' });
		await page.getByLabel('Quantity').fill('12');
		await page.getByRole('button', { name: 'Receive stock' }).click();
		await expect(page).toHaveURL(/\/stock$/);
		await stock.expectOnHand('USB-C Charger 25W', 12);

		// A bad quantity is refused and adds nothing.
		await stock.receiveLink('USB-C Charger 25W').click();
		await page.getByLabel('Quantity').fill('2.5');
		await page.getByRole('button', { name: 'Receive stock' }).click();
		await expect(page.getByRole('main').getByRole('alert')).toContainText(
			'Quantity must be a whole number, not "2.5"'
		);
		await page.getByLabel('Quantity').fill('8');
		await page.getByRole('button', { name: 'Receive stock' }).click();
		await expect(page).toHaveURL(/\/stock$/);
		await stock.expectOnHand('USB-C Charger 25W', 20);
	});
});
