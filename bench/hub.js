// The hub for chains (server/hub, docs/hub.md), run as `npm start -- --hub`
// from the bench's copy of the app, embedded database in a temporary folder.
//
// hub_load_p95_ms / hub_load_lost_events / hub_rss_mb: 10 stores × 5
// simulated devices (Node, @hocuspocus/provider, one WebSocket each, the
// head and this month's period synced) each append one sale a second for
// 60 s. The p95 of the time from an append (the event carries its wall time)
// to its arrival on each other device of its store; the events not on every
// device of their store once all is quiet (up to 20 s after); the hub
// process's resident memory (VmRSS) then, holding those 10 stores.
// hub_join_100k_ms: in Chromium, a device holds a store of 100,000 units
// (received by range in the UI) and syncs it through the hub; a new device
// (its service worker installed) enters the hub address and its token in
// Settings > Store and sync, and the time runs from that click to the next
// paint after the POS cart shows a unit scanned with a wedge scanner (the
// scan is repeated until the unit is there: the device can sell). Both ends
// are wall times in the page (the click survives the page's reload in
// sessionStorage).
// hub_kill_lost_events: 5 devices append 1,000 events between them, the hub
// is killed (SIGKILL) half way (once at least 50 are acknowledged) and
// restarted: the events a device had seen acknowledged before the kill that
// the restarted hub does not hold.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, spawnHub } from '../server/hub/hub-fixtures.js';
import { killDuringAppends, loadRun, peakResidentMb } from '../server/hub/scenarios.js';
import {
	addSerialisedProduct,
	fillRangeReceive,
	freshContext,
	launchBrowser,
	log,
	percentile,
	round,
	settleWithin,
	waitForServiceWorker
} from './lib.js';
import { scan } from './pos.js';

const SECONDS = 60;
const UNITS = 100_000;

/** @type {import('./run.js').Group} */
export const hub = {
	name: 'hub',
	figures: [
		'hub_load_p95_ms',
		'hub_load_lost_events',
		'hub_rss_mb',
		'hub_join_100k_ms',
		'hub_kill_lost_events'
	],
	async run({ root, report }) {
		const data = await mkdtemp(join(tmpdir(), 'unitrack-bench-hub-'));
		const killData = await mkdtemp(join(tmpdir(), 'unitrack-bench-hub-kill-'));
		let server = await spawnHub({ data, root });
		try {
			const pid = /** @type {number} */ (server.child.pid);
			const load = await loadRun({
				url: server.url,
				base: server.base,
				pid,
				seconds: SECONDS,
				log
			});
			log(
				`hub load: ${load.appended} sales, ${load.latencies.length} arrivals, median ${round(percentile(load.latencies, 0.5))} ms, max ${Math.max(...load.latencies)} ms; load average ${loadavg()[0].toFixed(1)}; peak RSS ${round(peakResidentMb(pid))} MB`
			);
			report('hub_load_p95_ms', round(percentile(load.latencies, 0.95)), 'ms', '<= 500');
			report('hub_load_lost_events', load.lost, 'events', '= 0');
			report('hub_rss_mb', round(load.rssMb), 'MB', '<= 512');

			const joinMs = await joinThroughHub(server.base);
			report('hub_join_100k_ms', round(joinMs), 'ms', '<= 10000');
			await server.stop();

			const kill = await killDuringAppends({ data: killData, root });
			log(`hub kill: ${kill.acked.length} of ${kill.total} acknowledged before the SIGKILL`);
			if (kill.acked.length < 50)
				log('hub kill: WARNING: fewer than 50 acknowledged, so the figure checks little');
			report('hub_kill_lost_events', kill.lost.length, 'events', '= 0');
		} finally {
			await server.stop();
			await rm(data, { recursive: true, force: true });
			await rm(killData, { recursive: true, force: true });
		}
	}
};

/**
 * @param {string} base the hub's (and app's) http origin
 * @returns {Promise<number>} ms from the click on "Sync through the hub" to the scanned unit in the cart
 */
