// Finding one serial among 100,000+ stored units the way staff do it: the
// header's Find serial box (src/lib/ui/FindSerial.svelte: the app's
// unitsBySerial query, then the unit's page). In a new browser on the stored
// profile; from the Enter in the box (a capture listener installed before
// the app's) to the next paint after the unit page's heading shows that
// serial (a MutationObserver, then lib.js's paint marker).
import { SEEDED_RANGES, serialOf } from './receive.js';
import { launchStore, log, median, percentile, round, settle, settleWithin } from './lib.js';

const LOOKUPS = 30;
const WARM_UP = 3;
/** The longest wait for an idle page between two lookups. */
const SETTLE_CAP_MS = 10_000;

/** @type {import('./run.js').Group} */
export const lookup = {
	name: 'lookup',
	figures: ['lookup_serial_100k_ms'],
	needs: 'receive',
	async run({ url, storeDir, report }) {
		const context = await launchStore(storeDir);
		try {
			await context.addInitScript(watchFindSerial);
			const page = context.pages()[0] ?? (await context.newPage());
			page.on('pageerror', (error) => log('page error:', error.message));
			await page.goto(`${url}/stock`);
			await page.getByRole('table', { name: 'Stock' }).getByRole('link').first().waitFor();
			// The app opens its log in the background; let that finish first.
			await settle(page);
			const find = page.getByRole('search').getByRole('searchbox', { name: 'Find serial' });
			const times = [];
			/** @type {number[]} */
			const toDom = [];
			for (const serial of pickSerials(LOOKUPS + WARM_UP)) {
				await find.fill(serial);
				await page.evaluate((serial) => window.__findProbe.expect(serial), serial);
				await find.press('Enter');
				await page.waitForFunction(() => window.__findProbe.shownAt >= 0, null, {
					timeout: 10_000,
					polling: 50
				});
				const { enterAt, domAt, shownAt } = await page.evaluate(() => window.__findProbe);
				times.push(shownAt - enterAt);
				toDom.push(domAt - enterAt);
				if (times.length % 10 === 0) log(`lookup: ${times.length} of ${LOOKUPS + WARM_UP}`);
				if (!(await settleWithin(page, SETTLE_CAP_MS)))
					log(`lookup: the page was not idle within ${SETTLE_CAP_MS} ms; going on`);
			}
			const counted = times.slice(WARM_UP);
			log(
				`lookup: median ${round(median(counted), 1)} ms, p95 ${round(percentile(counted, 0.95), 1)} ms, max ${round(Math.max(...counted), 1)} ms over ${counted.length}; ` +
					`Enter to the heading in the DOM (before its paint): median ${round(median(toDom.slice(WARM_UP)), 1)} ms`
			);
			report('lookup_serial_100k_ms', round(median(counted), 1), 'ms', '<= 5');
		} finally {
			await context.close();
		}
	}
};

/**
 * Serials known to be in the store, drawn with a fixed seed so that every run
 * looks up the same ones.
 * @param {number} n
 */
function pickSerials(n) {
	const all = SEEDED_RANGES.flatMap((range) =>
		Array.from({ length: range.to - range.from + 1 }, (_, i) => serialOf(range, range.from + i))
	);
	let seed = 0x2545f491;
	const random = () => {
		// xorshift32
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		return (seed >>> 0) / 2 ** 32;
	};
	return Array.from({ length: n }, () => all[Math.floor(random() * all.length)]);
}

/**
 * Runs in the page before its own scripts (an init script): no closures. The
 * keydown listener is the page's first capture listener on window, so it sees
 * the Enter before the app does.
 */
function watchFindSerial() {
	const probe = {
		serial: '',
		enterAt: -1,
		domAt: -1,
		shownAt: -1,
		/** @param {string} serial */
		expect(serial) {
			probe.serial = serial;
			probe.enterAt = probe.domAt = probe.shownAt = -1;
		}
	};
	window.__findProbe = probe;
	window.addEventListener(
		'keydown',
		(event) => {
			const inBox = event.target instanceof HTMLElement && event.target.id === 'find-serial';
			if (event.key === 'Enter' && inBox && probe.serial && probe.enterAt < 0)
				probe.enterAt = performance.now();
		},
		{ capture: true }
	);
	const check = () => {
		if (probe.enterAt < 0 || probe.domAt >= 0) return;
		const h1 = document.querySelector('main h1');
		// "Serial " is there for screen readers only, so the text runs together.
		if (!h1 || h1.textContent?.replace(/\s+/g, '') !== `Serial${probe.serial}`) return;
		probe.domAt = performance.now();
		window.__benchNextPaint((at) => (probe.shownAt = at));
	};
	new MutationObserver(check).observe(document, {
		childList: true,
		subtree: true,
		characterData: true
	});
}
