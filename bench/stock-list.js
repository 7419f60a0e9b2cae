// Opening Stock cold with 100,000+ units stored: a new browser process on the
// stored profile (nothing of the store in memory, the service worker serving
// the shell as it does for users) opens /stock; from navigation start to the
// next paint after the Stock table shows its product rows and the search box
// can be used. Read inside the page (performance.now() is measured from the
// navigation start).
import { launchStore, log, median, round, settle } from './lib.js';

/** New browser processes whose opens are the figure (after the first, reported apart). */
const LAUNCHES = 3;

/** @type {import('./run.js').Group} */
export const stockList = {
	name: 'stock-list',
	figures: ['stock_list_cold_100k_ms', 'stock_list_first_open_100k_ms'],
	needs: 'receive',
	async run({ url, storeDir, report }) {
		const first = await openInNewBrowser(storeDir, url);
		log(`stock list: first open after the store was written ${round(first)} ms`);
		const times = [];
		for (let i = 0; i < LAUNCHES; i++) times.push(await openInNewBrowser(storeDir, url));
		log(`stock list: new browser each time ${times.map((t) => round(t)).join(', ')} ms`);
		report('stock_list_cold_100k_ms', round(median(times)), 'ms', '<= 2000');
		report('stock_list_first_open_100k_ms', round(first), 'ms', 'n/a');
	}
};

/**
 * Launches a browser process on the profile, opens /stock, and closes it.
 * @param {string} storeDir
 * @param {string} url
 */
export async function openInNewBrowser(storeDir, url) {
	const context = await launchStore(storeDir);
	try {
		await context.addInitScript(watchStockReady);
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('pageerror', (error) => log('page error:', error.message));
		return await load(page, () => page.goto(`${url}/stock`, { waitUntil: 'commit' }));
	} finally {
		await context.close();
	}
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {() => Promise<unknown>} navigate
 */
async function load(page, navigate) {
	await navigate();
	await page.waitForFunction(() => window.__benchStockReady !== undefined, null, {
		timeout: 60_000,
		polling: 250
	});
	const ms = await page.evaluate(() => window.__benchStockReady);
	// The page keeps working after the rows show (the log opens in the
	// background); let it finish, and say how long the main thread was
	// blocked meanwhile.
	await page.waitForLoadState('networkidle');
	await settle(page);
	const { longTasks, opens, nav } = await page.evaluate(() => ({
		longTasks: window.__benchLongTasks ?? [],
		opens: window.__benchIdbOpens ?? [],
		nav: performance.getEntriesByType('navigation')[0]?.toJSON()
	}));
	// Where the time went: the page's HTML, its scripts, IndexedDB opening.
	const steps = [
		`HTML ${round(nav?.responseEnd ?? NaN)}`,
		`DOMContentLoaded ${round(nav?.domContentLoadedEventEnd ?? NaN)}`,
		...opens.map((o) => `open ${o.name} ${round(o.start)}..${round(o.end)}`),
		`ready ${round(ms)}`
	];
	const after = longTasks.filter((t) => t.end > ms);
	log(`  ${steps.join(', ')} ms`);
	log(
		`  long tasks after ready: ${after.length}, ` +
			`${round(after.reduce((sum, t) => sum + t.duration, 0))} ms in all, ` +
			`longest ${round(Math.max(0, ...after.map((t) => t.duration)))} ms`
	);
	return ms;
}

/** Runs in the page before its own scripts (an init script): no closures. */
export function watchStockReady() {
	if (location.pathname !== '/stock') return;
	const opens = (window.__benchIdbOpens = []);
	const open = IDBFactory.prototype.open;
	IDBFactory.prototype.open = function (...args) {
		const entry = { name: String(args[0]), start: performance.now(), end: NaN };
		opens.push(entry);
		const request = open.apply(this, args);
		request.addEventListener('success', () => (entry.end = performance.now()));
		return request;
	};
	const longTasks = (window.__benchLongTasks = []);
	new PerformanceObserver((list) => {
		for (const t of list.getEntries()) {
			longTasks.push({ start: t.startTime, end: t.startTime + t.duration, duration: t.duration });
		}
	}).observe({ type: 'longtask', buffered: true });
	const isReady = () => {
		const table = document.querySelector('table[aria-label="Stock"]');
		const search = document.querySelector('#stock-search');
		if (!table || !(search instanceof HTMLInputElement) || search.disabled) return false;
		const rows = table.querySelectorAll('tbody tr');
		return rows.length > 0 && [...rows].every((row) => row.querySelector('a') !== null);
	};
	const observer = new MutationObserver(() => {
		if (!isReady()) return;
		observer.disconnect();
		window.__benchNextPaint((at) => (window.__benchStockReady = at));
	});
	observer.observe(document, { childList: true, subtree: true, attributes: true });
}
