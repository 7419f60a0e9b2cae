/** Demo data: an empty store offers it, and it gives a store to look around in. */
import { expect, test } from './fixtures';

test('an empty store offers demo data, which brings suppliers, products and about 200 units', async ({
	page,
	stock,
	suppliers,
	settings,
	stockInfo
}) => {
	await stock.goto();
	await expect(page.getByText('This store has no products yet.')).toBeVisible();
	await stock.loadDemoButton.click();

	const loaded = stock.main.getByRole('status');
	await expect(loaded).toHaveText(/^Demo data loaded: [\d,]+ serialised units\.$/);
	const units = Number((await loaded.innerText()).replace(/\D/g, ''));
	expect(units).toBeGreaterThanOrEqual(150);
	expect(units).toBeLessThanOrEqual(250);

	// Several products, some serialised and some not.
	await expect(stock.rows).not.toHaveCount(0);
	const names = await stock.productNames();
	expect(names.length).toBeGreaterThanOrEqual(3);
	let serialisedOnHand = 0;
	const serialised: { name: string; onHand: number }[] = [];
	let plain = 0;
	for (const name of names) {
		const isSerialised = (await (await stock.cell(name, 'Serialised Stock')).innerText()) === 'Yes';
		const onHand = Number(
			(await (await stock.cell(name, 'On hand')).innerText()).replace(/,/g, '')
		);
		if (isSerialised) {
			serialised.push({ name, onHand });
			serialisedOnHand += onHand;
			await expect(stock.generateSerialButton(name)).toBeVisible();
		} else {
			plain++;
			await expect(stock.receiveLink(name)).toBeVisible();
		}
	}
	expect(serialised.length).toBeGreaterThanOrEqual(2);
	expect(plain).toBeGreaterThanOrEqual(1);
	expect(serialisedOnHand).toBe(units);

	// The units are real units: a product's Stock Info tab lists each of them.
	const { name, onHand } = serialised[0] ?? { name: '', onHand: 0 };
	expect(onHand).toBeGreaterThan(0);
	await stock.row(name).getByRole('link', { name, exact: true }).click();
	await stockInfo.expectOnHand(onHand);
	await expect(stockInfo.rows).toHaveCount(Math.min(onHand, 200));
	await expect(stockInfo.rows.first()).toContainText('In stock');

	await suppliers.openFromNav('Suppliers');
	await expect(suppliers.rows.first()).toBeVisible();
	expect(await suppliers.rows.count()).toBeGreaterThanOrEqual(2);

	// Demo data goes only into an empty store.
	await settings.openFromNav('Settings');
	await expect(settings.loadDemoButton).toBeDisabled();
	await expect(
		page.getByText('Demo data can only be loaded into a store without products')
	).toBeVisible();
});

test('Settings offers demo data too, and it survives a reload', async ({
	page,
	settings,
	stock
}) => {
	await settings.goto();
	await expect(settings.loadDemoButton).toBeEnabled();
	await settings.loadDemoButton.click();
	await expect(settings.main.getByRole('status')).toHaveText(
		/^Demo data loaded: [\d,]+ serialised units\.$/
	);
	await expect(settings.loadDemoButton).toBeDisabled();
	await page.reload();
	await stock.openFromNav('Stock');
	await expect(stock.rows).not.toHaveCount(0);
	expect((await stock.productNames()).length).toBeGreaterThanOrEqual(3);
});
