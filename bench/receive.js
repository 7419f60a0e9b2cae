// Receiving by range in the UI, 10,000 and 100,000 serials, and a raw Dexie
// bulkAdd of the same unit rows beside each, for scale. The 100,000 range is
// also the seed of the store that the lookup and stock-list groups read.
import { join } from 'node:path';
import {
	ROOT,
	addSerialisedProduct,
	fillRangeReceive,
	launchStore,
	log,
	quiet,
	round,
	timeClickUntilText,
	waitForServiceWorker
} from './lib.js';

const DEXIE_UMD = join(ROOT, 'node_modules/dexie/dist/dexie.js');
/** The app's units schema (src/lib/store/db.ts), copied on purpose: the raw figure must match it. */
const UNITS_SCHEMA = '[productId+serial], serial, [productId+unlessInStock]';
const RAW_DB = 'bench-raw-bulkadd';
const SUPPLIER = 'Bench Supplier Ltd';

/** The serials the bench puts in the store; lookup.js draws from them. */
export const SEEDED_RANGES = [
	{ prefix: 'R', width: 6, from: 1, to: 10_000 },
	{ prefix: 'R', width: 6, from: 100_001, to: 200_000 }
];
const [RANGE_10K, RANGE_100K] = SEEDED_RANGES;

/**
 * @param {(typeof SEEDED_RANGES)[number]} range
 * @param {number} n
 */
export const serialOf = (range, n) => range.prefix + String(n).padStart(range.width, '0');

/** @type {import('./run.js').Group} */
export const receive = {
	name: 'receive',
	figures: [
		'receive_range_10k_ms',
		'raw_bulkadd_10k_ms',
		'receive_range_100k_ratio',
		'receive_range_100k_ms',
		'raw_bulkadd_100k_ms'
	],
	async run({ url, storeDir, report }) {
		const context = await launchStore(storeDir);
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			page.on('pageerror', (error) => log('page error:', error.message));

			const small = await addSerialisedProduct(page, url, {
				name: 'Bench Phone 10k',
				stockCode: 'BENCH-10K'
			});
			if (!(await waitForServiceWorker(page))) log('no service worker became ready; going on');
			const ms10k = await receiveRange(page, url, small, RANGE_10K, true);
			report('receive_range_10k_ms', round(ms10k), 'ms', '<= 1000');
			// What IndexedDB alone takes for the same rows: the floor under the 10k figure.
			report('raw_bulkadd_10k_ms', round(await rawBulkAdd(page, small, RANGE_10K)), 'ms', 'n/a');

			// The raw reference for 100k runs before and after the app's receive
			// and is their mean: IndexedDB here drifts a lot within a minute
			// (LevelDB compaction after big writes, other processes).
			const rawBefore = await rawBulkAdd(page, small, RANGE_100K);
			const large = await addSerialisedProduct(page, url, {
				name: 'Bench Phone 100k',
				stockCode: 'BENCH-100K'
			});
			const ms100k = await receiveRange(page, url, large, RANGE_100K, false);
			const rawAfter = await rawBulkAdd(page, large, RANGE_100K);
			const raw = (rawBefore + rawAfter) / 2;
			report('receive_range_100k_ratio', round(ms100k / raw, 2), 'x', '<= 1.5');
			report('receive_range_100k_ms', round(ms100k), 'ms', 'n/a');
			report('raw_bulkadd_100k_ms', round(raw), 'ms', 'n/a');
		} finally {
			await context.close();
		}
	}
};

/**
 * Receives `range` for a product in the UI (Provide Range, first and last)
 * and times it from the click to the result page's heading.
 * @param {import('@playwright/test').Page} page
 * @param {string} url
 * @param {string} productId
 * @param {(typeof SEEDED_RANGES)[number]} range
 * @param {boolean} isNewSupplier
 */
async function receiveRange(page, url, productId, range, isNewSupplier) {
	const count = range.to - range.from + 1;
	const first = serialOf(range, range.from);
	const last = serialOf(range, range.to);
	const button = await fillRangeReceive(page, url, {
		productId,
		supplier: SUPPLIER,
		isNewSupplier,
		first,
		last,
		count
	});
	await quiet(page);
	log(`receiving ${first}..${last} in the UI`);
	const ms = await timeClickUntilText(page, button, {
		selector: 'h1',
		text: `${count.toLocaleString('en')} serials generated`,
		timeout: 180_000
	});
	log(`  ${round(ms)} ms`);
	return ms;
}

/**
 * Times Dexie's bulkAdd of the unit rows of `range`, shaped exactly like the
 * app's (the first unit row of `templateProductId`, read from the app's
 * database, cloned with each serial of the range and the same product id as
 * the template) into a separate database with the same units schema.
 * @param {import('@playwright/test').Page} page
 * @param {string} templateProductId
 * @param {(typeof SEEDED_RANGES)[number]} range
 */
async function rawBulkAdd(page, templateProductId, range) {
	await quiet(page);
	const serials = [];
	for (let n = range.from; n <= range.to; n++) serials.push(serialOf(range, n));
	if (!(await page.evaluate(() => 'Dexie' in window))) {
		await page.addScriptTag({ path: DEXIE_UMD });
	}
	log(`raw Dexie bulkAdd of ${serials.length.toLocaleString('en')} unit rows`);
	const result = await page.evaluate(
		async ({ productId, serials, schema, name }) => {
			/** @type {IDBDatabase} */
			const app = await new Promise((resolve, reject) => {
				const open = indexedDB.open('unitrack');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const template = await new Promise((resolve, reject) => {
				const range = IDBKeyRange.bound([productId, ''], [productId, '\uffff']);
				const get = app.transaction('units', 'readonly').objectStore('units').get(range);
				get.onsuccess = () => resolve(get.result);
				get.onerror = () => reject(get.error);
			});
			app.close();
			if (!template) throw new Error(`no unit of ${productId} in the app's database`);
			const rows = serials.map((serial) => ({ ...structuredClone(template), serial }));

			const Dexie = window.Dexie;
			await Dexie.delete(name);
			const db = new Dexie(name);
			db.version(1).stores({ units: schema });
			await db.open();
			const t0 = performance.now();
			await db.units.bulkAdd(rows);
			const ms = performance.now() - t0;
			const stored = await db.units.count();
			db.close();
			await Dexie.delete(name);
			return { ms, stored, size: JSON.stringify(template).length };
		},
		{ productId: templateProductId, serials, schema: UNITS_SCHEMA, name: RAW_DB }
	);
	if (result.stored !== serials.length) throw new Error(`raw bulkAdd stored ${result.stored} rows`);
	log(`  ${round(result.ms)} ms (a unit row is ~${result.size} bytes as JSON)`);
	return result.ms;
}
