// GS1 at the POS with 100,000 units of the product in the store (the receive
// group's store): a wedge scan of a GS1 DataMatrix (AIM ]d2, GTIN, expiry,
// lot, GS, serial; FNC1 typed as Ctrl+]) until its unit's cart line shows,
// to the next frame. The product gets its GTIN through the product form.
import { calm, timeScan } from './pos.js';
import { SEEDED_RANGES, serialOf } from './receive.js';
import { launchStore, log, median, percentile, round } from './lib.js';

const SCANS = 15;
const WARM_UP = 3;
/** GTIN-13 on the product; the codes carry it as GTIN-14. */
const EAN = '4006381333931';
const GS = '\u001d';

/** @type {import('./run.js').Group} */
export const gs1 = {
	name: 'gs1',
	figures: ['gs1_scan_to_line_100k_ms'],
	needs: 'receive',
	async run({ url, storeDir, report }) {
		const context = await launchStore(storeDir);
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${url}/products`);
			await page.getByRole('link', { name: 'Bench Phone 100k' }).click();
			await page.getByLabel('Product barcode').fill(EAN);
			await page.getByRole('button', { name: 'Save product' }).click();
			await page.getByText('Saved', { exact: true }).waitFor({ timeout: 15_000 });

			await page.goto(`${url}/pos`);
			await page.getByRole('heading', { name: 'POS', level: 1 }).waitFor();
			await calm(page);
			const [, r100k] = SEEDED_RANGES;
			// Units the pos group does not sell (it takes from + 5000 + 3001·i).
			const serials = Array.from({ length: SCANS + WARM_UP }, (_, i) =>
				serialOf(r100k, r100k.from + 7000 + i * 4001)
			);
			const times = [];
			for (const serial of serials) {
				const code = `]d2010${EAN}17301231` + `10BENCH-LOT${GS}21${serial}`;
				times.push(await timeScan(page, serial, 'cart', code));
			}
			const counted = times.slice(WARM_UP);
			log(
				`gs1 scan: median ${round(median(counted), 1)} ms, p95 ${round(percentile(counted, 0.95), 1)} ms`
			);
			report('gs1_scan_to_line_100k_ms', round(median(counted), 1), 'ms', '<= 50');
		} finally {
			await context.close();
		}
	}
};
