/**
 * Bad input on Generate Stock Serials: every problem is named (with its line
 * where it has one), and a refused batch writes nothing at all (DESIGN.md,
 * invariants 3 and 5): not the units, not the receipt, not a new supplier.
 */
import type { Page } from '@playwright/test';
import {
	expect,
	receiveRange,
	serialisedProduct,
	storedCounts,
	test,
	type Product,
	type StoredCounts
} from './fixtures';
import { GenerateSerialsPage } from './pages/generate-serials';
import { StockPage } from './pages/stock-page';

interface Ready {
	product: Product;
	before: StoredCounts;
}

/** A product with SN-001..SN-003 in stock, and the form open on it with a supplier chosen. */
async function openFormWithStock(page: Page): Promise<Ready> {
	const product = await serialisedProduct(page, 'Pixel 9');
	await receiveRange(page, { productId: product.id, newSupplier: 'Northwind' }, 'SN-001', 'SN-003');
	const generate = new GenerateSerialsPage(page);
	await generate.goto(product.id);
	await generate.fillDetails({ supplier: 'Northwind' });
	return { product, before: await storedCounts(page) };
}

/** Nothing new in IndexedDB, and the Stock list still shows the 3 units from before. */
async function expectNothingWritten(page: Page, { product, before }: Ready): Promise<void> {
	expect(await storedCounts(page)).toEqual(before);
	const stock = new StockPage(page);
	await stock.openFromNav('Stock');
	await stock.expectOnHand(product.name, 3);
}

test('duplicates inside the batch: each repeat is named with both lines', async ({
	page,
	generate,
	suppliers
}) => {
	const ready = await openFormWithStock(page);
	// A new supplier too: it must not be created when the batch is refused.
	await generate.fillDetails({ newSupplier: 'Contoso Tools' });
	await generate.manual('D-1\nD-2\nD-1\nD-3\nD-2\nD-4');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('2 serials need fixing.');
	await expect(generate.problems).toHaveText([
		'Line 3: "D-1" also on line 1',
		'Line 5: "D-2" also on line 2'
	]);
	// The list is kept for fixing, not cleared.
	await expect(generate.manualSerials).toHaveValue('D-1\nD-2\nD-1\nD-3\nD-2\nD-4');
	await expectNothingWritten(page, ready);
	await suppliers.openFromNav('Suppliers');
	await expect(suppliers.rows).toHaveText([/^Northwind/]);
});

test('serials the product already has are named, and the batch is refused', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);
	await generate.manual('SN-002\nSN-009\nSN-003');
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText([
		'Line 1: "SN-002" already exists for this product',
		'Line 3: "SN-003" already exists for this product'
	]);
	await expectNothingWritten(page, ready);
});

test('a range overlapping serials in stock is refused', async ({ page, generate }) => {
	const ready = await openFormWithStock(page);
	await generate.range('SN-003', 'SN-006');
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText(['Line 1: "SN-003" already exists for this product']);
	await expectNothingWritten(page, ready);
});

const mismatchedEnds = [
	{
		first: 'SN0098',
		last: 'SX0102',
		message:
			'The prefix differs: "SN" in "SN0098" but "SX" in "SX0102"; only the last group of digits may change'
	},
	{
		first: 'A-009-X',
		last: 'A-011-Y',
		message:
			'The suffix differs: "-X" in "A-009-X" but "-Y" in "A-011-Y"; only the last group of digits may change'
	},
	{
		first: 'SN0098',
		last: 'SN102',
		message:
			'The first serial\'s number "0098" is zero-padded to 4 digits, but the last serial\'s "102" has 3'
	}
];

/** Gives a range, expects it refused with `message` (shown live, then on submit, tied to the fields). */
async function expectRangeRefused(
	page: Page,
	generate: GenerateSerialsPage,
	ready: Ready,
	{ first, last, message }: { first: string; last: string; message: string }
): Promise<void> {
	await generate.range(first, last);
	// The preview warns while typing...
	await expect(generate.main.getByText(message, { exact: true }).first()).toBeVisible();
	// ...and the form refuses on submit, the reason tied to the range fields.
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText(message);
	await expect(generate.rangeFirst).toHaveAccessibleDescription(message);
	await expect(generate.rangeFirst).toHaveAttribute('aria-invalid', 'true');
	expect(await storedCounts(page)).toEqual(ready.before);
}

test('Provide Range refuses ends that differ in prefix, suffix or shape, saying how', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);
	for (const range of mismatchedEnds) {
		await test.step(`${range.first}..${range.last}`, () =>
			expectRangeRefused(page, generate, ready, range));
	}
	await expectNothingWritten(page, ready);
});

