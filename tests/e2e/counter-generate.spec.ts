/**
 * Generate Stock Serials as a newcomer meets it (issue 17): a range whose
 * number grows a digit is said and confirmed, the two warranties say whose
 * they are, and after a reload the form says what it last saved.
 */
import {
	createProduct,
	createSupplier,
	expect,
	heldCounts,
	serialisedProduct,
	storedCounts,
	test
} from './fixtures';
import { sellScanned } from './pos-fixtures';

test('Provide Range SN-9998 and 5: the preview says the number grows a digit, and saving asks to confirm', async ({
	page,
	generate,
	receipt
}) => {
	await createSupplier(page, 'Contoso Tools');
	const product = await serialisedProduct(page, 'Hex Driver');
	await generate.goto(product.id);
	await generate.fillDetails({ supplier: 'Contoso Tools' });
	await generate.rangeByCount('SN-9998', '5');
	await expect(generate.main.getByText(/^5 serials: SN-9998 … SN-10002$/)).toBeVisible();
	await expect(generate.main.getByRole('status')).toContainText(
		'The number grows from 4 to 5 digits at SN-10000'
	);
	const before = await storedCounts(page);
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText(
		'The number grows from 4 to 5 digits at SN-10000: tick "Save with the longer number"'
	);
	expect(await storedCounts(page)).toEqual(before);

	await page.getByRole('checkbox', { name: 'Save with the longer number' }).check();
	await generate.submit();
	await receipt.expectGenerated(5);
	expect(await receipt.shownSerials()).toEqual([
		'SN-9998',
		'SN-9999',
		'SN-10000',
		'SN-10001',
		'SN-10002'
	]);
});

test("the supplier's warranty on Generate and the customer's on the product: each says whose, and the sale receipt claims none it was not given", async ({
	page,
	generate,
	receipt,
	productForm
}) => {
	test.setTimeout(60_000);
	// A product with no Customer Warranty In Days; 365 days from the supplier.
	const product = await createProduct(page, {
		name: 'Pixel 9',
		stockCode: 'PX9',
		serialised: true
	});
	await productForm.gotoDetails(product.id);
	await expect(
		page.getByText("The customer's warranty: what the shop gives the buyer")
	).toBeVisible();
	await generate.goto(product.id);
	await expect(page.getByLabel("Warranty Term In Days (the supplier's)")).toHaveValue('365');
	await expect(page.getByText("Warranty Term In Days is the supplier's warranty")).toContainText(
		"The customer's warranty is the product's Customer Warranty In Days: none set on Pixel 9"
	);
	await generate.fillDetails({ newSupplier: 'Northwind', warrantyDays: '365' });
	await generate.range('PX-0001', 'PX-0002');
	await generate.submit();
	await receipt.expectGenerated(2);
	await expect(receipt.fact("Warranty Term In Days (the supplier's)")).toHaveText('365');

	await sellScanned(page, ['PX-0001']);
	const sold = page.getByRole('region', { name: /^Receipt / });
	await expect(sold).toContainText('PX-0001');
	await expect(sold).not.toContainText('no warranty');

	// With a customer warranty set, Generate names it and the receipt prints it.
	await productForm.gotoDetails(product.id);
	await productForm.fill({ customerWarrantyDays: '90' });
	await productForm.save();
	await expect(productForm.savedStatus).toBeVisible();
	await generate.goto(product.id);
	await expect(page.getByText("Warranty Term In Days is the supplier's warranty")).toContainText(
		'Customer Warranty In Days: 90 days on Pixel 9'
	);
	await sellScanned(page, ['PX-0002']);
	await expect(sold.getByText(/PX-0002\s*— warranty until/)).toBeVisible();
});

test('Generate says what this form saved last, after the receipt and after a reload in the middle of a save', async ({
	page,
	generate,
	receipt
}) => {
	test.setTimeout(90_000);
	const product = await serialisedProduct(page, 'Bulk Drill');
	await generate.goto(product.id);
	const last = generate.main.getByRole('status');
	await expect(generate.heading).toBeVisible();
	await expect(last).toHaveCount(0);
	await generate.fillDetails({ newSupplier: 'Fabrikam', reference: 'PO-77' });
	await generate.range('BD-00001', 'BD-00005');
	await generate.submit();
	await receipt.expectGenerated(5);
	await generate.goto(product.id);
	await expect(last).toContainText(
		'Last saved from this form: 5 serials of Bulk Drill, reference PO-77, on'
	);

	// A big batch, and a reload while it is being written: the form says which way it went.
	await generate.fillDetails({ supplier: 'Fabrikam', reference: 'PO-78' });
	await generate.range('BD-00006', 'BD-10005');
	await generate.submitButton.click();
	await page.waitForTimeout(150);
	await page.reload();
	await expect(generate.heading).toBeVisible();
	const { receipts } = await heldCounts(page);
	if (receipts === 2)
		await expect(last).toContainText(
			/Last saved from this form: 10\D?000 serials of Bulk Drill, reference PO-78/
		);
	else {
		expect(receipts).toBe(1);
		await expect(last).toContainText('was not saved: none of it is in stock');
	}
});
