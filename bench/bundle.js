// What the first screen costs to download: every JavaScript response of
// /stock on an empty store, until the network is idle, gzipped here at level
// 9 (the server may send it uncompressed). Service workers are blocked so
// that only what the page itself loads counts, not the offline precache.
import { gzipSync } from 'node:zlib';
import { freshContext, launchBrowser, log, round } from './lib.js';

/** @type {import('./run.js').Group} */
export const bundle = {
	name: 'bundle',
	figures: ['initial_js_gzip_kb'],
	async run({ url, report }) {
		const browser = await launchBrowser();
		try {
			const context = await freshContext(browser, { serviceWorkers: 'block' });
			/** @type {Promise<{ url: string, raw: number, gzip: number }>[]} */
			const scripts = [];
			context.on('response', (response) => {
				if (!isJavaScript(response)) return;
				scripts.push(
					response.body().then((body) => ({
						url: response.url(),
						raw: body.length,
						gzip: gzipSync(body, { level: 9 }).length
					}))
				);
			});
			const page = await context.newPage();
			await page.goto(`${url}/stock`, { waitUntil: 'networkidle' });
			await page.getByText('This store has no products yet.').waitFor();
			await page.waitForLoadState('networkidle');
			const files = await Promise.all(scripts);
			const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
			const raw = files.reduce((sum, f) => sum + f.raw, 0);
			for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) {
				log(`  ${(f.gzip / 1000).toFixed(1).padStart(6)} kB gzip  ${new URL(f.url).pathname}`);
			}
			log(`first screen: ${files.length} JS files, ${round(raw / 1000)} kB raw`);
			report('initial_js_gzip_kb', round(gzip / 1000), 'kB', '<= 150');
			await context.close();
		} finally {
			await browser.close();
		}
	}
};

/** @param {import('@playwright/test').Response} response */
function isJavaScript(response) {
	if (response.status() !== 200) return false;
	const type = response.headers()['content-type'] ?? '';
	return /javascript|ecmascript/i.test(type) || /\.m?js$/i.test(new URL(response.url()).pathname);
}