test('Provide Range refuses a reversed range', async ({ page, generate }) => {
	const ready = await openFormWithStock(page);
	await expectRangeRefused(page, generate, ready, {
		first: 'SN0102',
		last: 'SN0098',
		message: 'The last serial "SN0098" comes before the first "SN0102"'
	});
	await expectNothingWritten(page, ready);
});

test('over 100,000 by range, count, System Generated or a pasted list: the limit is named', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);

	await expectRangeRefused(page, generate, ready, {
		first: 'R000001',
		last: 'R100001',
		message: '"R000001" to "R100001" is 100,001 serials; the most is 100,000'
	});

	await generate.rangeByCount('R000001', '100001');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('Count must be at most 100,000');

	await generate.systemGenerated('100001');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('Number of serials must be at most 100,000');
	await expect(generate.count).toHaveAccessibleDescription(
		'Number of serials must be at most 100,000'
	);

	// Ten to a line, as an export pastes (Chromium pastes many short lines slowly).
	const lines: string[] = [];
	for (let i = 0; i <= 100_000; i += 10) {
		lines.push(Array.from({ length: Math.min(10, 100_001 - i) }, (_, k) => `L${i + k}`).join(','));
	}
	await generate.paste(lines.join('\n'));
	await expect(generate.main.getByText('100,001 serials', { exact: true })).toBeVisible();
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText([
		'There are 100,001 serials; the most in one batch is 100,000'
	]);
	await expectNothingWritten(page, ready);
});

test('an empty batch is refused, whichever method', async ({ page, generate }) => {
	const ready = await openFormWithStock(page);

	await generate.manual('\n \n , ,\n\n');
	await expect(generate.main.getByText('0 serials', { exact: true })).toBeVisible();
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText(['No serials to add']);

	await generate.systemGenerated('');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('Number of serials is required');

	await generate.systemGenerated('0');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('Number of serials must be at least 1');

	await generate.range('', '');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('The first serial is empty');
	await expectNothingWritten(page, ready);
});

test('a serial over 40 characters is named with its line and length', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);
	const long = `LONG-${'X'.repeat(36)}`; // 41 characters
	await generate.manual(`OK-1\n${long}\nOK-2`);
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText([
		`Line 2: "${long}" is 41 characters; the most is 40`
	]);
	await expectNothingWritten(page, ready);
});

test('a serial a Code128 label cannot carry is named with the character', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);
	await generate.manual('SNé1\nSN-010\nSN 11');
	await generate.submitExpectingRefusal();
	await expect(generate.alert).toContainText('2 serials need fixing.');
	await expect(generate.problems).toHaveText([
		'Line 1: "SNé1" contains "é", which a Code128 label cannot carry',
		'Line 3: "SN 11" contains a space'
	]);
	await expectNothingWritten(page, ready);
});

test('Warranty Term In Days negative, fractional or over 36,500 is refused', async ({
	page,
	generate
}) => {
	const ready = await openFormWithStock(page);
	await generate.range('SN-100', 'SN-102');
	const bad = [
		{ value: '-1', message: 'Warranty Term In Days cannot be negative' },
		{ value: '1.5', message: 'Warranty Term In Days must be a whole number, not "1.5"' },
		{ value: '36501', message: 'Warranty Term In Days must be at most 36,500' }
	];
	for (const { value, message } of bad) {
		await test.step(value, async () => {
			await generate.fillDetails({ warrantyDays: value });
			await generate.submitExpectingRefusal();
			await expect(generate.alert).toContainText(message);
			await expect(generate.warrantyDays).toHaveAccessibleDescription(message);
			expect(await storedCounts(page)).toEqual(ready.before);
		});
	}
	await expectNothingWritten(page, ready);
});

