/**
 * Print Bar code/Labels, end to end: 30 units with varied serials, received
 * through the UI once for the whole file, printed on every template to PDF
 * at the template's page size, rasterised at 203 and 300 dpi, and read back
 * label by label with zbarimg (tests/fixtures/label-sheets.js).
 *
 * The tests share one browser context (one store) and run in order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import {
	expectedCells,
	pdfFonts,
	pdfInfo,
	pdfText,
	readLabels,
	STOCK,
	VARIED_SERIALS,
	type Cell
} from '../fixtures/label-sheets.js';
import {
	createProduct,
	createSupplier,
	expect,
	receiveManual,
	test,
	type Product
} from './fixtures';
import { LabelPrintPage } from './pages/label-print';
import { ReceiptPage } from './pages/receipt-page';
import { StockInfoPage } from './pages/stock-info';

test.describe.configure({ mode: 'serial' });

const SERIALS = VARIED_SERIALS;
/** 16 characters of Code 128 set B: 211 modules, 231 with quiet zones: 57.81 mm at 2 dots of 203 dpi. */
const TOO_LONG = 'TooLong-Serial-X';
const HOSTILE_NAME =
	'<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> Drill';
const EAN = '4006381333931';

let context: BrowserContext;
let page: Page;
let labels: LabelPrintPage;
let work: string;
let receiptId = '';
let product: Product;
let hostile: Product;
let boxed: Product;
const pageErrors: string[] = [];
const dialogs: string[] = [];

test.beforeAll(async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	work = await mkdtemp(join(tmpdir(), 'unitrack-labels-'));
	const use = testInfo.project.use;
	context = await browser.newContext({
		baseURL: use.baseURL,
		locale: use.locale,
		timezoneId: use.timezoneId
	});
	page = await context.newPage();
	page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	labels = new LabelPrintPage(page);

	await createSupplier(page, 'Northwind');
	product = await createProduct(page, {
		name: 'Pixel 9 128GB',
		stockCode: 'PIX9-128',
		serialised: true,
		price: '799.00'
	});
	const receipt = await receiveManual(
		page,
		{ productId: product.id, supplier: 'Northwind' },
		SERIALS.join('\n')
	);
	await receipt.expectGenerated(SERIALS.length);
	receiptId = receipt.receiptId;

	hostile = await createProduct(page, {
		name: HOSTILE_NAME,
		stockCode: 'HOSTILE-1',
		serialised: true
	});
	await receiveManual(
		page,
		{ productId: hostile.id, supplier: 'Northwind' },
		`Short-1\n${TOO_LONG}`
	);
	boxed = await createProduct(page, {
		name: 'USB-C Cable 1 m',
		stockCode: 'USBC-1M',
		serialised: false,
		barcode: EAN
	});
});

test.afterAll(async () => {
	await context?.close();
	if (work) await rm(work, { recursive: true, force: true });
});

test.afterEach(() => {
	expect(pageErrors, 'uncaught errors in the page').toEqual([]);
	expect(dialogs, 'dialogs the page opened').toEqual([]);
});

/** The positions that read other than expected, for a message. */
function misreads(cells: Cell[], expected: (string | null)[], perPage: number): string[] {
	const wrong: string[] = [];
	for (const [i, want] of expected.entries()) {
		const got = cells[i]?.symbols.map((s) => s.data);
		if (JSON.stringify(got) !== JSON.stringify(want === null ? [] : [want])) {
			const where = `page ${Math.floor(i / perPage) + 1}, position ${(i % perPage) + 1}`;
			wrong.push(
				`${where}: want ${want ?? 'nothing'}, read ${got ? JSON.stringify(got) : 'no such position'}`
			);
		}
	}
	return wrong;
}

