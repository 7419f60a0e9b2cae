import { expect, test } from '@playwright/test';

// Proves the Playwright setup (Debian Chromium, server/start.js); to be replaced.
test('the app shell loads', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveTitle('Unitrack');
});
