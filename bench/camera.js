// The camera scanner on Chromium's fake camera, playing videos made from our
// own barcode renderer (tests/fixtures/barcode-video.js, shared with the
// e2e spec): a clean Code128, the same blurred and noisy, and a label with
// no barcode. Every figure for the default decoder (no setting stored), and
// for each decoder by name (`_zxing`, `_detector`).
//
// camera_first_decode_*: the app's own User Timing measure from opening the
// camera (CameraSource.start: getUserMedia, the decoder's import and warm-up,
// the first frames) to its first scan, median of OPENS opens in one page;
// the first, cold open (modules and WebAssembly compiled) is logged too.
// decode_miss_frame_ms: the median time to decode one 640x480 frame of the
// no-barcode video, as the scanner shows it after MISS_WATCH_MS of frames.
import { chromium } from '@playwright/test';
import { barcodeVideos, CAMERA_VIDEOS } from '../tests/fixtures/barcode-video.js';
import { CHROMIUM_PATH, log, median, round, settle } from './lib.js';

const OPENS = 5;
const MISS_WATCH_MS = 4000;
const SCAN_TIMEOUT_MS = 8000;
const FIRST_SCAN_MEASURE = 'unitrack:camera-first-scan';
const DECODERS = /** @type {const} */ (['zxing', 'detector']);
const SETTINGS_KEY = 'unitrack.scanner-settings';

/** @typedef {'zxing' | 'detector'} DecoderKind */

/** @param {string} name */
const withKinds = (name) => [name, ...DECODERS.map((d) => `${name}_${d}`)];

/** @type {import('./run.js').Group} */
export const camera = {
	name: 'camera',
	figures: [
		...withKinds('camera_first_decode_clean_ms'),
		...withKinds('camera_first_decode_degraded_ms'),
		...withKinds('decode_miss_frame_ms')
	],
	async run({ url, report }) {
		const [clean, degraded, blank] = await barcodeVideos([
			CAMERA_VIDEOS.clean,
			CAMERA_VIDEOS.degraded,
			CAMERA_VIDEOS.blank
		]);
		const timed = /** @type {const} */ ([
			[clean, 'camera_first_decode_clean_ms', '<= 150'],
			[degraded, 'camera_first_decode_degraded_ms', '<= 300']
		]);
		for (const [video, figure, budget] of timed) {
			const byKind = await eachDecoder(/** @type {string} */ (video), url, figure, async (page) => {
				const times = await timeOpens(page, OPENS);
				const note = `cold ${round(times[0] ?? NaN)} ms; all ${times.map((t) => round(t)).join(', ')}`;
				return { value: round(median(times)), note };
			});
			reportAll(report, figure, byKind, 'ms', budget);
		}
		const byKind = await eachDecoder(
			/** @type {string} */ (blank),
			url,
			'decode_miss_frame_ms',
			async (page) => ({ value: await missFrameMs(page), note: 'median of the last frames' })
		);
		reportAll(report, 'decode_miss_frame_ms', byKind, 'ms', '<= 10');
	}
};

/**
 * @param {import('./run.js').Report} report
 * @param {string} figure
 * @param {{ default: DecoderKind, values: Record<DecoderKind, number> }} byKind
 * @param {string} unit
 * @param {string} budget
 */
function reportAll(report, figure, byKind, unit, budget) {
	report(figure, byKind.values[byKind.default], unit, budget);
	for (const kind of DECODERS) report(`${figure}_${kind}`, byKind.values[kind], unit, budget);
}

/**
 * Runs `measure` in a fresh page of a browser whose camera plays `video`:
 * first with no decoder setting stored (the default, whose name the scanner
 * shows), then with the other decoder chosen. Each in a context of its own,
 * so with its own HTTP and code caches: the first open in each is cold.
 * @param {string} video
 * @param {string} url
 * @param {string} figure
 * @param {(page: import('@playwright/test').Page) => Promise<{ value: number, note: string }>} measure
 * @returns {Promise<{ default: DecoderKind, values: Record<DecoderKind, number> }>}
 */
