/**
 * The shared test setup: page objects as fixtures, small factories that make
 * catalog data and stock through the UI (the way staff do), and read-only
 * peeks into IndexedDB for "nothing was written" checks.
 *
 * Every test runs in a fresh browser context, so it starts with an empty
 * store (IndexedDB and the service worker are per context).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { literal, shownDay } from './browser-locale';
import { AppShell } from './pages/app-shell';
import { GenerateSerialsPage, type ReceiptDetails } from './pages/generate-serials';
import { ProductFormPage } from './pages/product-form';
import { ReceiptPage } from './pages/receipt-page';
import { SettingsPage } from './pages/settings-page';
import { StockInfoPage } from './pages/stock-info';
import { StockPage } from './pages/stock-page';
import { SuppliersPage } from './pages/suppliers-page';
import { UnitPage } from './pages/unit-page';

export { expect };

interface Pages {
	shell: AppShell;
	stock: StockPage;
	generate: GenerateSerialsPage;
	receipt: ReceiptPage;
	productForm: ProductFormPage;
	stockInfo: StockInfoPage;
	unit: UnitPage;
	suppliers: SuppliersPage;
	settings: SettingsPage;
	/** Messages of every alert/confirm/prompt the page opened (each is dismissed). */
	dialogs: string[];
}

export const test = base.extend<Pages & { failOnPageErrors: void }>({
	shell: async ({ page }, use) => use(new AppShell(page)),
	stock: async ({ page }, use) => use(new StockPage(page)),
	generate: async ({ page }, use) => use(new GenerateSerialsPage(page)),
	receipt: async ({ page }, use) => use(new ReceiptPage(page)),
	productForm: async ({ page }, use) => use(new ProductFormPage(page)),
	stockInfo: async ({ page }, use) => use(new StockInfoPage(page)),
	unit: async ({ page }, use) => use(new UnitPage(page)),
	suppliers: async ({ page }, use) => use(new SuppliersPage(page)),
	settings: async ({ page }, use) => use(new SettingsPage(page)),
	dialogs: async ({ page }, use) => {
		const seen: string[] = [];
		page.on('dialog', (dialog) => {
			seen.push(dialog.message());
			void dialog.dismiss();
		});
		await use(seen);
	},
	// An uncaught exception in the app fails the test that caused it.
	failOnPageErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
			await use();
			expect(errors, 'uncaught errors in the page').toEqual([]);
		},
		{ auto: true }
	]
});

// ---------------------------------------------------------------- factories

export interface NewProduct {
	name: string;
	stockCode: string;
	serialised: boolean;
	price?: string;
	barcode?: string;
	customerWarrantyDays?: string;
}

export interface Product extends NewProduct {
	id: string;
}

/** Adds a product with the Add product form; returns it with its id (from the address it lands on). */
export async function createProduct(page: Page, product: NewProduct): Promise<Product> {
	const form = new ProductFormPage(page);
	await form.gotoNew();
	await form.fill({ price: '10.00', ...product });
	await form.save();
	await expect(page).toHaveURL(/\/products\/[^/]+\/stock$/);
	const id = new URL(page.url()).pathname.split('/')[2] ?? '';
	expect(id).not.toBe('');
	return { ...product, id };
}

/** A serialised product with a name and stock code made from `name`. */
export function serialisedProduct(page: Page, name = 'Pixel 9 128GB'): Promise<Product> {
	return createProduct(page, { name, stockCode: codeFor(name), serialised: true });
}

function codeFor(name: string): string {
	return name
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 20);
}

export async function createSupplier(
	page: Page,
	name: string,
	details: { phone?: string; email?: string } = {}
): Promise<void> {
	const suppliers = new SuppliersPage(page);
	await page.goto('/suppliers/new');
	await suppliers.name.fill(name);
	if (details.phone) await suppliers.phone.fill(details.phone);
	if (details.email) await suppliers.email.fill(details.email);
	await suppliers.saveButton.click();
	await expect(page).toHaveURL(/\/suppliers$/);
	await expect(suppliers.row(name)).toBeVisible();
}

export interface Receiving extends ReceiptDetails {
	productId: string;
}

/** Receives a range (first..last) through Generate Stock Serials; returns the receipt page. */
export async function receiveRange(
	page: Page,
	{ productId, ...details }: Receiving,
	first: string,
	last: string
): Promise<ReceiptPage> {
	const generate = new GenerateSerialsPage(page);
	await generate.goto(productId);
	await generate.fillDetails(details);
	await generate.range(first, last);
	await generate.submit();
	const receipt = new ReceiptPage(page);
	await expect(receipt.heading).toBeVisible();
	return receipt;
}

