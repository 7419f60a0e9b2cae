// Print Bar code/Labels (issue 4).
//
// labels_render_1000_ms: a receipt of 1,000 serials (R0001..R1000, received
// through the UI); on its page, from the click on "Print Bar code/Labels" to
// the first frame after the label screen says "1,000 labels ready to print"
// (every label rendered in the true-size preview, the Print button enabled).
// The device's first label print: the label screen's code and the label
// renderer (jsbarcode) load on that click, from the service worker's cache.
// Default template (thermal roll 50 × 25 mm: 1,000 pages), 203 dpi. Two
// more clicks after going back are logged on stderr (warm: code loaded).
//
// labels_decoded_ratio: 30 varied serials (short, long, dashes, mixed case,
// digits; tests/fixtures/label-sheets.js) received through the UI, printed
// on each of the 4 templates to PDF at the template's page size
// (page.pdf, preferCSSPageSize) with the printer resolution set to 203 and
// then 300 dpi, each PDF rasterised at that resolution (pdftoppm, vector
// anti-aliasing off) and every label position decoded on its own by
// zbarimg (Code 128 only). A serial counts when its label position reads
// exactly that serial and nothing else; the ratio is counted serials over
// the 240 printed (30 × 4 templates × 2 resolutions). Anything read where
// no label was printed is logged and lowers the ratio by one each.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	expectedCells,
	readLabels,
	STOCK,
	VARIED_SERIALS
} from '../tests/fixtures/label-sheets.js';
import {
	addSerialisedProduct,
	fillRangeReceive,
	freshContext,
	launchBrowser,
	log,
	round,
	settle,
	timeClickUntilText,
	waitForServiceWorker
} from './lib.js';

const READY_1000 = '1,000 labels ready to print';

/** @type {import('./run.js').Group} */
export const labels = {
	name: 'labels',
	figures: ['labels_render_1000_ms', 'labels_decoded_ratio'],
	async run({ url, report }) {
		const browser = await launchBrowser();
		try {
			const render = await freshContext(browser);
			try {
				report('labels_render_1000_ms', round(await render1000(render, url)), 'ms', '<= 1500');
			} finally {
				await render.close();
			}
			const decode = await freshContext(browser);
			try {
				report('labels_decoded_ratio', round(await decodedRatio(decode, url), 4), 'ratio', '= 1');
			} finally {
				await decode.close();
			}
		} finally {
			await browser.close();
		}
	}
};

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 */
async function render1000(context, url) {
	const page = await context.newPage();
	page.on('pageerror', (error) => log('page error:', error.message));
	const productId = await addSerialisedProduct(page, url, {
		name: 'Bench Label Phone',
		stockCode: 'BENCH-LBL'
	});
	if (!(await waitForServiceWorker(page))) log('no service worker became ready; going on');
	const submit = await fillRangeReceive(page, url, {
		productId,
		supplier: 'Bench Label Supplier',
		isNewSupplier: true,
		first: 'R0001',
		last: 'R1000',
		count: 1000
	});
	await submit.click();
	await page.getByRole('heading', { name: '1,000 serials generated' }).waitFor({ timeout: 60_000 });
	const times = [];
	for (let run = 0; run < 3; run++) {
		const button = page.getByRole('button', { name: 'Print Bar code/Labels' });
		await button.waitFor();
		await settle(page);
		// The longest task while the labels render: how long the page stops answering.
		await page.evaluate(() => {
			window.__longestTask = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					window.__longestTask = Math.max(window.__longestTask, entry.duration);
				}
			}).observe({ type: 'longtask' });
		});
		const ms = await timeClickUntilText(page, button, {
			selector: '[aria-label="Label progress"]',
			text: READY_1000,
			timeout: 120_000
		});
		times.push(ms);
		const longest = await page.evaluate(() => window.__longestTask);
		log(
			`  1,000 labels ${run === 0 ? '(first print, code loads)' : '(warm)'}: ${round(ms)} ms, longest task ${round(longest)} ms`
		);
		await page.goBack();
	}
	return times[0] ?? NaN;
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 */
async function decodedRatio(context, url) {
	const page = await context.newPage();
	page.on('pageerror', (error) => log('page error:', error.message));
	const productId = await addSerialisedProduct(page, url, {
		name: 'Bench Decode Phone',
		stockCode: 'BENCH-DEC'
	});
	await page.goto(`${url}/stock/generate?product=${encodeURIComponent(productId)}`);
	await page.getByLabel('Supplier', { exact: true }).selectOption({ label: '+ New supplier…' });
	await page.getByLabel('New supplier name').fill('Bench Decode Supplier');
	await page.getByLabel('Input Serials Manually').check();
	await page.getByRole('textbox', { name: /^Serials/ }).fill(VARIED_SERIALS.join('\n'));
	await page.getByRole('button', { name: 'Generate Stock Serials' }).click();
	await page.getByRole('button', { name: 'Print Bar code/Labels' }).click();
	const progress = page.getByRole('status', { name: 'Label progress' });
	const ready = `${VARIED_SERIALS.length} labels ready to print`;

	const work = await mkdtemp(join(tmpdir(), 'unitrack-bench-labels-'));
	let read = 0;
	let printed = 0;
	try {
		for (const stock of STOCK) {
			for (const dpi of /** @type {const} */ ([203, 300])) {
				await page.getByLabel('Label template').selectOption({ label: stock.name });
				await page.getByLabel('Printer resolution').selectOption({ label: `${dpi} dpi` });
				await progress.filter({ hasText: ready }).waitFor({ timeout: 60_000 });
				const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
				const dir = join(
					work,
					`${stock.columns}x${stock.rows}-${Math.round(stock.label.width)}-${dpi}`
				);
				const { cells } = await readLabels({ pdf, dpi, stock, dir });
				const perPage = stock.columns * stock.rows;
				const expected = expectedCells(VARIED_SERIALS, { copies: 1, startAt: 1, perPage });
				let good = 0;
				let stray = 0;
				for (const [i, want] of expected.entries()) {
					const got = cells[i]?.symbols.map((s) => s.data) ?? [];
					if (want !== null && got.length === 1 && got[0] === want) good++;
					else if (want === null) stray += got.length;
					else
						log(
							`  ${stock.name} at ${dpi} dpi: position ${i + 1} wants ${want}, read ${JSON.stringify(got)}`
						);
				}
				if (stray > 0)
					log(`  ${stock.name} at ${dpi} dpi: ${stray} codes read where no label was printed`);
				log(`  ${stock.name} at ${dpi} dpi: ${good} of ${VARIED_SERIALS.length} read back`);
				read += good - stray;
				printed += VARIED_SERIALS.length;
			}
		}
	} finally {
		await rm(work, { recursive: true, force: true });
	}
	return Math.max(0, read) / printed;
}
