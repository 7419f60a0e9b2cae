/**
 * A new version is offered, not forced: the app is served from a copy of the
 * build; once its service worker controls the page, the copy gets a new
 * sw.js (as a deploy would), and the page must offer the update and apply it
 * when the user accepts.
 */
import { expect, test } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../server/app.js';

function listen(root: string, port: number): Promise<Server> {
	return new Promise((resolve) => {
		const server = createServer({ root }) as Server;
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

test('offers a new version and applies it when the user accepts', async ({ page }) => {
	const root = await mkdtemp(join(tmpdir(), 'unitrack-update-'));
	await cp('build', root, { recursive: true });
	let server = await listen(root, 0);
	const port = (server.address() as AddressInfo).port;
	try {
		await page.goto(`http://127.0.0.1:${port}/stock`);
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		await expect(page.getByRole('heading', { name: 'Stock' })).toBeVisible();

		server.close();
		const sw = join(root, 'sw.js');
		await writeFile(sw, `${await readFile(sw, 'utf8')}\n// next version\n`);
		server = await listen(root, port);

		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});
		const prompt = page
			.getByRole('alert')
			.filter({ hasText: 'A new version of Unitrack is ready' });
		await expect(prompt).toBeVisible();
		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Update now' }).click();
		await reloaded;
		await expect(page.getByRole('heading', { name: 'Stock' })).toBeVisible();
		await expect(page.getByText('A new version of Unitrack is ready')).toHaveCount(0);
		const scriptEnds = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			const url = registration?.active?.scriptURL ?? '';
			return (await (await fetch(url, { cache: 'no-store' })).text())
				.trimEnd()
				.endsWith('// next version');
		});
		expect(scriptEnds).toBe(true);
	} finally {
		server.close();
		await rm(root, { recursive: true, force: true });
	}
});
