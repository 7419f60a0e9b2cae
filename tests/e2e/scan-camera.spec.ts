/**
 * The camera scanner (issue 3) on Chromium's fake camera. Each group runs in
 * a browser of its own whose camera plays one video, made by the tests from
 * our own barcode renderer (tests/fixtures/barcode-video.js): a clean
 * Code128, the same blurred and noisy, a QR code, an EAN-13 and a label with
 * no barcode. Scans go through the header's "Scan with camera" to the scan
 * router, which opens the unit or product (or says what it could not find).
 * Last, a few of the photographed-like pictures (tests/fixtures/photo-set.js;
 * the whole set is the bench's) played one after another to scan to receive.
 */
import { chromium, type Page } from '@playwright/test';
import { CAMERA_VIDEOS, barcodeVideos } from '../fixtures/barcode-video.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../fixtures/chromium.js';
import { photoClip, photos } from '../fixtures/camera-photos.js';
import { photoSet } from '../fixtures/photo-set.js';
import { createProduct, expect, receiveManual, serialisedProduct, test } from './fixtures';
import { CameraDialog } from './pages/camera-dialog';

const SETTINGS_KEY = 'unitrack.scanner-settings';
const SERIAL = CAMERA_VIDEOS.clean.code;

type CameraVideo = keyof typeof CAMERA_VIDEOS;

/** Pictures with no code first, then three serial labels a shop meets badly placed. */
const PHOTO_IDS = [
	'none-01-text',
	'none-06-stripes',
	'none-10-near-code128',
	'code128-02-large',
	'qr-04-off-centre',
	'datamatrix-05-tilted'
];

/**
 * Every test gets a browser of its own whose fake camera plays `cameraVideo`
 * (the video is a launch flag, so it cannot be a context option): one of
 * CAMERA_VIDEOS, or 'photos', the PHOTO_IDS pictures, 2 s each.
 */
const cameraTest = test.extend<{ cameraVideo: CameraVideo | 'photos' }>({
	cameraVideo: ['clean', { option: true }],
	context: async ({ cameraVideo, baseURL, locale, timezoneId }, use) => {
		// Made once and cached under tests/.tmp.
		const [video] =
			cameraVideo === 'photos'
				? [await photoClip(await photos(photoSubset()), { hold: 60 })]
				: await barcodeVideos([CAMERA_VIDEOS[cameraVideo]]);
		if (!video) throw new Error(`no video made for ${cameraVideo}`);
		const browser = await chromium.launch({
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)]
		});
		try {
			const context = await browser.newContext({ baseURL, locale, timezoneId });
			await use(context);
			await context.close();
		} finally {
			await browser.close();
		}
	}
});

// A browser launch per test, and the first run makes the videos.
cameraTest.describe.configure({ timeout: 60_000 });

function photoSubset() {
	const all = photoSet();
	return PHOTO_IDS.map((id) => {
		const spec = all.find((p) => p.id === id);
		if (!spec) throw new Error(`no picture ${id} in the photo set`);
		return spec;
	});
}

/** Tests in `body` run with the camera showing `video`. */
function withCamera(video: CameraVideo | 'photos', body: () => void): void {
	cameraTest.describe(`camera showing the ${video} video`, () => {
		cameraTest.use({ cameraVideo: video });
		body();
	});
}

/** A serialised product with one unit in stock: `serial`. */
async function unitInStock(page: Page, serial: string): Promise<void> {
	const product = await serialisedProduct(page);
	await receiveManual(page, { productId: product.id, newSupplier: 'Northwind' }, serial);
}

/** Chooses the camera decoder the way the scanner settings store it, before the app loads. */
async function chooseDecoder(page: Page, decoder: 'zxing' | 'detector'): Promise<void> {
	await page.addInitScript(
		([key, decoder]) => localStorage.setItem(key, JSON.stringify({ decoder })),
		[SETTINGS_KEY, decoder] as const
	);
}

