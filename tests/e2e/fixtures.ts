/**
 * The shared test setup: page objects as fixtures, small factories that make
 * catalog data and stock through the UI (the way staff do), and read-only
 * peeks into IndexedDB for "nothing was written" checks.
 *
 * Every test runs in a fresh browser context, so it starts with an empty
 * store (IndexedDB and the service worker are per context).
 */
import { test as base, expect, type Page } from '@playwright/test';
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

/** Rows in an object store of this origin's IndexedDB (0 when the store does not exist yet). */
export function countRows(page: Page, database: string, store: string): Promise<number> {
	return readStore(page, database, store, 'count', 0);
}

/** Every row of an object store of this origin's IndexedDB (none when it does not exist yet). */
export function allRows<T>(page: Page, database: string, store: string): Promise<T[]> {
	return readStore<T[]>(page, database, store, 'getAll', []);
}

function readStore<T>(
	page: Page,
	database: string,
	store: string,
	method: 'count' | 'getAll',
	empty: T
): Promise<T> {
	return page.evaluate(
		([database, store, method, empty]) =>
			new Promise<T>((resolve, reject) => {
				const open = indexedDB.open(database);
				open.onerror = () => reject(open.error ?? new Error(`cannot open ${database}`));
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains(store)) {
						db.close();
						resolve(empty as T);
						return;
					}
					const request = db.transaction(store, 'readonly').objectStore(store)[method]();
					request.onsuccess = () => {
						db.close();
						resolve(request.result as T);
					};
					request.onerror = () => {
						db.close();
						reject(request.error ?? new Error(`cannot read ${store}`));
					};
				};
			}),
		[database, store, method, empty] as const
	);
}

export interface StoredCounts {
	units: number;
	receipts: number;
	suppliers: number;
	products: number;
	/**
	 * Writes the log keeps: one per append (the log compacts them into one
	 * after 200, which no spec reaches). The projection keeps no count of
	 * events.
	 */
	logWrites: number;
}

/** What the device holds: projected rows and the writes of the log. */
export async function storedCounts(page: Page): Promise<StoredCounts> {
	const [units, receipts, suppliers, products, logWrites] = await Promise.all([
		...['units', 'receipts', 'suppliers', 'products'].map((store) =>
			countRows(page, 'unitrack', store)
		),
		countRows(page, 'unitrack-ledger', 'updates')
	]);
	return {
		units: units ?? 0,
		receipts: receipts ?? 0,
		suppliers: suppliers ?? 0,
		products: products ?? 0,
		logWrites: logWrites ?? 0
	};
}

// ---------------------------------------------------------------- formats

/** Dates as the app shows them; the config pins the locale (en-US) and time zone (UTC). */
const DAY = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
export const DAY_MS = 24 * 60 * 60 * 1000;

export function formatDay(ms: number): string {
	return DAY.format(ms);
}

/** The days a moment between `from` and `to` can show as (a test may straddle midnight), as a regex source. */
export function dayPattern(from: number, to: number): string {
	const days = [...new Set([formatDay(from), formatDay(to)])];
	return `(?:${days.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}

/** Exactly one of the days a moment between `from` and `to` can show as. */
export function possibleDays(from: number, to: number): RegExp {
	return new RegExp(`^${dayPattern(from, to)}$`);
}