test('every template prints labels that read back exactly, once per copy, at 203 and 300 dpi', async () => {
	test.setTimeout(240_000);
	await page.goto(`/receipts/${receiptId}`);
	await new ReceiptPage(page).printButton.click();
	await expect(page).toHaveURL(`/labels?receipt=${receiptId}`);
	await expect(labels.heading).toBeVisible();

	const copies = 2;
	const reads: Promise<{
		name: string;
		wrong: string[];
		runs: string[];
		pages: number;
		wantPages: number;
	}>[] = [];
	for (const stock of STOCK) {
		const perPage = stock.columns * stock.rows;
		const startAt = perPage > 1 ? 5 : 1;
		for (const dpi of [203, 300] as const) {
			await labels.choose({
				template: stock.name,
				dpi,
				copies,
				...(perPage > 1 ? { startAt } : {})
			});
			await labels.expectReady(SERIALS.length * copies);
			await expect(labels.leftOut).toHaveCount(0);
			const drawn = await labels.barcodes();
			expect(drawn.map((b) => b.code)).toEqual(SERIALS.flatMap((s) => [s, s]));
			const pdf = await labels.pdf();
			const dir = join(work, `${stock.columns}x${stock.rows}-${stock.label.width}-${dpi}`);
			// The PDF's paper is the stock (Chromium rounds a page to 1/300 in: within 0.2 mm).
			const info = await pdfInfo(pdf, join(work, `info-${stock.columns}x${stock.rows}-${dpi}.pdf`));
			expect(Math.abs(info.widthMm - stock.page.width), `${stock.name} page width`).toBeLessThan(
				0.2
			);
			expect(Math.abs(info.heightMm - stock.page.height), `${stock.name} page height`).toBeLessThan(
				0.2
			);
			const expected = expectedCells(SERIALS, { copies, startAt, perPage });
			// Decoding runs in the background while the next PDF is made.
			reads.push(
				readLabels({
					pdf,
					dpi,
					stock,
					dir
				}).then(({ pages, cells }) => {
					// Every bar and space a whole number of printer dots: widths are multiples of the module.
					const filled = cells.filter((_, i) => expected[i] !== null && expected[i] !== undefined);
					const runs = filled.flatMap((cell, i) => {
						const dots = drawn[i]?.dots ?? 0;
						const odd = cell.runs.filter((r) => r % dots !== 0);
						return cell.runs.length === 0 || odd.length > 0
							? [`${drawn[i]?.code}: runs ${cell.runs.join(',')} not all multiples of ${dots}`]
							: [];
					});
					return {
						name: `${stock.name} at ${dpi} dpi`,
						wrong: misreads(cells, expected, perPage),
						runs,
						pages,
						wantPages: expected.length / perPage
					};
				})
			);
		}
	}
	for (const result of await Promise.all(reads)) {
		expect(result.pages, `${result.name}: pages`).toBe(result.wantPages);
		expect(result.wrong, `${result.name}: labels read back`).toEqual([]);
		expect(result.runs, `${result.name}: bar widths in dots`).toEqual([]);
	}
});

test('a serial too long for the small thermal label is reported before printing and left out', async () => {
	await page.goto(
		`/labels?product=${encodeURIComponent(hostile.id)}&serial=Short-1&serial=${TOO_LONG}`
	);
	await labels.choose({ template: 'Thermal roll 50 × 25 mm', dpi: 203, copies: 1 });
	await expect(labels.leftOut).toContainText(
		'1 label cannot be printed readably on Thermal roll 50 × 25 mm at 203 dpi'
	);
	const item = labels.leftOut.getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(TOO_LONG);
	await expect(item).toContainText('needs 57.81 mm across');
	await expect(item).toContainText('this label has 50 mm');
	await expect(item).toContainText(
		'this label has 50 mm. It fits on: A4 sheet 3 × 8 (70 × 37 mm); US Letter sheet 3 × 10 (2.625 × 1 in)'
	);
	await labels.expectReady(1);
	await expect(labels.printButton).toHaveText('Print 1 label');
	expect((await labels.barcodes()).map((b) => b.code)).toEqual(['Short-1']);
	const { cells } = await readLabels({
		pdf: await labels.pdf(),
		dpi: 203,
		stock: STOCK[0]!,
		dir: join(work, 'too-long')
	});
	expect(cells.map((c) => c.symbols.map((s) => s.data))).toEqual([['Short-1']]);

	// On a sheet it fits, and nothing is left out.
	await labels.choose({ template: 'A4 sheet 3 × 8 (70 × 37 mm)', startAt: 1 });
	await labels.expectReady(2);
	await expect(labels.leftOut).toHaveCount(0);
});

test('a product name with HTML and script prints as text', async () => {
	await page.goto(`/labels?product=${encodeURIComponent(hostile.id)}&serial=Short-1`);
	await labels.choose({ template: 'Thermal roll 2.25 × 1.25 in', dpi: 203 });
	await labels.expectReady(1);
	await expect(labels.preview.getByText(HOSTILE_NAME, { exact: true })).toBeVisible();
	await expect(labels.preview.locator('img, script')).toHaveCount(0);
	expect(
		await page.evaluate(() => (window as Window & { __pwned?: number }).__pwned)
	).toBeUndefined();
	const dir = join(work, 'hostile');
	const pdf = await labels.pdf();
	const { cells } = await readLabels({ pdf, dpi: 203, stock: STOCK[1]!, dir });
	expect(cells.map((c) => c.symbols.map((s) => s.data))).toEqual([['Short-1']]);
	// On paper: the name as typed (the label shows its first two lines), the serial,
	// and none of the app's screen. Where lines break is the font's business, so
	// whitespace is left out of the comparison.
	const text = (await pdfText(pdf, join(work, 'hostile-text.pdf'))).replace(/\s+/g, '');
	expect(text).toContain('<script>window.__pwned=1</script>');
	expect(text).toContain('Short-1');
	expect(text).not.toMatch(/Unitrack|PrintBarcode|Labeltemplate/);
	// In the faces the app ships, not whatever this machine has installed.
	expect((await pdfFonts(pdf, join(work, 'hostile-fonts.pdf'))).sort()).toEqual([
		'Arimo-Bold',
		'Arimo-Regular',
		'Cousine-Bold'
	]);
});

