/**
 * The devices of a sync test: each a Chromium process of its own inside its
 * namespace of the test's LAN (tests/fixtures/lan.js), on the app's HTTPS
 * address, with ICE servers empty (the app's default).
 */
import { installWriteFailures } from '../fail-writes';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, fakeCameraArgs } from '../../fixtures/chromium.js';
import { APP_URL, LAN_CHROMIUM_ARGS, type Lan } from '../../fixtures/lan.js';
import { syncStatus } from '../pages/sync-pages';

export interface Device {
	name: string;
	browser: Browser;
	page: Page;
	/** Uncaught errors in the page: a test ends by expecting none. */
	errors: string[];
}

const ARGS = [...CHROMIUM_ARGS, ...LAN_CHROMIUM_ARGS];

/** Launches the browser of `name` in its namespace, on an empty store. */
export async function launchDevice(
	lan: Lan,
	name: string,
	options: { video?: string; clock?: number } = {}
): Promise<Device> {
	const camera = options.video ? fakeCameraArgs(options.video) : [];
	const browser = await chromium.launch({
		executablePath: await lan.chromiumIn(name),
		args: [...ARGS, ...camera],
		headless: true
	});
	const context = await browser.newContext({
		baseURL: APP_URL,
		ignoreHTTPSErrors: true,
		locale: 'en-US',
		timezoneId: 'UTC',
		viewport: { width: 1280, height: 900 },
		permissions: options.video ? ['camera'] : []
	});
	// The device's own clock, where a test sets it (it then runs on from there).
	if (options.clock !== undefined) await context.clock.install({ time: options.clock });
	// Idle until a test arms it (failLogWrites): a save that fails on this device.
	await installWriteFailures(context);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`${name}: ${error.name}: ${error.message}`));
	await page.goto('/stock');
	// The app is on the device (service worker installed, precache done) before a
	// test may cut its link: screens opened then come from the device.
	await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60_000 });
	return { name, browser, page, errors };
}

export async function closeAll(devices: (Device | undefined)[]): Promise<void> {
	await Promise.all(devices.map(async (d) => d?.browser.close().catch(() => undefined)));
}

/** Waits until the header says this device is in sync with `n` others. */
export async function expectInSync(device: Device, n: number, timeout = 30_000): Promise<void> {
	await expect(syncStatus(device.page)).toHaveAccessibleName(
		`Sync: In sync with ${n} ${n === 1 ? 'device' : 'devices'}`,
		{ timeout }
	);
}
