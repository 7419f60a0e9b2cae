/**
 * GS1 DataMatrix unit labels: GTIN from the product's barcode field, the
 * serial, and lot and expiry where receiving read them. Printed to PDF at the
 * template's size, rasterised at the printer's resolution (pdftoppm), and
 * every label cut out and read on its own by ZXing-C++ (zxing-wasm in Node;
 * zbarimg has no DataMatrix): each must read back as the element string we
 * meant, with its GS1 symbology identifier.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMatrixLabels, STOCK } from '../fixtures/label-sheets.js';
import { createProduct, expect, receiveManual, test } from './fixtures';
import { code, GS, GTIN, receiveByScans, stentProduct } from './gs1-fixtures';
import { LabelPrintPage } from './pages/label-print';
import { ReceiptPage } from './pages/receipt-page';

let work = '';
test.beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'unitrack-gs1-labels-'));
});
test.afterAll(async () => {
	if (work) await rm(work, { recursive: true, force: true });
});

test('GS1 DataMatrix labels read back as GTIN, expiry, lot and serial, on a roll and a sheet', async ({
	page
}) => {
	test.setTimeout(120_000);
	await stentProduct(page);
	const serials = ['ST-0001', 'ST-0002', 'st/03-x'];
	const { generate } = await receiveByScans(page, [
		code(serials[0]!),
		code(serials[1]!, { lot: 'L-0424', expiry: '300200' }),
		// A serial with lower case and a slash: GS1 carries it, Code 128 would too.
		`]d201${GTIN}21${serials[2]}`
	]);
	await generate.submit();
	const receipt = new ReceiptPage(page);
	await receipt.expectGenerated(3);
	const expected = [
		`]d201${GTIN}1730033110L-0423${GS}21ST-0001`,
		`]d201${GTIN}1730022810L-0424${GS}21ST-0002`,
		`]d201${GTIN}21st/03-x`
	];

	await receipt.printButton.click();
	const labels = new LabelPrintPage(page);
	await expect(labels.heading).toBeVisible();
	await page
		.getByLabel('Barcode on unit labels')
		.selectOption({ label: 'GS1 DataMatrix (GTIN, serial, lot, expiry)' });
	for (const [stock, dpi] of [
		[STOCK[0]!, 203],
		[STOCK[2]!, 300]
	] as const) {
		await labels.choose({
			template: stock.name,
			dpi,
			copies: 1,
			...(stock.rows > 1 ? { startAt: 1 } : {})
		});
		await labels.expectReady(3);
		await expect(labels.leftOut).toHaveCount(0);
		// The text beside each symbol, one AI a line.
		await expect(labels.preview.getByText('(17) 300228')).toBeVisible();
		const { cells } = await readMatrixLabels({
			pdf: await labels.pdf(),
			dpi,
			stock,
			dir: join(work, `${stock.columns}x${stock.rows}-${dpi}`)
		});
		const read = cells.map((c) => c.codes);
		expect(read.slice(0, 3), `${stock.name} at ${dpi} dpi`).toEqual(expected.map((e) => [e]));
		expect(read.slice(3).flat()).toEqual([]);
	}
});

test('a product without a GTIN cannot print GS1 DataMatrix labels, and says why', async ({
	page
}) => {
	const product = await createProduct(page, {
		name: 'Loan Phone',
		stockCode: 'LOAN-1',
		serialised: true
	});
	const receipt = await receiveManual(
		page,
		{ productId: product.id, newSupplier: 'Own stock' },
		'LP-1\nLP-2'
	);
	await receipt.printButton.click();
	const labels = new LabelPrintPage(page);
	await page
		.getByLabel('Barcode on unit labels')
		.selectOption({ label: 'GS1 DataMatrix (GTIN, serial, lot, expiry)' });
	await expect(labels.leftOut).toContainText('2 labels cannot be printed readably');
	await expect(labels.leftOut).toContainText(
		'Loan Phone has no GTIN in its barcode field (GTIN-8, -12, -13 or -14)'
	);
	await expect(labels.progress).toHaveText('No labels to print');
	// Back on Code 128, both print.
	await page.getByLabel('Barcode on unit labels').selectOption({ label: 'Serial (Code 128)' });
	await labels.expectReady(2);
});