test('a product label carries the product barcode as EAN-13', async () => {
	const stockInfo = new StockInfoPage(page);
	await stockInfo.goto(boxed.id);
	await stockInfo.main.getByRole('link', { name: 'Print Bar code/Labels' }).click();
	await expect(labels.heading).toBeVisible();
	await labels.choose({
		template: 'US Letter sheet 3 × 10 (2.625 × 1 in)',
		dpi: 300,
		copies: 3,
		startAt: 1
	});
	await labels.expectReady(3);
	const { cells } = await readLabels({
		pdf: await labels.pdf(),
		dpi: 300,
		stock: STOCK[3]!,
		dir: join(work, 'ean'),
		symbologies: ['ean13', 'code128']
	});
	const read = cells.map((c) => c.symbols.map((s) => `${s.type}:${s.data}`));
	expect(read.slice(0, 3)).toEqual([[`EAN-13:${EAN}`], [`EAN-13:${EAN}`], [`EAN-13:${EAN}`]]);
	expect(read.slice(3).flat()).toEqual([]);
});

test('Stock Info selection and the unit page lead to their labels', async () => {
	const stockInfo = new StockInfoPage(page);
	await stockInfo.goto(product.id);
	const print = stockInfo.main.getByRole('button', { name: /^Print Bar code\/Labels/ });
	await expect(print).toBeDisabled();
	for (const serial of ['A1', 'q', 'R2-D2'])
		await page.getByRole('checkbox', { name: `Select ${serial}`, exact: true }).check();
	await expect(print).toHaveText('Print Bar code/Labels (3)');
	await print.click();
	await expect(labels.heading).toBeVisible();
	await labels.choose({ template: 'Thermal roll 50 × 25 mm', copies: 1 });
	await labels.expectReady(3);
	expect((await labels.barcodes()).map((b) => b.code).sort()).toEqual(['A1', 'R2-D2', 'q']);

	await page.goto(`/unit?product=${encodeURIComponent(product.id)}&serial=Lo-ng-SER-12`);
	await page.getByRole('link', { name: 'Print Bar code/Labels' }).click();
	await labels.expectReady(1);
	expect((await labels.barcodes()).map((b) => b.code)).toEqual(['Lo-ng-SER-12']);
});

test('calibration offsets are kept per device and template, and the test label prints on one page', async () => {
	await page.goto(`/labels?receipt=${receiptId}`);
	await labels.choose({ template: 'Thermal roll 50 × 25 mm', copies: 1 });
	await page.getByText('Calibrate this printer').click();
	await labels.shiftRight.fill('1.5');
	await labels.shiftRight.blur();
	await labels.shiftDown.fill('-0.7');
	await labels.shiftDown.blur();
	await page.reload();
	await page.getByText('Calibrate this printer').click();
	await expect(labels.shiftRight).toHaveValue('1.5');
	await expect(labels.shiftDown).toHaveValue('-0.7');
	await labels.expectReady(SERIALS.length);
	// The first label is drawn 1.5 mm right and 0.7 mm up of the page's corner.
	const shift = await labels.preview
		.locator('.label-page')
		.first()
		.evaluate((pageBox) => {
			const content = pageBox.firstElementChild as HTMLElement;
			const a = pageBox.getBoundingClientRect();
			const b = content.getBoundingClientRect();
			return { x: ((b.left - a.left) * 25.4) / 96, y: ((b.top - a.top) * 25.4) / 96 };
		});
	expect(shift.x).toBeCloseTo(1.5, 1);
	expect(shift.y).toBeCloseTo(-0.7, 1);
	// Another template keeps its own (none yet).
	await labels.choose({ template: 'A4 sheet 3 × 8 (70 × 37 mm)' });
	await expect(labels.shiftRight).toHaveValue('0');

	await page.evaluate(() => (window.print = () => undefined));
	await labels.testLabelButton.click();
	await expect(labels.preview.getByRole('img', { name: 'Test label with rulers' })).toHaveCount(24);
	expect((await pdfInfo(await labels.pdf(), join(work, 'test-label.pdf'))).pages).toBe(1);
	// After printing (page.pdf fires afterprint too) the screen is back on the labels.
	await expect(labels.preview.getByRole('img', { name: 'Test label with rulers' })).toHaveCount(0);
	await labels.expectReady(SERIALS.length);
});
