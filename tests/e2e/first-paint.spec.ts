/**
 * The Stock screen paints before the app's JavaScript arrives: its page is
 * prerendered (the header, the screen's frame, and what it shows until the
 * store is read), and the app then hydrates that page instead of drawing it
 * again. A device that never opened Unitrack is told at once that its store
 * is empty; a device that has products never sees that card.
 */
import type { Page } from '@playwright/test';
import { createProduct, expect, test } from './fixtures';

const EMPTY = 'This store has no products yet.';
const OPENING = 'Opening this device’s stock…';

/** Holds back the app's JavaScript (not the page's own inline scripts) until `release` is called. */
async function holdAppScripts(page: Page): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

test('before its JavaScript arrives, a first visit shows the header and an empty store that says so', async ({
	page,
	stock
}) => {
	const release = await holdAppScripts(page);
	await page.goto('/stock', { waitUntil: 'domcontentloaded' });
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Stock', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(nav.getByRole('link', { name: 'POS', exact: true })).toBeVisible();
	await expect(page.getByRole('searchbox', { name: 'Find serial' })).toBeVisible();
	await expect(stock.heading).toBeVisible();
	await expect(page.getByText(EMPTY)).toBeVisible();
	// Nothing can load demo data before the app runs, and it does not pretend otherwise.
	await expect(stock.loadDemoButton).toBeDisabled();
	await expect(page.getByText(OPENING)).toBeHidden();

	release();
	await expect(stock.loadDemoButton).toBeEnabled();
	await expect(page.getByText(EMPTY)).toBeVisible();
});

test('the app hydrates the prerendered page: the same elements stay, without errors or warnings', async ({
	page,
	stock
}) => {
	const messages: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' || message.type() === 'warning') messages.push(message.text());
	});
	// The header and the card as the HTML parser made them, before any of the app's code ran.
	await page.addInitScript(() => {
		const w = window as Window & { __parsed?: { header?: Element; card?: Element } };
		const parsed: { header?: Element; card?: Element } = (w.__parsed = {});
		new MutationObserver(() => {
			parsed.header ??= document.querySelector('header') ?? undefined;
			parsed.card ??= document.querySelector('main .card') ?? undefined;
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto('/stock');
	await expect(stock.loadDemoButton).toBeEnabled();
	const same = await page.evaluate(() => {
		const { header, card } =
			(window as Window & { __parsed?: { header?: Element; card?: Element } }).__parsed ?? {};
		return {
			header: !!header && header === document.querySelector('header'),
			card: !!card && card === document.querySelector('main .card')
		};
	});
	expect(same).toEqual({ header: true, card: true });
	expect(messages).toEqual([]);
	// The hydrated header works: Find serial leads on.
	await page.getByRole('searchbox', { name: 'Find serial' }).fill('NO-SUCH-SERIAL');
	await page.getByRole('searchbox', { name: 'Find serial' }).press('Enter');
	await expect(page.getByText('No unit with serial NO-SUCH-SERIAL on this device.')).toBeVisible();
});

test.describe('a device that opened the app before', () => {
	// page.route cannot hold back what a service worker serves, so none runs here: the mark
	// the app left in localStorage alone tells the page this is not a first visit.
	test.use({ serviceWorkers: 'block' });

	test('with products, it says it is opening its stock and never shows the empty-store card', async ({
		page,
		stock
	}) => {
		await createProduct(page, { name: 'Pixel 9', stockCode: 'PIX9', serialised: true });
		// Every frame from the start of the page: was the empty-store card ever on screen?
		await page.addInitScript((text) => {
			const w = window as Window & { __emptySeen?: boolean };
			w.__emptySeen = false;
			const look = () => {
				for (const p of document.querySelectorAll('main p')) {
					if (p.textContent?.trim() === text && p.checkVisibility()) w.__emptySeen = true;
				}
				requestAnimationFrame(look);
			};
			requestAnimationFrame(look);
		}, EMPTY);
		const release = await holdAppScripts(page);
		await page.goto('/stock', { waitUntil: 'domcontentloaded' });
		await expect(stock.heading).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: OPENING })).toBeVisible();
		release();
		await expect(stock.row('Pixel 9')).toBeVisible();
		await expect(page.getByText(OPENING)).toHaveCount(0);
		expect(
			await page.evaluate(() => (window as Window & { __emptySeen?: boolean }).__emptySeen)
		).toBe(false);
	});
});
