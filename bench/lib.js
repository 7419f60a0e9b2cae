// Shared helpers of the benchmarks: the app server, Chromium, in-page timing
// and the UI steps that several figure groups need.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/fixtures/chromium.js';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export { CHROMIUM_ARGS, CHROMIUM_PATH };
/** en-US so that counts read "10,000" whatever the machine's locale. */
const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 900 } };

/** Progress and diagnostics: stderr only, stdout carries the figures. */
export function log(...parts) {
	console.error('[bench]', ...parts);
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Names missing from a build folder: every file its service worker precaches
 * must be there, which also means the service worker step ran after vite.
 * @param {string} build
 */
async function missingFromBuild(build) {
	const sw = await readFile(join(build, 'sw.js'), 'utf8').catch(() => '');
	if (!sw) return ['sw.js'];
	const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
	if (urls.length === 0) return ['the precache manifest in sw.js'];
	return urls.filter((url) => !existsSync(join(build, url)));
}

/**
 * Copies the built app and the server into a folder of their own, so that a
 * rebuild by someone else during the run (it empties build/) cannot pull
 * files from under the pages. Waits (up to 3 minutes) for a complete build.
 * @returns {Promise<{ root: string, remove: () => Promise<void> }>}
 */
export async function snapshotApp() {
	const root = await mkdtemp(join(tmpdir(), 'unitrack-bench-app-'));
	const remove = () => rm(root, { recursive: true, force: true });
	try {
		for (let attempt = 1; ; attempt++) {
			const missing = await missingFromBuild(join(ROOT, 'build'));
			if (missing.length === 0) {
				await rm(join(root, 'build'), { recursive: true, force: true });
				await cp(join(ROOT, 'build'), join(root, 'build'), { recursive: true });
				if ((await missingFromBuild(join(root, 'build'))).length === 0) break;
			} else if (attempt >= 18) {
				throw new Error(
					`build/ is incomplete (missing ${missing.slice(0, 3).join(', ')}); run npm run build`
				);
			}
			log('build/ is being rebuilt or incomplete; waiting 10 s');
			await sleep(10_000);
		}
		await cp(join(ROOT, 'server'), join(root, 'server'), { recursive: true });
		await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
		await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
		return { root, remove };
	} catch (error) {
		await remove();
		throw error;
	}
}

/**
 * Starts `server/start.js --no-build` of an app folder (see snapshotApp) on a
 * free port (the server picks it: port 0) and resolves once it listens.
 * @param {string} root
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startServer(root) {
	const child = spawn(
		process.execPath,
		['server/start.js', '--no-build', '--host', '127.0.0.1', '--port', '0'],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let stopping = false;
	const stop = () =>
		new Promise((resolve) => {
			stopping = true;
			if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
			child.once('exit', () => resolve(undefined));
			child.kill('SIGTERM');
			// The server closes keep-alive connections itself; this is only a backstop.
			setTimeout(() => child.kill('SIGKILL'), 3000).unref();
		});
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => {
			void stop();
			reject(new Error(`the app server did not start within 15 s:\n${out}`));
		}, 15_000);
		child.stderr.on('data', (chunk) => (out += chunk));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /running at (http:\/\/[^\s/]+:\d+)\//.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve({ url: match[1], stop });
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (!stopping) log(`the app server exited (${code}):\n${out.slice(-2000)}`);
			reject(new Error(`the app server exited (${code}) before listening:\n${out}`));
		});
	});
}

/**
 * Defines `window.__benchNextPaint(callback)` in every page of a context (an
 * init script: it runs before the page's own scripts, no closures). The end
 * of every timed section in the bench is "the next paint after the DOM
 * shows the result": a requestAnimationFrame callback runs just before the
 * frame that holds the change is painted, and a task posted from inside it
 * (a MessageChannel message: not clamped like a nested setTimeout) runs
 * right after that frame's paint — what `requestPostAnimationFrame` would
 * give. The callback gets `performance.now()` at that moment.
 */
function definePaintMarker() {
	/** @param {(at: number) => void} callback */
	window.__benchNextPaint = (callback) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				channel.port1.close();
				callback(performance.now());
			};
			channel.port2.postMessage(null);
		});
}