async function joinThroughHub(base) {
	const browser = await launchBrowser();
	try {
		const a = await (await freshContext(browser)).newPage();
		const productId = await addSerialisedProduct(a, base, {
			name: 'Hub Bench Phone',
			stockCode: 'HUB-BENCH'
		});
		const submit = await fillRangeReceive(a, base, {
			productId,
			supplier: 'Hub Bench Supplier',
			isNewSupplier: true,
			first: 'HB000001',
			last: 'HB100000',
			count: UNITS
		});
		log('hub join: receiving 100,000 serials on the first device');
		await submit.click();
		await a
			.getByRole('heading', { level: 1, name: `${UNITS.toLocaleString('en')} serials generated` })
			.waitFor({ timeout: 180_000 });

		// The manager: this device's token, used here; then the new device's.
		const devices = a.getByRole('region', { name: 'Devices', exact: true });
		await a.goto(`${base}/settings`);
		await devices.getByLabel('Hub address').fill(base);
		await devices.getByLabel('Hub admin token').fill(ADMIN_TOKEN);
		await devices.getByRole('button', { name: 'Show device tokens' }).click();
		const issue = async (/** @type {string} */ name) => {
			await devices.getByLabel('Device name').fill(name);
			await devices.getByRole('button', { name: 'Issue token' }).click();
			const shown = devices.getByRole('textbox', { name: `Device token for ${name}` });
			await shown.waitFor();
			return shown.inputValue();
		};
		await issue('Till 1');
		await devices.getByRole('button', { name: 'Use on this device' }).click();
		await a
			.getByRole('region', { name: 'Sync through a hub' })
			.getByText('Connected: the hub has every change sent.')
			.waitFor({ timeout: 120_000 });
		const token = await issue('Tablet');
		log('hub join: the store is on the hub');

		const context = await freshContext(browser);
		await context.addInitScript(() => {
			document.addEventListener(
				'click',
				(e) => {
					const button = /** @type {Element} */ (e.target).closest?.('button');
					if (button?.textContent?.trim() === 'Sync through the hub')
						sessionStorage.setItem(
							'hubClickAt',
							String(performance.timeOrigin + performance.now())
						);
				},
				{ capture: true }
			);
			// When the header first said each state, after the reload: where the time went.
			const steps = (window.__hubSteps = /** @type {Record<string, number>} */ ({}));
			const watch = new MutationObserver(() => {
				const status = document.querySelector('header a.sync .text')?.textContent?.trim();
				if (status && !(status in steps))
					steps[status] = performance.timeOrigin + performance.now();
				// A joining device's notice: waiting for the stock (a checkpoint), then the history.
				const notice = document.querySelector('.join.notice')?.textContent ?? '';
				const phase = notice.includes("store's stock")
					? 'the wait for the stock'
					: notice.includes("store's history")
						? 'the history in the background'
						: '';
				if (phase && !(phase in steps)) steps[phase] = performance.timeOrigin + performance.now();
				if (!phase && 'the wait for the stock' in steps && !('the stock in' in steps))
					steps['the stock in'] = performance.timeOrigin + performance.now();
			});
			addEventListener('DOMContentLoaded', () =>
				watch.observe(document, { childList: true, subtree: true, characterData: true })
			);
		});
		const b = await context.newPage();
		await b.goto(`${base}/settings`);
		await waitForServiceWorker(b);
		const section = b.getByRole('region', { name: 'Sync through a hub' });
		await section.getByLabel('Hub address').fill(base);
		await section.getByLabel('Device token').fill(token);
		await settleWithin(b, 5000);
		await section.getByRole('button', { name: 'Sync through the hub' }).click();
		// The page reloads into the joined store.
		await section.getByRole('status').waitFor({ timeout: 60_000 });
		const reloadedAt = Date.now();
		await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'POS' }).click();
		await b.getByRole('heading', { name: 'POS', level: 1 }).waitFor();
		const serial = 'HB050000';
		await b.evaluate((serial) => {
			const probe = { shownAt: -1 };
			window.__hubProbe = probe;
			const observer = new MutationObserver(() => {
				const cells = document.querySelectorAll('table[aria-label="Cart"] td');
				if (![...cells].some((td) => td.textContent?.includes(serial))) return;
				observer.disconnect();
				window.__benchNextPaint((at) => (probe.shownAt = performance.timeOrigin + at));
			});
			observer.observe(document.body, { childList: true, subtree: true, characterData: true });
		}, serial);
		// A person scans again until the unit is there.
		for (let tries = 0; ; tries++) {
			await scan(b, serial);
			const landed = await b
				.waitForFunction(() => window.__hubProbe.shownAt > 0, null, { timeout: 400, polling: 20 })
				.then(() => true)
				.catch(() => false);
			if (landed) break;
			if (tries > 300) throw new Error('the scanned unit never reached the cart');
		}
		const { shownAt, clickAt, steps } = await b.evaluate(() => ({
			shownAt: window.__hubProbe.shownAt,
			clickAt: Number(sessionStorage.getItem('hubClickAt')),
			steps: window.__hubSteps
		}));
		log(
			`hub join: after the click, the header said ${Object.entries(steps)
				.map(([k, v]) => `${k} at ${round(v - clickAt)} ms`)
				.join(', ')}`
		);
		log(
			`hub join: ${round(shownAt - clickAt)} ms (the joined store's screens up after ${round(reloadedAt - clickAt)} ms); load average ${loadavg()[0].toFixed(1)}`
		);
		return shownAt - clickAt;
	} finally {
		await browser.close();
	}
}
