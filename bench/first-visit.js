// The first visit on a phone: Lighthouse 12's mobile preset, as Lighthouse
// applies it through the DevTools protocol when it throttles for real
// (throttlingMethod 'devtools'; lighthouse core/config/constants.js,
// mobileSlow4G): 150 ms RTT and 1.6 Mbps down / 750 kbps up, given to
// Network.emulateNetworkConditions as 562.5 ms a request (150 × 3.75) and
// 1474.56 / 675 kbps (× 0.9), because DevTools throttles whole requests, not
// packets; Emulation.setCPUThrottlingRate 4; the moto g power screen (412 ×
// 823 CSS px at 1.75) and its user agent. A fresh context each time: an
// empty profile, no service worker, an empty HTTP cache, its own connections.
// The figure is the page's own `largest-contentful-paint` (a buffered
// PerformanceObserver installed before the page's scripts), read once the
// page has been quiet for a while; median of RUNS visits.
import { freshContext, launchBrowser, log, median, round } from './lib.js';

const RUNS = 3;
const KBPS = 1024 / 8; // bytes per second in one Lighthouse kbps
const SLOW_4G = {
	offline: false,
	latency: 150 * 3.75,
	downloadThroughput: 1.6 * 1024 * 0.9 * KBPS,
	uploadThroughput: 750 * 0.9 * KBPS
};
const CPU_SLOWDOWN = 4;
const PHONE = {
	viewport: { width: 412, height: 823 },
	deviceScaleFactor: 1.75,
	isMobile: true,
	hasTouch: true,
	userAgent:
		'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36'
};
/** After the load event, how long nothing may paint larger before the LCP is read. */
const QUIET_MS = 3000;

/** @type {import('./run.js').Group} */
export const firstVisit = {
	name: 'first-visit',
	figures: ['first_visit_lcp_mobile_ms'],
	async run({ url, report }) {
		const browser = await launchBrowser();
		try {
			const visits = [];
			for (let i = 0; i < RUNS; i++) visits.push(await visit(browser, `${url}/stock`));
			for (const v of visits) {
				log(
					`first visit: HTML ${round(v.html)}, first contentful paint ${round(v.fcp)}, ` +
						`largest contentful paint ${round(v.lcp)} ms (<${v.element}> "${v.text}"), load ${round(v.load)}, ` +
						`the app running (Load demo data enabled, painted) ${round(v.interactive)} ms`
				);
			}
			report('first_visit_lcp_mobile_ms', round(median(visits.map((v) => v.lcp))), 'ms', '<= 2000');
		} finally {
			await browser.close();
		}
	}
};

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} address
 */
async function visit(browser, address) {
	const context = await freshContext(browser, PHONE);
	try {
		await context.addInitScript(watchPaints);
		const page = await context.newPage();
		page.on('pageerror', (error) => log('page error:', error.message));
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
		await page.goto(address, { waitUntil: 'load', timeout: 120_000 });
		// The LCP is the last candidate: wait until none came for a while.
		for (let last = -1; ;) {
			await page.waitForTimeout(QUIET_MS);
			const count = await page.evaluate(() => window.__benchPaints.lcp.length);
			if (count === last) break;
			last = count;
		}
		const result = await page.evaluate(() => {
			const { lcp, fcp, interactive } = window.__benchPaints;
			const nav = performance.getEntriesByType('navigation')[0];
			const last = lcp.at(-1);
			return {
				lcp: last?.startTime ?? NaN,
				element: last?.element ?? '',
				text: last?.text ?? '',
				fcp,
				interactive,
				html: nav instanceof PerformanceNavigationTiming ? nav.responseEnd : NaN,
				load: nav instanceof PerformanceNavigationTiming ? nav.loadEventEnd : NaN
			};
		});
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		return result;
	} finally {
		await context.close();
	}
}

/** Runs in the page before its own scripts (an init script): no closures. */
function watchPaints() {
	const paints = (window.__benchPaints = { lcp: [], fcp: NaN, interactive: NaN });
	// When the app has hydrated the page and read the store: its button works.
	const observer = new MutationObserver(() => {
		const demo = [...document.querySelectorAll('main button')].find(
			(b) => b.textContent?.trim() === 'Load demo data'
		);
		if (!(demo instanceof HTMLButtonElement) || demo.disabled) return;
		observer.disconnect();
		window.__benchNextPaint((at) => (paints.interactive = at));
	});
	observer.observe(document, { childList: true, subtree: true, attributes: true });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const element = entry.element;
			paints.lcp.push({
				startTime: entry.startTime,
				element: element?.tagName.toLowerCase() ?? '',
				text: (element?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
			});
		}
	}).observe({ type: 'largest-contentful-paint', buffered: true });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			if (entry.name === 'first-contentful-paint') paints.fcp = entry.startTime;
	}).observe({ type: 'paint', buffered: true });
}
