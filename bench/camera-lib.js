// What the camera benchmarks share: a Chromium whose fake camera plays a
// clip, the decoder setting as the scanner settings store it, and the
// header's "Scan with camera" dialog.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../tests/fixtures/chromium.js';

export const DECODERS = /** @type {const} */ (['zxing', 'detector']);
/** @typedef {(typeof DECODERS)[number]} DecoderKind */
const SETTINGS_KEY = 'unitrack.scanner-settings';
export const SCAN_TIMEOUT_MS = 8000;

/** @param {string} clip a .y4m or .mjpeg file */
export function cameraArgs(clip) {
	return [...CHROMIUM_ARGS, ...fakeCameraArgs(clip)];
}

/** A browser process whose camera plays `clip`. @param {string} clip */
export function launchCamera(clip) {
	return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: cameraArgs(clip) });
}

/**
 * A fresh page on /stock with `decoder` chosen (null: nothing stored, the default).
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 * @param {DecoderKind | null} decoder
 */
export async function stockPage(browser, url, decoder) {
	// Service workers blocked: precaching must not compete with what is timed.
	const context = await browser.newContext({
		serviceWorkers: 'block',
		viewport: { width: 1280, height: 900 },
		permissions: ['camera']
	});
	const page = await context.newPage();
	if (decoder) {
		await page.addInitScript(
			([key, decoder]) => localStorage.setItem(key, JSON.stringify({ decoder })),
			[SETTINGS_KEY, decoder]
		);
	}
	await page.goto(`${url}/stock`);
	await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
	return { context, page };
}

/** @param {import('@playwright/test').Page} page */
export function cameraButton(page) {
	return page.getByRole('banner').getByRole('button', { name: 'Scan with camera' });
}

/** @param {import('@playwright/test').Page} page */
export function cameraDialog(page) {
	return page.getByRole('dialog', { name: 'Scan with camera' });
}

/** @param {import('@playwright/test').Page} page */
export async function openCamera(page) {
	await cameraButton(page).click();
	const dialog = cameraDialog(page);
	await dialog.waitFor();
	return dialog;
}

/** @param {import('@playwright/test').Page} page */
export async function closeCamera(page) {
	const dialog = cameraDialog(page);
	await dialog.getByRole('button', { name: 'Close' }).click();
	await dialog.waitFor({ state: 'hidden' });
}

/**
 * Which decoder the open scanner says it uses ("Decoder: zxing + zbar").
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<DecoderKind>}
 */
export async function decoderShown(page) {
	const text = await cameraDialog(page)
		.getByText(/^Decoder:/)
		.innerText({ timeout: SCAN_TIMEOUT_MS });
	const kind = /^Decoder:\s*(zxing|detector)\b/.exec(text)?.[1];
	if (!kind) throw new Error(`unknown decoder: ${text}`);
	return /** @type {DecoderKind} */ (kind);
}

/** What the scanner shows for an unknown code: the bench's stores hold none of them. @param {string} code */
export function unknownScanText(code) {
	return `Scanned: ${code} No unit or product matches “${code}”`;
}
