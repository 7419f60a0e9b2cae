// A store with years of history (issue 12): the backup of about a million
// events made by bench/history-fixture.js (through the app's own ledger and
// backup code), restored through Settings > Maintenance > Restore as a user
// would, on a browser profile of its own; then the figures a shop meets.
//
// history_1m_restore_ms: from the click on Restore to the next paint after
//   the Stock list shows its rows (the restore reads the file, writes the
//   log, rebuilds the tables, and opens Stock).
// history_1m_backup_mb: the size of that backup file (MiB).
// history_1m_start_ms: a new browser process on the restored profile opens
//   /stock, until the Stock list shows (median of 3; stock-list.js's probe).
// history_start_ratio: that start over the same start of a 10,000-event
//   store restored the same way.
// history_1m_heap_mb: the Stock tab's JS heap after start and a forced GC.
// history_1m_scan_to_line_ms: POS, wedge scans of in-stock serials until the
//   cart line paints, median of 50 (after 3 not counted).
// history_1m_append_write_max_kb: the largest write (bytes of the values put
//   in one IndexedDB transaction of the store's log database) while SALES
//   sales are made through the POS.
//
// The fixture is cached under bench/.cache by its
// generator's version; the first run makes it (several minutes).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyFixture } from './history-fixture.js';
import { heapMb, launchStore, log, median, round, settleWithin } from './lib.js';
import { calm, timeScan } from './pos.js';
import { openInNewBrowser, watchStockReady } from './stock-list.js';

const STARTS = 3;
const SCANS = 50;
const WARM_UP = 3;
/** Sales made to watch the log's writes (each a few hundred ms through the UI). */
const SALES = Number(process.env.HISTORY_SALES ?? 100);
const RESTORE_TIMEOUT_MS = 15 * 60_000;

/** @type {import('./run.js').Group} */
export const history = {
	name: 'history',
	figures: [
		'history_1m_restore_ms',
		'history_1m_backup_mb',
		'history_1m_start_ms',
		'history_start_ratio',
		'history_1m_heap_mb',
		'history_1m_scan_to_line_ms',
		'history_1m_append_write_max_kb'
	],
	async run({ url, report }) {
		const small = await historyFixture('10k');
		// HISTORY_PRESET=10k runs the whole group on the small store (to try the bench quickly).
		const big = await historyFixture(
			/** @type {'1m' | '10k'} */ (process.env.HISTORY_PRESET ?? '1m')
		);
		log(`history: fixtures ${small.events} and ${big.events} events`);
		const dirs = [];
		try {
			const smallDir = await mkdtemp(join(tmpdir(), 'unitrack-history-10k-'));
			dirs.push(smallDir);
			const smallRestore = await restore(smallDir, url, small.file);
			log(`history: 10k restore ${round(smallRestore)} ms`);
			const smallStart = await starts(smallDir, url);

			const bigDir = await mkdtemp(join(tmpdir(), 'unitrack-history-1m-'));
			dirs.push(bigDir);
			const bigRestore = await restore(bigDir, url, big.file);
			report('history_1m_restore_ms', round(bigRestore), 'ms', '<= 90000');
			report('history_1m_backup_mb', round(big.bytes / 1024 / 1024, 1), 'MB', '<= 100');
			const bigStart = await starts(bigDir, url);
			report('history_1m_start_ms', round(bigStart), 'ms', '<= 2000');
			report('history_start_ratio', round(bigStart / smallStart, 2), 'ratio', '<= 1.5');

			const context = await launchStore(bigDir);
			try {
				await context.addInitScript(watchStockReady);
				await context.addInitScript(watchLogWrites);
				const page = context.pages()[0] ?? (await context.newPage());
				page.on('pageerror', (error) => log('page error:', error.message));
				await page.goto(`${url}/stock`);
				await page.waitForFunction(() => window.__benchStockReady !== undefined, null, {
					timeout: 120_000,
					polling: 250
				});
				await settleWithin(page, 20_000);
				const onStock = await heapMb(page);
				log(`history: heap on Stock after start ${round(onStock)} MB`);

				const serials = await inStockSerials(page, url, SCANS + WARM_UP + SALES);
				log(`history: ${serials.length} serials in stock to scan and sell`);
				await page.goto(`${url}/pos`);
				await page.getByRole('heading', { name: 'POS', level: 1 }).waitFor();
				await calm(page);
				const times = [];
				for (const serial of serials.slice(0, SCANS + WARM_UP)) {
					try {
						times.push(await timeScan(page, serial, 'cart'));
					} catch (error) {
						await page.screenshot({ path: '/tmp/history-scan.png' });
						log(`history: the scan of ${serial} did not reach the cart`);
						throw error;
					}
				}
				const counted = times.slice(WARM_UP);
				report('history_1m_scan_to_line_ms', round(median(counted), 1), 'ms', '<= 50');
				// The tab in use: the log open (the POS appends through it), 50 lines in the cart.
				const inUse = await heapMb(page);
				report('history_1m_heap_mb', round(Math.max(onStock, inUse)), 'MB', '<= 150');

				const writes = { max: 0, count: 0 };
				const sold = await sell(page, url, serials.slice(SCANS + WARM_UP), writes);
				log(
					`history: ${sold} sales; log transactions ${writes.count}, largest ${round(writes.max / 1024, 1)} KiB`
				);
				// No sales, no figure (HISTORY_SALES=0 leaves it out).
				if (sold > 0)
					report('history_1m_append_write_max_kb', round(writes.max / 1024, 1), 'KB', '<= 1024');
			} finally {
				await context.close();
			}
		} finally {
			for (const dir of dirs) await rm(dir, { recursive: true, force: true });
		}
	}
};

