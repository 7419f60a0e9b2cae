/** Factories for the POS and Refund specs: stock received and sales made through the UI. */
import type { Page } from '@playwright/test';
import { countRows, createProduct, expect, receiveRange, type Product } from './fixtures';
import { PosPage } from './pages/pos-page';
import { TicketPage } from './pages/ticket-page';

/** A serialised phone with a year of customer warranty and units PX-0001..PX-00nn in stock. */
export async function phonesInStock(
	page: Page,
	last = 'PX-0003',
	name = 'Pixel 9'
): Promise<Product> {
	const product = await createProduct(page, {
		name,
		stockCode: name.toUpperCase().replace(/\W+/g, '-'),
		serialised: true,
		price: '10.00',
		customerWarrantyDays: '365'
	});
	const first = last.replace(/\d+$/, (d) => '1'.padStart(d.length, '0'));
	await receiveRange(
		page,
		{ productId: product.id, newSupplier: `Supplier of ${name}`, warrantyDays: '365' },
		first,
		last
	);
	return product;
}

/** Sells the scanned serials at the POS, paid exactly; returns the receipt number. */
export async function sellScanned(page: Page, serials: string[]): Promise<string> {
	const pos = new PosPage(page);
	await pos.goto();
	for (const serial of serials) {
		await pos.scan(serial);
		await expect(pos.cart).toContainText(serial);
	}
	await pos.exactAmount.click();
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	return pos.receiptNo();
}

/** A new repair ticket with one part found by `search`, its unit attached by a wedge scan of `serial`. */
export async function ticketWithScannedPart(
	page: Page,
	search: string,
	name: string,
	serial: string
): Promise<TicketPage> {
	const ticket = new TicketPage(page);
	await ticket.create();
	await ticket.addPart(search, name);
	await ticket.serialized(1).click();
	await ticket.scan(serial);
	await expect(ticket.line(1)).toContainText(serial);
	return ticket;
}

export const salesCount = (page: Page) => countRows(page, 'unitrack', 'sales');
export const refundsCount = (page: Page) => countRows(page, 'unitrack', 'refunds');

/** A unit's projected status and holder kind, read from this device's IndexedDB. */
export function unitStatus(
	page: Page,
	productId: string,
	serial: string
): Promise<{ status: string; holder: string | null } | null> {
	return page.evaluate(
		([productId, serial]) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('unitrack');
				open.onerror = () => reject(open.error ?? new Error('cannot open unitrack'));
				open.onsuccess = () => {
					const db = open.result;
					const get = db
						.transaction('units', 'readonly')
						.objectStore('units')
						.get([productId, serial]);
					get.onsuccess = () => {
						db.close();
						const row = get.result as
							{ status: string; holder: { kind: string } | null } | undefined;
						resolve(row ? { status: row.status, holder: row.holder?.kind ?? null } : null);
					};
					get.onerror = () => reject(get.error ?? new Error('cannot read unit'));
				};
			}),
		[productId, serial] as const
	);
}
