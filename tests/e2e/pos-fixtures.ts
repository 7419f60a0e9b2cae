/** Factories for the POS and Refund specs: stock received and sales made through the UI. */
import type { Page } from '@playwright/test';
import { countHeld, createProduct, expect, receiveRange, type Product } from './fixtures';
import { PosPage } from './pages/pos-page';
import { TicketPage } from './pages/ticket-page';
import { UnitPage } from './pages/unit-page';

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
	await ticket.openSerials(1);
	await ticket.scan(serial);
	await expect(ticket.line(1)).toContainText(serial);
	return ticket;
}

export const salesCount = (page: Page) => countHeld(page, 'sales');
export const refundsCount = (page: Page) => countHeld(page, 'refunds');

const STATUS_BY_LABEL: Record<string, string> = {
	'In stock': 'in_stock',
	Reserved: 'reserved',
	Sold: 'sold',
	'Used on ticket': 'used',
	Returned: 'returned',
	Faulty: 'faulty',
	RMA: 'rma',
	Quarantined: 'quarantined',
	'Written off': 'written_off'
};

/**
 * A unit's status and who holds it, as its unit page shows them, read in a
 * second tab of the same browser so the test's page keeps its state.
 */
export async function unitStatus(
	page: Page,
	productId: string,
	serial: string
): Promise<{ status: string; holder: string | null } | null> {
	const other = await page.context().newPage();
	try {
		await other.goto(
			`/unit?product=${encodeURIComponent(productId)}&serial=${encodeURIComponent(serial)}`
		);
		const unit = new UnitPage(other);
		await expect(unit.status.or(other.getByText('No such unit'))).toBeVisible();
		if (!(await unit.status.isVisible())) return null;
		const status = STATUS_BY_LABEL[(await unit.status.innerText()).trim()] ?? 'unknown';
		// A reserved, sold or used unit has a holder: wait until the page names it.
		if (['reserved', 'sold', 'used'].includes(status)) await expect(unit.holder).toBeVisible();
		const holderText = (await unit.holder.count()) > 0 ? await unit.holder.innerText() : '';
		const holder = /cart/i.test(holderText)
			? 'cart'
			: /ticket/i.test(holderText)
				? 'ticket'
				: /sale/i.test(holderText)
					? 'sale'
					: null;
		return { status, holder };
	} finally {
		await other.close();
	}
}