test('a 5 MB paste neither freezes nor crashes the page', async ({ page, generate }) => {
	test.setTimeout(60_000);
	const ready = await openFormWithStock(page);
	// 420,000 serials, ten to a line, comma separated (an export): over 5 MB.
	const serials = Array.from({ length: 420_000 }, (_, i) => `BULK${String(i).padStart(8, '0')}`);
	const lines: string[] = [];
	for (let i = 0; i < serials.length; i += 10) lines.push(serials.slice(i, i + 10).join(','));
	const text = lines.join('\n');
	expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
	let crashed = false;
	page.on('crash', () => (crashed = true));
	// Long tasks block input: record them all, with when they started.
	await page.evaluate(() => {
		const w = window as Window & { longTasks?: { start: number; duration: number }[] };
		w.longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				w.longTasks?.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: false });
	});

	await generate.paste(text);
	await expect(generate.main.getByText('420,000 serials', { exact: true })).toBeVisible({
		timeout: 20_000
	});
	// Chromium's own insertion of 5 MB into a textarea is one long task; what
	// the app does with the text afterwards must not be.
	const since = await page.evaluate(() => performance.now());
	await generate.submit();
	await expect(generate.alert).toContainText('Nothing was saved.', { timeout: 15_000 });
	await expect(generate.problems).toHaveText([
		'There are 420,000 serials; the most in one batch is 100,000'
	]);

	// Still responsive: it paints, and typing elsewhere lands at once.
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
	await generate.reference.fill('still typing');
	await expect(generate.reference).toHaveValue('still typing');
	const longest = await page.evaluate(
		(since) =>
			Math.max(
				0,
				...(
					(window as Window & { longTasks?: { start: number; duration: number }[] }).longTasks ?? []
				)
					.filter((t) => t.start >= since)
					.map((t) => t.duration)
			),
		since
	);
	expect(longest, 'longest main-thread task from submit on (ms)').toBeLessThan(3_000);
	expect(crashed).toBe(false);
	await expectNothingWritten(page, ready);
});

test('a 5 MB paste of bad lines lists every one of them, down to the last', async ({
	page,
	generate
}) => {
	test.setTimeout(60_000);
	const ready = await openFormWithStock(page);
	// A document pasted by mistake: every line is far too long to be a serial.
	const lineCount = 21_000;
	const line = (n: number) => `${String(n).padStart(6, '0')}-${'X'.repeat(243)}`; // 250 characters
	const text = Array.from({ length: lineCount }, (_, i) => line(i + 1)).join('\n');
	expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
	await generate.paste(text);
	await expect(generate.main.getByText('21,000 serials', { exact: true })).toBeVisible({
		timeout: 20_000
	});
	await generate.submit();
	await expect(generate.alert).toContainText('21,000 serials need fixing.', { timeout: 15_000 });
	await expect(page.getByRole('heading', { name: 'Serials to fix (21,000)' })).toBeVisible();
	await expect(generate.problems.first()).toHaveText(
		`Line 1: "${line(1)}" is 250 characters; the most is 40`
	);
	// The list draws the rows in view: scroll to the end and the last line is there.
	await page
		.getByRole('list', { name: 'Serials to fix' })
		.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
	await expect(generate.problems.last()).toHaveText(
		`Line 21000: "${line(21_000)}" is 250 characters; the most is 40`
	);
	await expectNothingWritten(page, ready);
});

test('names and serials holding HTML or script show as plain text', async ({
	page,
	generate,
	receipt,
	stock,
	stockInfo,
	unit,
	dialogs
}) => {
	const name = '<img src=x onerror=alert(1)>';
	const supplier = '<script>alert(2)</script>';
	const serials = [
		'<script>alert(3)</script>',
		'<img/src=x/onerror=alert(4)>',
		'"><svg/onload=alert(5)>'
	];
	const product = await serialisedProduct(page, name);
	await generate.goto(product.id);
	await generate.fillDetails({ newSupplier: supplier, reference: '<b>PO</b>' });
	await generate.manual(serials.join('\n'));
	await generate.submit();

	await receipt.expectGenerated(3);
	await expect(receipt.fact('Product')).toHaveText(name);
	await expect(receipt.fact('Supplier')).toHaveText(supplier);
	await expect(receipt.fact('Reference')).toHaveText('<b>PO</b>');
	expect(await receipt.shownSerials()).toEqual(serials);

	await stock.openFromNav('Stock');
	await expect(stock.row(name)).toBeVisible();
	await stock.expectOnHand(name, 3);

	await stockInfo.goto(product.id);
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	await stockInfo.expectSerials([...serials].sort());
	await stockInfo
		.row(serials[0] ?? '')
		.getByRole('link')
		.click();
	await expect(unit.heading).toHaveText(new RegExp(`${escape(serials[0] ?? '')}$`));
	await expect(unit.fact('Supplier')).toHaveText(supplier);

	// A refused batch echoes the bad serials as text too.
	await generate.goto(product.id);
	await generate.fillDetails({ supplier });
	await generate.manual(serials.join('\n'));
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toHaveText(
		serials.map((s, i) => `Line ${i + 1}: "${s}" already exists for this product`)
	);

	await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
	expect(dialogs).toEqual([]);
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
