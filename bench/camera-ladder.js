// How robust each camera decoder is: a ladder of ever worse videos (blur,
// noise, both) of a Code128, a QR code and an EAN-13 label, each played to
// the scanner with each decoder for WATCH_MS. Prints a Markdown table: time
// to the first scan (a cold first open: modules load, nothing is warm), the
// share of frames in which the code was read, and the median time per frame.
//
// Not one of bench/run.js's groups (it takes about 3 minutes); run it by hand
// after `npm run build` when choosing or re-checking the default decoder:
//
//   node bench/camera-ladder.js
import { chromium } from '@playwright/test';
import { barcodeVideos, CAMERA_VIDEOS } from '../tests/fixtures/barcode-video.js';
import { CHROMIUM_ARGS, fakeCameraArgs } from '../tests/fixtures/chromium.js';
import { CHROMIUM_PATH, log, snapshotApp, startServer } from './lib.js';

const WATCH_MS = 5000;
const DECODERS = /** @type {const} */ (['zxing', 'detector']);

/** @type {[number, number][]} [blur sigma, noise strength]: blur, then both, then noise alone */
const LEVELS = [
	[0, 0],
	[1, 20],
	[1.25, 30],
	[1.5, 20],
	[1.5, 30],
	[2, 10],
	[2.5, 0],
	[0, 40],
	[0, 60]
];
/** Fewer rungs for QR and EAN-13: one of each kind of trouble. */
const SHORT = [LEVELS[0], LEVELS[2], LEVELS[5], LEVELS[7]];

/** @type {import('../tests/fixtures/barcode-video.js').VideoSpec[]} */
const specs = [
	...LEVELS.map(([blur, noise]) => ({ ...CAMERA_VIDEOS.clean, blur, noise })),
	...SHORT.map(([blur, noise]) => ({ ...CAMERA_VIDEOS.qr, blur, noise })),
	...SHORT.map(([blur, noise]) => ({ ...CAMERA_VIDEOS.ean13, blur, noise }))
].map((spec) => /** @type {import('../tests/fixtures/barcode-video.js').VideoSpec} */ (spec));

const videos = await barcodeVideos(specs);
const app = await snapshotApp();
const server = await startServer(app.root);
/** @type {Record<string, number>} */
const read = { zxing: 0, detector: 0 };
try {
	console.log(
		'| label | blur σ | noise | zxing: first scan, frames read, per frame | detector: same |'
	);
	console.log('|---|---|---|---|---|');
	for (const [i, spec] of specs.entries()) {
		const cells = [];
		for (const decoder of DECODERS) {
			const result = await watch(/** @type {string} */ (videos[i]), server.url, decoder);
			if (result.firstMs !== null) read[decoder] = (read[decoder] ?? 0) + 1;
			cells.push(
				`${result.firstMs === null ? 'none' : `${Math.round(result.firstMs)} ms`}, ${result.info}`
			);
		}
		console.log(`| ${spec.kind} | ${spec.blur} | ${spec.noise} | ${cells.join(' | ')} |`);
	}
	console.log(
		`\nRead at all within ${WATCH_MS / 1000} s, of ${specs.length}: zxing ${read.zxing}, detector ${read.detector}`
	);
} finally {
	await server.stop();
	await app.remove();
}

/**
 * @param {string} video
 * @param {string} url
 * @param {'zxing' | 'detector'} decoder
 */
async function watch(video, url, decoder) {
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)]
	});
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto(`${url}/stock`);
		await page.evaluate((decoder) => {
			localStorage.setItem('unitrack.scanner-settings', JSON.stringify({ decoder }));
		}, decoder);
		await page.reload();
		await page.getByRole('button', { name: 'Scan with camera' }).click();
		await page.waitForTimeout(WATCH_MS);
		const dialog = page.getByRole('dialog', { name: 'Scan with camera' });
		const frames = await dialog.getByText(/^Decoder:/).innerText();
		const firstMs = await page.evaluate(
			() => performance.getEntriesByName('unitrack:camera-first-scan')[0]?.duration ?? null
		);
		const info = frames
			.replace(/^Decoder:[^·]*·\s*/, '')
			.replace(/\s+/g, ' ')
			.replace(/ a frame · code read in (\d+%) of (\d+) frames/, ' a frame, $1 of $2 frames read');
		log(`${video} ${decoder}: ${firstMs} ${info}`);
		return { firstMs, info };
	} finally {
		await browser.close();
	}
}
