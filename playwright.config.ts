import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download does not work on these machines.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseURL = 'http://127.0.0.1:4173/';

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	workers: 2,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	reporter: 'list',
	use: { baseURL },
	projects: [
		{
			name: 'chromium',
			use: {
				browserName: 'chromium',
				headless: true,
				launchOptions: {
					executablePath,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
						'--disable-quic'
					]
				}
			}
		}
	],
	// Serves the build made by `npm run test:e2e` (npm run build first).
	webServer: {
		command: 'node server/start.js --no-build --host 127.0.0.1 --port 4173',
		url: baseURL,
		reuseExistingServer: false
	}
});