/**
 * Restores `file` on a fresh profile through Settings > Maintenance; returns
 * ms from the click to the Stock list's paint.
 * @param {string} dir @param {string} url @param {string} file
 */
async function restore(dir, url, file) {
	const context = await launchStore(dir);
	try {
		await context.addInitScript(watchStockReady);
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('pageerror', (error) => log('page error:', error.message));
		await page.goto(`${url}/settings/maintenance`);
		await page.getByRole('heading', { name: 'Maintenance', level: 1 }).waitFor();
		await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, {
			timeout: 60_000
		});
		await page.getByLabel('Backup file').setInputFiles(file);
		await settleWithin(page, 10_000);
		// Where the time goes: each step the progress overlay names, with its start.
		const steps = [];
		page.on('console', (m) => {
			if (m.text().startsWith('bench-step ')) steps.push([Date.now(), m.text().slice(11)]);
		});
		await page.evaluate(() => {
			let last = '';
			setInterval(() => {
				const title = document.getElementById('startup-title')?.textContent ?? '';
				if (title !== last) console.log(`bench-step ${(last = title)}`);
			}, 100);
		});
		const clickAt = await page.evaluate(() => performance.timeOrigin + performance.now());
		await page
			.getByRole('region', { name: 'Restore' })
			.getByRole('button', { name: 'Restore' })
			.click();
		await page.waitForURL(/\/stock$/, { timeout: RESTORE_TIMEOUT_MS });
		await page.waitForFunction(() => window.__benchStockReady !== undefined, null, {
			timeout: 120_000,
			polling: 250
		});
		const shownAt = await page.evaluate(() => performance.timeOrigin + window.__benchStockReady);
		log(
			`history: restore steps ${steps.map(([at, title]) => `+${round((at - clickAt) / 1000, 1)} s ${title || '(none)'}`).join('; ')}`
		);
		await settleWithin(page, 20_000);
		return shownAt - clickAt;
	} finally {
		await context.close();
	}
}

/** Median of STARTS opens of /stock, each in a new browser process. @param {string} dir @param {string} url */
async function starts(dir, url) {
	const times = [];
	for (let i = 0; i < STARTS; i++) times.push(await openInNewBrowser(dir, url));
	log(`history: starts ${times.map((t) => round(t)).join(', ')} ms (${dir})`);
	return median(times);
}