async function eachDecoder(video, url, figure, measure) {
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${video}`
		]
	});
	try {
		/** @type {Partial<Record<DecoderKind, number>>} */
		const values = {};
		/** @type {DecoderKind | null} */
		let defaultKind = null;
		for (const choice of [null, 'other']) {
			// Service workers blocked: precaching must not compete with the timed opens.
			const context = await browser.newContext({
				serviceWorkers: 'block',
				viewport: { width: 1280, height: 900 },
				permissions: ['camera']
			});
			const page = await context.newPage();
			await page.goto(`${url}/stock`);
			if (choice) {
				const other = DECODERS.find((d) => d !== defaultKind);
				await page.evaluate(
					([key, decoder]) => localStorage.setItem(key, JSON.stringify({ decoder })),
					[SETTINGS_KEY, other]
				);
				await page.reload();
			}
			await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
			await settle(page);
			// Measured first, so that the first open is a cold one; then one more
			// open reads which decoder that was.
			const { value, note } = await measure(page);
			const kind = await decoderInUse(page);
			defaultKind ??= kind;
			values[kind] = value;
			log(`${figure} ${kind}${choice ? '' : ' (default)'}: ${value} (${note})`);
			await context.close();
		}
		if (!defaultKind || values.zxing === undefined || values.detector === undefined) {
			throw new Error(`${figure}: not measured for both decoders`);
		}
		return { default: defaultKind, values: /** @type {Record<DecoderKind, number>} */ (values) };
	} finally {
		await browser.close();
	}
}

/**
 * Opens the camera once to read which decoder it uses ("Decoder: zxing").
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<DecoderKind>}
 */
async function decoderInUse(page) {
	const dialog = await openCamera(page);
	const text = await dialog.getByText(/^Decoder:/).innerText({ timeout: SCAN_TIMEOUT_MS });
	await closeCamera(page);
	const kind = /^Decoder:\s*(zxing|detector)\b/.exec(text)?.[1];
	if (!kind) throw new Error(`unknown decoder: ${text}`);
	return /** @type {DecoderKind} */ (kind);
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {number} opens
 */
async function timeOpens(page, opens) {
	const times = [];
	for (let i = 0; i < opens; i++) {
		await page.evaluate((name) => performance.clearMeasures(name), FIRST_SCAN_MEASURE);
		await openCamera(page);
		await page.waitForFunction(
			(name) => performance.getEntriesByName(name).length > 0,
			FIRST_SCAN_MEASURE,
			{
				timeout: SCAN_TIMEOUT_MS
			}
		);
		times.push(
			await page.evaluate(
				(name) => performance.getEntriesByName(name)[0]?.duration ?? NaN,
				FIRST_SCAN_MEASURE
			)
		);
		await closeCamera(page);
		await settle(page);
	}
	return times;
}

/** @param {import('@playwright/test').Page} page */
async function missFrameMs(page) {
	const dialog = await openCamera(page);
	await dialog.getByText(/^Decoder:/).waitFor({ timeout: SCAN_TIMEOUT_MS });
	await page.waitForTimeout(MISS_WATCH_MS);
	const scanned = await dialog.getByText(/^Scanned:/).count();
	if (scanned > 0) throw new Error('the no-barcode video gave a scan');
	const text = await dialog.getByRole('status', { name: 'Time per frame' }).innerText();
	await closeCamera(page);
	const ms = Number.parseFloat(text);
	if (!Number.isFinite(ms)) throw new Error(`no time per frame: ${text}`);
	return ms;
}

/** @param {import('@playwright/test').Page} page */
async function openCamera(page) {
	await page.getByRole('button', { name: 'Scan with camera' }).click();
	const dialog = page.getByRole('dialog', { name: 'Scan with camera' });
	await dialog.waitFor();
	return dialog;
}

/** @param {import('@playwright/test').Page} page */
async function closeCamera(page) {
	const dialog = page.getByRole('dialog', { name: 'Scan with camera' });
	await dialog.getByRole('button', { name: 'Close' }).click();
	await dialog.waitFor({ state: 'hidden' });
}