/**
 * Gives a context the bench's in-page helpers (`window.__benchNextPaint`).
 * Every context the bench makes goes through here.
 * @template {import('@playwright/test').BrowserContext} C
 * @param {C} context
 * @returns {Promise<C>}
 */
export async function withBenchHelpers(context) {
	await context.addInitScript(definePaintMarker);
	return context;
}

/** A browser for groups that need only throwaway contexts. */
export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A fresh, empty context in `browser` (empty IndexedDB, no service worker).
 * @param {import('@playwright/test').Browser} browser
 * @param {import('@playwright/test').BrowserContextOptions} [options]
 */
export async function freshContext(browser, options = {}) {
	return withBenchHelpers(await browser.newContext({ ...CONTEXT_OPTIONS, ...options }));
}

/**
 * A browser process of its own on a profile folder: the store (IndexedDB, the
 * service worker) survives from one group to the next, nothing else does.
 * @param {string} userDataDir
 */
export async function launchStore(userDataDir) {
	const context = await chromium.launchPersistentContext(userDataDir, {
		...CONTEXT_OPTIONS,
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		headless: true
	});
	return withBenchHelpers(context);
}

/**
 * The page's JS heap after a forced GC (DevTools protocol), in MiB.
 * @param {import('@playwright/test').Page} page
 */
export async function heapMb(page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	await cdp.detach();
	return usedSize / 1024 / 1024;
}

/** @param {number[]} values */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @param {number[]} values
 * @param {number} p 0..1
 */
