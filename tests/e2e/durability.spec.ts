/**
 * Durable before applied (issue 12, part 5; DESIGN.md invariants 1 and 8):
 * failures of IndexedDB's writes injected under the app — a full disk, a
 * write that throws, the page closed or reloaded in the middle of a big
 * receipt. A failed save says so in words, keeps what was typed and leaves
 * nothing behind; every later save stands on its own; all or nothing.
 */
import { failLogWrites, installWriteFailures } from './fail-writes';
import { expect, heldCounts, serialisedProduct, test } from './fixtures';

test.beforeEach(async ({ page }) => {
	await installWriteFailures(page);
});

test('a full disk: the save says so, keeps the form, saves on retry, and every later save stands on its own', async ({
	page,
	generate,
	receipt
}) => {
	const product = await serialisedProduct(page, 'Pixel 9 128GB');
	await generate.goto(product.id);
	await generate.fillDetails({ newSupplier: 'Northwind' });
	await generate.range('QF-0001', 'QF-0005');
	await failLogWrites(page, 1);
	await generate.submit();
	await expect(generate.alert).toContainText("Nothing was saved: this device's storage is full");
	// What was typed is still there, and nothing of it was written.
	await expect(generate.rangeFirst).toHaveValue('QF-0001');
	await expect(generate.rangeLast).toHaveValue('QF-0005');
	expect(await heldCounts(page)).toMatchObject({ units: 0, receipts: 0 });

	// Trying again saves it.
	await generate.submit();
	await receipt.expectGenerated(5);

	// Ten more receipts, each its own save; then a reload: exactly those, once each.
	for (let i = 1; i <= 10; i++) {
		await generate.goto(product.id);
		await generate.fillDetails({ supplier: 'Northwind' });
		await generate.manual(`QF-1${String(i).padStart(3, '0')}`);
		await generate.submit();
		await receipt.expectGenerated(1);
	}
	await page.reload();
	const held = await heldCounts(page);
	expect(held).toMatchObject({ units: 15, receipts: 11 });
	// The new supplier, the product, and the eleven receipts.
	expect(held.events).toBe(1 + 1 + 11);
});

test('a write that throws: the save says so in words and nothing is written', async ({
	page,
	generate
}) => {
	const product = await serialisedProduct(page, 'Galaxy S24');
	await generate.goto(product.id);
	await generate.fillDetails({ newSupplier: 'Contoso' });
	await generate.manual('WT-1\nWT-2');
	await failLogWrites(page, 1, 'UnknownError');
	await generate.submit();
	await expect(generate.alert).toContainText('Nothing was saved: this device could not write it');
	await expect(generate.manualSerials).toHaveValue('WT-1\nWT-2');
	expect(await heldCounts(page)).toMatchObject({ units: 0, receipts: 0, suppliers: 0 });
});

for (const cut of ['reload', 'close'] as const) {
	test(`the page ${cut === 'reload' ? 'reloaded' : 'closed'} in the middle of a 10,000-serial receipt: all of it or nothing`, async ({
		page,
		context,
		generate
	}) => {
		test.setTimeout(90_000);
		const product = await serialisedProduct(page, 'Bulk Drill');
		await generate.goto(product.id);
		await generate.fillDetails({ newSupplier: 'Fabrikam' });
		await generate.chooseMethod('Provide Range');
		await generate.rangeFirst.fill('BD-00001');
		await generate.rangeLast.fill('BD-10000');
		await generate.submitButton.click();
		// Somewhere in the write: IndexedDB has the rows in hand.
		await page.waitForTimeout(150);
		let after = page;
		if (cut === 'reload') await page.reload();
		else {
			await page.close();
			after = await context.newPage();
			await after.goto('/stock');
		}
		const { units, receipts } = await heldCounts(after);
		expect([0, 10_000]).toContain(units);
		expect(receipts).toBe(units === 0 ? 0 : 1);
	});
}
