/** GS1 test data and steps shared by the GS1 specs: a product with a GTIN, its units' codes, receiving them by scan. */
import type { Page } from '@playwright/test';
import { createProduct, createSupplier, expect, type Product } from './fixtures';
import { GenerateSerialsPage } from './pages/generate-serials';
import { WedgeScanner } from './pages/wedge-scanner';

export const GS = '\u001d';
/** On the product as GTIN-13; the codes carry it as GTIN-14. */
export const EAN = '4006381333931';
export const GTIN = `0${EAN}`;
/** The GS1 DataMatrix of one unit, as a scanner with AIM identifiers on types it. */
export const code = (serial: string, { lot = 'L-0423', expiry = '300331', gtin = GTIN } = {}) =>
	`]d201${gtin}17${expiry}10${lot}${GS}21${serial}`;
/** A date as the app shows it: medium style in the browser's locale. */
export const shown = (y: number, m: number, d: number, locale: string) =>
	new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
		Date.UTC(y, m - 1, d)
	);

export async function stentProduct(page: Page): Promise<Product> {
	await createSupplier(page, 'MedSupply');
	return createProduct(page, {
		name: 'Stent 4 mm',
		stockCode: 'STENT-4',
		serialised: true,
		barcode: EAN,
		price: '120.00'
	});
}

/** Receives GS1 scans with Generate Stock Serials in scan mode; the product comes from the GTIN. */
export async function receiveByScans(page: Page, codes: string[]) {
	const generate = new GenerateSerialsPage(page);
	const scanner = new WedgeScanner(page);
	await generate.goto();
	await generate.fillDetails({ supplier: 'MedSupply', warrantyDays: '0' });
	await generate.chooseMethod('Input Serials Manually');
	await page.getByRole('button', { name: 'Scan serials' }).click();
	const lines = page.getByRole('list', { name: 'Scanned serials' }).getByRole('listitem');
	for (const [i, c] of codes.entries()) {
		await scanner.scanUnfocused(c);
		await expect(lines).toHaveCount(i + 1);
	}
	return { generate, lines };
}