withCamera('clean', () => {
	cameraTest(
		'a unit’s label in view of the camera opens that unit, and the camera is let go',
		async ({ page, unit }) => {
			await unitInStock(page, SERIAL);
			await page.goto('/stock');
			const camera = new CameraDialog(page);
			await camera.open();

			await expect(page).toHaveURL(/\/unit\?product=[^&]+&serial=SN-CAM-00042$/);
			await expect(unit.heading).toHaveText(/^Serial\s*SN-CAM-00042$/);
			await expect(camera.dialog).toBeHidden();
			// The dialog's video is gone with it: no camera track is left running.
			expect(await page.locator('video').count()).toBe(0);
		}
	);

	for (const decoder of ['zxing', 'detector'] as const) {
		cameraTest(
			`the ${decoder} decoder reads it too, and an unknown code is shown until the dialog is closed`,
			async ({ page }) => {
				// Chosen the way staff do, on the scanner settings page.
				await page.goto('/settings/scanner');
				await page.getByLabel('Camera decoder').selectOption(decoder);
				await page.goto('/stock');
				const camera = new CameraDialog(page);
				await camera.open();

				await expect(camera.lastScan).toHaveText(
					/^Scanned: SN-CAM-00042\s*No unit or product matches “SN-CAM-00042”$/
				);
				await expect(camera.decoderInfo).toContainText(`Decoder: ${decoder}`);
				await expect(page).toHaveURL('/stock');
				await camera.closeButton.click();
				await expect(camera.dialog).toBeHidden();
			}
		);
	}

	cameraTest(
		'offline, the decoder and its WebAssembly come from the app itself, never another site',
		async ({ page, context, baseURL }) => {
			const elsewhere: string[] = [];
			page.on('request', (request) => {
				if (!request.url().startsWith(baseURL ?? '') && !request.url().startsWith('data:')) {
					elsewhere.push(request.url());
				}
			});
			const wasm: string[] = [];
			page.on('request', (request) => {
				if (/\.wasm$/.test(new URL(request.url()).pathname)) wasm.push(request.url());
			});
			await chooseDecoder(page, 'detector');
			await page.goto('/stock');
			await page.waitForFunction(() => !!navigator.serviceWorker.controller);
			// The first screen does not load the decoder.
			expect(wasm).toEqual([]);
			await context.setOffline(true);

			const camera = new CameraDialog(page);
			await camera.open();
			await expect(camera.lastScan).toContainText('Scanned: SN-CAM-00042');
			// zbar (for EAN-13 and UPC-A) joins the detector once its own .wasm is in.
			await expect(camera.decoderInfo).toContainText(/Decoder: detector \([^)]+\) \+ zbar/);
			const asset = (name: string) =>
				new RegExp(`^${baseURL}_app/immutable/assets/${name}\\.[\\w-]+\\.wasm$`);
			const zbarWasm = asset('zbar');
			if ((await camera.decoderInfo.innerText()).includes('native')) {
				expect(wasm).toEqual([expect.stringMatching(zbarWasm)]);
			} else {
				expect(wasm.toSorted()).toEqual([
					expect.stringMatching(zbarWasm),
					expect.stringMatching(asset('zxing_reader'))
				]);
			}
			expect(elsewhere).toEqual([]);
		}
	);
});

withCamera('degraded', () => {
	cameraTest('a blurred, noisy label still opens its unit', async ({ page, unit }) => {
		await unitInStock(page, SERIAL);
		await page.goto('/stock');
		await new CameraDialog(page).open();
		await expect(unit.heading).toHaveText(/^Serial\s*SN-CAM-00042$/, { timeout: 10_000 });
	});
});

withCamera('qr', () => {
	cameraTest('a QR code carrying a serial opens its unit', async ({ page, unit }) => {
		await unitInStock(page, CAMERA_VIDEOS.qr.code);
		await page.goto('/suppliers');
		await new CameraDialog(page).open();
		await expect(unit.heading).toHaveText(/^Serial\s*UNITRACK-QR-7731$/);
	});
});

