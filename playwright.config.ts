import { defineConfig } from '@playwright/test';
import { LOCALE, TIME_ZONE } from './tests/e2e/browser-locale';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/fixtures/chromium.js';

// E2E_PORT lets two suites run side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	workers: 2,
	fullyParallel: true,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	reporter: 'list',
	// Dates and money on screen follow the browser's locale and zone: the machine's (LANG, TZ;
	// en-US and UTC when unset), and the specs compute what to expect in the same ones.
	use: { baseURL, locale: LOCALE, timezoneId: TIME_ZONE },
	projects: [
		{
			name: 'chromium',
			use: {
				browserName: 'chromium',
				headless: true,
				launchOptions: {
					executablePath: CHROMIUM_PATH,
					args: CHROMIUM_ARGS
				}
			}
		}
	],
	// Serves the build made by `npm run test:e2e` (npm run build first).
	webServer: {
		command: `node server/start.js --no-build --host 127.0.0.1 --port ${port}`,
		url: baseURL,
		reuseExistingServer: false
	}
});