/**
 * Serials in stock, read from the app's screens: Stock, then each serialised
 * product's Stock Info filtered to In stock, until there are `count`.
 * @param {import('@playwright/test').Page} page @param {string} url @param {number} count
 */
async function inStockSerials(page, url, count) {
	await page.goto(`${url}/stock`);
	await page.locator('table[aria-label="Stock"] tbody tr a').first().waitFor({ timeout: 60_000 });
	const links = await page
		.locator('table[aria-label="Stock"] tbody tr a[href^="/products/"]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	const serials = [];
	for (const href of links) {
		if (serials.length >= count) break;
		await page.goto(`${url}${href.endsWith('/stock') ? href : `${href}/stock`}`);
		const filter = page.getByLabel('Status');
		if ((await filter.count()) === 0) continue;
		await filter.selectOption('in_stock');
		const rows = page.locator('table[aria-label="Units"] tbody tr');
		await rows
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(() => undefined);
		await page.waitForTimeout(500);
		// Only the rows whose status says In stock (the list may still be the unfiltered one).
		const found = await rows.evaluateAll((trs) =>
			trs
				.filter((tr) => tr.querySelectorAll('td')[1]?.textContent?.trim() === 'In stock')
				.map((tr) => tr.querySelector('a.mono')?.textContent?.trim() ?? '')
		);
		for (const s of found) if (serials.length < count && s) serials.push(s);
	}
	return serials;
}

/**
 * Sells each serial alone through the POS; returns how many sold. Each sale's
 * page counts its log writes (watchLogWrites); `writes` gathers them.
 * @param {import('@playwright/test').Page} page @param {string} url @param {string[]} serials
 * @param {{ max: number, count: number }} writes
 */
async function sell(page, url, serials, writes) {
	let sold = 0;
	for (const serial of serials) {
		await page.goto(`${url}/pos`);
		await page.getByRole('heading', { name: 'POS', level: 1 }).waitFor();
		try {
			await timeScan(page, serial, 'cart');
		} catch {
			log(`history: ${serial} did not reach the cart; not sold`);
			continue;
		}
		await page.getByLabel('Customer name').fill(`Bench customer ${sold}`);
		await page.getByRole('button', { name: 'Exact amount' }).click();
		await page.getByRole('button', { name: 'Complete sale' }).click();
		await page.getByRole('region', { name: /^Receipt / }).waitFor({ timeout: 30_000 });
		sold++;
		// The page goes at the next sale: take what it saw of the log's writes now.
		await page.waitForTimeout(1200);
		const seen = await page.evaluate(() => window.__benchLogWrites);
		writes.max = Math.max(writes.max, seen.max);
		writes.count += seen.count;
	}
	return sold;
}

/** In the page: bytes put per IndexedDB transaction of a store's log database, and the largest. */
function watchLogWrites() {
	const stats = (window.__benchLogWrites = { max: 0, count: 0 });
	/** @type {WeakMap<IDBTransaction, number>} */
	const sizes = new WeakMap();
	const sizeOf = (/** @type {unknown} */ value) => {
		if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value.byteLength;
		if (value && typeof value === 'object') {
			let n = 0;
			for (const v of Object.values(value)) n += sizeOf(v);
			return n;
		}
		return typeof value === 'string' ? value.length : 8;
	};
	for (const method of /** @type {const} */ (['put', 'add'])) {
		const original = IDBObjectStore.prototype[method];
		IDBObjectStore.prototype[method] = function (value, key) {
			const tx = this.transaction;
			if (tx.db.name.startsWith('unitrack-log-')) {
				if (!sizes.has(tx)) {
					stats.count++;
					tx.addEventListener('complete', () => sizes.delete(tx));
				}
				const total = (sizes.get(tx) ?? 0) + sizeOf(value);
				sizes.set(tx, total);
				if (total > stats.max) stats.max = total;
			}
			return original.call(this, value, key);
		};
	}
}