export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** @param {number} value @param {number} digits */
export function round(value, digits = 1) {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/**
 * Times, inside the page, from the click on `button` to the next paint after
 * an element matching `selector` with exactly `text` is in the DOM. A
 * capture-phase listener stores the click's performance.now(); a
 * MutationObserver sees the element, and `__benchNextPaint` (see
 * definePaintMarker) stores the end. Both survive client-side navigation,
 * which keeps the document.
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} button
 * @param {{ selector: string, text: string, timeout: number }} until
 * @returns {Promise<number>} milliseconds
 */
export async function timeClickUntilText(page, button, { selector, text, timeout }) {
	const handle = await button.elementHandle();
	await page.evaluate(
		({ target, selector, text }) => {
			const probe = { clickAt: -1, domAt: -1, shownAt: -1 };
			window.__benchProbe = probe;
			document.addEventListener(
				'click',
				(e) => {
					if (probe.clickAt < 0 && e.target instanceof Node && target.contains(e.target)) {
						probe.clickAt = performance.now();
					}
				},
				{ capture: true }
			);
			const check = () => {
				if (probe.clickAt < 0 || probe.domAt >= 0) return;
				const found = [...document.querySelectorAll(selector)].some(
					(el) => el.textContent?.trim().replace(/\s+/g, ' ') === text
				);
				if (!found) return;
				probe.domAt = performance.now();
				observer.disconnect();
				window.__benchNextPaint((at) => (probe.shownAt = at));
			};
			const observer = new MutationObserver(check);
			observer.observe(document, { childList: true, subtree: true, characterData: true });
		},
		{ target: handle, selector, text }
	);
	await button.click();
	await page.waitForFunction(() => window.__benchProbe.shownAt >= 0, null, {
		timeout,
		polling: 250
	});
	const probe = await page.evaluate(() => window.__benchProbe);
	return probe.shownAt - probe.clickAt;
}

/**
 * Waits until the page's main thread has been idle for a moment: the ledger
 * opening in the background must not land inside a timed section.
 * @param {import('@playwright/test').Page} page
 */
export async function settle(page) {
	await page.evaluate(async () => {
		const idle = () =>
			new Promise((resolve) =>
				requestIdleCallback((deadline) => resolve(deadline.timeRemaining()), { timeout: 10_000 })
			);
		// Two idle periods in a row with time to spare: nothing long is queued.
		for (let calm = 0, rounds = 0; calm < 2 && rounds < 50; rounds++) {
			calm = (await idle()) > 40 ? calm + 1 : 0;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	});
}

/**
 * settle, but for at most `capMs`: a page that is never idle (on a busy
 * machine, or with a caret blinking in a focused box) would otherwise hold
 * the bench up for minutes. Resolves false when the cap came first.
 * @param {import('@playwright/test').Page} page
 * @param {number} capMs
 */
export async function settleWithin(page, capMs) {
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	const cap = new Promise((resolve) => (timer = setTimeout(() => resolve(false), capMs)));
	const settled = await Promise.race([settle(page).then(() => true), cap]);
	clearTimeout(timer);
	return settled;
}

/**
 * settle, then a pause: IndexedDB (LevelDB) compacts in the browser process
 * for a while after a big write, which the page cannot see but the next
 * timed write would pay for.
 * @param {import('@playwright/test').Page} page
 */
export async function quiet(page) {
	await settle(page);
	await page.waitForTimeout(3000);
}

/**
 * Waits (up to 15 s) for the app's service worker to be active, so that its
 * precaching does not compete with a timed section. Resolves false when there
 * is none.
 * @param {import('@playwright/test').Page} page
 */
export async function waitForServiceWorker(page) {
	return page.evaluate(async () => {
		if (!('serviceWorker' in navigator)) return false;
		const ready = navigator.serviceWorker.ready.then(() => true);
		const late = new Promise((resolve) => setTimeout(() => resolve(false), 15_000));
		return Promise.race([ready, late]);
	});
}

/**
 * Adds a serialised product through Add product; returns its id.
 * @param {import('@playwright/test').Page} page
 * @param {string} url base URL of the app
 * @param {{ name: string, stockCode: string }} product
 */
export async function addSerialisedProduct(page, url, { name, stockCode }) {
	await page.goto(`${url}/products/new`);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Stock code').fill(stockCode);
	await page.getByLabel('Serialised Stock').selectOption({ label: 'Yes' });
	await page.getByRole('button', { name: 'Save product' }).click();
	await page.waitForURL(/\/products\/[^/]+\/stock$/, { timeout: 15_000 });
	const id = /\/products\/([^/]+)\/stock$/.exec(new URL(page.url()).pathname)?.[1];
	if (!id) throw new Error(`no product id in ${page.url()}`);
	return decodeURIComponent(id);
}

/**
 * Opens Generate Stock Serials for a product and fills in Provide Range,
 * first and last, up to (not including) the click on "Generate Stock
 * Serials". Waits for the range preview, so its work is not timed.
 * @param {import('@playwright/test').Page} page
 * @param {string} url
 * @param {{ productId: string, supplier: string, isNewSupplier: boolean, first: string, last: string, count: number }} form
 * @returns {Promise<import('@playwright/test').Locator>} the submit button
 */
export async function fillRangeReceive(page, url, form) {
	await page.goto(`${url}/stock/generate?product=${encodeURIComponent(form.productId)}`);
	const product = page.getByLabel('Product', { exact: true });
	await page.waitForFunction(
		(id) => [...document.querySelectorAll('#product option')].some((o) => o.value === id),
		form.productId
	);
	await product.selectOption(form.productId);
	const supplier = page.getByLabel('Supplier', { exact: true });
	if (form.isNewSupplier) {
		await supplier.selectOption({ label: '+ New supplier…' });
		await page.getByLabel('New supplier name').fill(form.supplier);
	} else {
		await page.waitForFunction(
			(name) => [...document.querySelectorAll('#supplier option')].some((o) => o.text === name),
			form.supplier
		);
		await supplier.selectOption({ label: form.supplier });
	}
	await page.getByLabel('Provide Range').check();
	await page.getByLabel('First serial').fill(form.first);
	await page.getByLabel('Last serial').fill(form.last);
	const count = form.count.toLocaleString('en');
	await page.getByText(`${count} serials:`).waitFor({ timeout: 15_000 });
	return page.getByRole('button', { name: 'Generate Stock Serials' });
}