withCamera('ean13', () => {
	cameraTest('a product’s EAN-13 box barcode opens the product', async ({ page }) => {
		const product = await createProduct(page, {
			name: 'Bosch Drill 18V',
			stockCode: 'BOSCH-18V',
			barcode: CAMERA_VIDEOS.ean13.code,
			serialised: true
		});
		await page.goto('/stock');
		await new CameraDialog(page).open();
		await expect(page).toHaveURL(`/products/${product.id}/stock`);
		await expect(page.getByRole('heading', { name: 'Bosch Drill 18V', level: 1 })).toBeVisible();
	});
});

withCamera('blank', () => {
	cameraTest(
		'a label with no barcode gives no scan, however long the camera looks',
		async ({ page }) => {
			await unitInStock(page, SERIAL);
			await page.goto('/stock');
			const camera = new CameraDialog(page);
			await camera.open();

			// Frames are decoded all along (so the silence means something) ...
			await expect
				.poll(() => camera.framesDecoded(), { timeout: 15_000 })
				.toBeGreaterThanOrEqual(60);
			await expect(camera.framesRead).toHaveText('0%');
			// ... and nothing is scanned: no code, no message, no page change.
			await expect(camera.lastScan).toHaveCount(0);
			await expect(page.getByRole('alert')).toHaveCount(0);
			await expect(page).toHaveURL('/stock');
			// The fake camera has no torch and is the only camera: neither control is offered.
			await expect(camera.dialog.getByRole('button', { name: 'Torch' })).toHaveCount(0);
			await expect(camera.dialog.getByLabel('Camera', { exact: true })).toHaveCount(0);
		}
	);
});

withCamera('gs1', () => {
	for (const decoder of ['zxing', 'detector'] as const) {
		cameraTest(
			`a GS1 DataMatrix seen by the ${decoder} decoder opens the unit its GTIN and serial name`,
			async ({ page, unit }) => {
				await chooseDecoder(page, decoder);
				// The code's serial comes last, with no GS before it: only the
				// FNC1 the decoder keeps tells that it is a GS1 code at all.
				const product = await createProduct(page, {
					name: 'Stent 4 mm',
					stockCode: 'STENT-4',
					serialised: true,
					barcode: '4006381333931'
				});
				await receiveManual(page, { productId: product.id, newSupplier: 'MedSupply' }, 'ST-CAM-7');
				await page.goto('/stock');
				const camera = new CameraDialog(page);
				await camera.open();
				await expect(page).toHaveURL(/\/unit\?product=[^&]+&serial=ST-CAM-7$/);
				await expect(unit.heading).toHaveText(/^Serial\s*ST-CAM-7$/);
			}
		);
	}
});

withCamera('photos', () => {
	cameraTest(
		'scan to receive reads photographed labels, held large, off-centre and askew, and nothing from pictures with no code',
		async ({ page, generate, receipt }) => {
			const product = await serialisedProduct(page);
			const serials = photoSubset()
				.filter((p) => p.kind !== 'none')
				.map((p) => p.code);
			await generate.goto(product.id);
			await generate.fillDetails({ newSupplier: 'Northwind' });
			await generate.chooseMethod('Input Serials Manually');
			await page.getByRole('button', { name: 'Scan serials' }).click();
			// The camera plays the pictures with no code first (6 s), then the labels (2 s each).
			await page.getByRole('main').getByRole('button', { name: 'Scan with camera' }).click();
			const lines = page.getByRole('list', { name: 'Scanned serials' }).getByRole('listitem');
			// Newest first, each once, each with its check; nothing from the look-alikes before them.
			await expect(lines).toHaveText(
				serials.map((serial, i) => new RegExp(`^${i + 1}\\s*${serial}\\s*OK`)).reverse(),
				{ timeout: 20_000 }
			);
			await page.getByRole('main').getByRole('button', { name: 'Close' }).click();

			await generate.submit();
			await receipt.expectGenerated(3);
			expect(await receipt.shownSerials()).toEqual(serials);
		}
	);
});