/** Receives the serials in `text` (Input Serials Manually); returns the receipt page. */
export async function receiveManual(
	page: Page,
	{ productId, ...details }: Receiving,
	text: string
): Promise<ReceiptPage> {
	const generate = new GenerateSerialsPage(page);
	await generate.goto(productId);
	await generate.fillDetails(details);
	await generate.manual(text);
	await generate.submit();
	const receipt = new ReceiptPage(page);
	await expect(receipt.heading).toBeVisible();
	return receipt;
}

// ------------------------------------------------------- IndexedDB peeks

/** What Settings > Maintenance says this device holds, by the label of each line. */
const HELD_LABELS = {
	events: 'Events in the log',
	products: 'Products',
	suppliers: 'Suppliers',
	units: 'Serialised units',
	receipts: 'Receipts',
	sales: 'Sales',
	refunds: 'Refunds',
	tickets: 'Tickets',
	conflicts: 'Open conflicts',
	refused: 'Refused events'
} as const;

export type Held = Record<keyof typeof HELD_LABELS, number>;

/**
 * What this device holds, as Settings > Maintenance shows it, read in a
 * second tab of the same browser (same storage), so the test's own page
 * keeps whatever it was doing.
 */
export async function heldCounts(page: Page): Promise<Held> {
	const other = await page.context().newPage();
	try {
		await other.goto('/settings/maintenance');
		const list = other.getByRole('region', { name: 'This device holds' }).locator('dl');
		await expect(list).toHaveAttribute('aria-busy', 'false');
		const held = {} as Held;
		for (const [key, label] of Object.entries(HELD_LABELS)) {
			const text = await other
				.locator('dt', { hasText: new RegExp(`^${label}$`) })
				.locator('xpath=following-sibling::dd[1]')
				.innerText();
			held[key as keyof Held] = Number(text.replace(/\D/g, ''));
		}
		return held;
	} finally {
		await other.close();
	}
}

/** The log's fingerprint as Settings > Maintenance shows it: equal on devices with the same events. */
export async function logFingerprint(page: Page): Promise<string> {
	const other = await page.context().newPage();
	try {
		await other.goto('/settings/maintenance');
		const value = other
			.locator('dt', { hasText: /^Log fingerprint$/ })
			.locator('xpath=following-sibling::dd[1]');
		await expect(value).not.toHaveText('…');
		return (await value.innerText()).trim();
	} finally {
		await other.close();
	}
}

/** The reasons of the refused events Settings > Maintenance lists. */
export async function refusedReasons(page: Page): Promise<{ reason: string; device: string }[]> {
	const other = await page.context().newPage();
	try {
		await other.goto('/settings/maintenance');
		await expect(
			other.getByRole('region', { name: 'This device holds' }).locator('dl')
		).toBeVisible();
		const rows = other.getByRole('table', { name: 'Refused events' }).locator('tbody tr');
		const out: { reason: string; device: string }[] = [];
		for (const row of await rows.all()) {
			const cells = await row.getByRole('cell').allInnerTexts();
			out.push({ reason: cells[0]?.trim() ?? '', device: cells[1]?.trim() ?? '' });
		}
		return out;
	} finally {
		await other.close();
	}
}

export async function countHeld(page: Page, what: keyof Held): Promise<number> {
	return (await heldCounts(page))[what];
}

export type StoredCounts = Pick<Held, 'units' | 'receipts' | 'suppliers' | 'products' | 'events'>;

/** What the device holds: projected rows and the events of the log (see heldCounts). */
export async function storedCounts(page: Page): Promise<StoredCounts> {
	const { units, receipts, suppliers, products, events } = await heldCounts(page);
	return { units, receipts, suppliers, products, events };
}

// ---------------------------------------------------------------- formats

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as the app shows it: the browser's locale and zone, which the config takes from LANG and TZ. */
export const formatDay = shownDay;
export { ANY_DAY, literal, momentPattern, shownMoney } from './browser-locale';

/** The days a moment between `from` and `to` can show as (a test may straddle midnight), as a regex source. */
export function dayPattern(from: number, to: number): string {
	const days = [...new Set([formatDay(from), formatDay(to)])];
	return `(?:${days.map(literal).join('|')})`;
}

/** Exactly one of the days a moment between `from` and `to` can show as. */
export function possibleDays(from: number, to: number): RegExp {
	return new RegExp(`^${dayPattern(from, to)}$`);
}
