/**
 * Repair tickets (issue 6): a part added from Product/Service, its exact unit
 * attached by scan (reserved for the ticket), then completed and charged —
 * the unit is used on the ticket and the receipt gives it the customer
 * warranty. A serial of another product is refused and nothing is written.
 */
import type { Page } from '@playwright/test';
import { ANY_DAY, createProduct, expect, test } from './fixtures';
import { TicketPage } from './pages/ticket-page';
import { phonesInStock, salesCount, ticketWithScannedPart, unitStatus } from './pos-fixtures';

/**
 * The serials on the saved ticket's part lines, as the ticket's own page
 * shows them when opened afresh in a second tab (so: what was saved).
 */
async function savedSerials(page: Page): Promise<string[][]> {
	const other = await page.context().newPage();
	try {
		await other.goto(page.url());
		const saved = new TicketPage(other);
		await expect(saved.line(1)).toBeVisible();
		const out: string[][] = [];
		for (const row of await saved.parts.locator('tbody').getByRole('row').all()) {
			const cell = row.getByRole('cell').nth(1);
			const badge = await cell.locator('.badge').allInnerTexts();
			let text = await cell.innerText();
			for (const b of badge) text = text.replace(b, '');
			out.push(
				text
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			);
		}
		return out;
	} finally {
		await other.close();
	}
}

test('a ticket with a part attached by scan, then completed and charged', async ({
	page,
	unit
}) => {
	// Three products and two receipts made through the UI first: slow on a loaded machine.
	test.setTimeout(90_000);
	const screen = await phonesInStock(page, 'SC-0002', 'Screen');
	const battery = await phonesInStock(page, 'BT-0001', 'Battery');
	await createProduct(page, {
		name: 'Labour',
		stockCode: 'LABOUR',
		serialised: false,
		price: '30.00'
	});
	const ticket = new TicketPage(page);
	await ticket.create();
	await ticket.fill({
		customer: 'Ann Lee',
		device: 'iPhone 12',
		imei: '356938035643809',
		problem: 'Cracked screen'
	});
	await ticket.save.click();
	await expect(ticket.status).toHaveText('Ticket saved.');
	await expect(ticket.heading).toHaveText(/^Ticket T-[A-Z0-9]{5}-000001$/);
	const ticketNo = (await ticket.heading.innerText()).replace(/^Ticket /, '');

	await ticket.addPart('scr', 'Screen');
	await expect(ticket.line(1)).toContainText('Screen');
	await expect(ticket.line(1)).toContainText('0 of 1 attached');
	await ticket.addPart('lab', 'Labour');
	await expect(ticket.line(2)).toContainText('Labour');

	await ticket.openSerials(1);
	const panel = ticket.serialPanel('Screen');
	await expect(panel).toBeVisible();

	// A serial of another product on the Screen line: refused, nothing written.
	await ticket.scan('BT-0001');
	await expect(ticket.alert).toHaveText(
		'Serial BT-0001 is a Battery, not a Screen: it cannot go on this line.'
	);
	expect(await unitStatus(page, battery.id, 'BT-0001')).toEqual({
		status: 'in_stock',
		holder: null
	});
	expect(await savedSerials(page)).toEqual([[], []]);

	await ticket.scan('SC-0002');
	await expect(ticket.status).toHaveText('Attached Screen, serial SC-0002.');
	await expect(ticket.line(1)).toContainText('SC-0002');
	expect(await unitStatus(page, screen.id, 'SC-0002')).toEqual({
		status: 'reserved',
		holder: 'ticket'
	});
	await panel.getByRole('button', { name: 'Done' }).click();

	await ticket.exactAmount.click();
	await expect(ticket.amountPaid).toHaveValue('40.00');
	await ticket.charge.click();
	await expect(ticket.receipt).toBeVisible();
	await expect(
		ticket.receipt.getByText(new RegExp(`SC-0002\\s*— warranty until ${ANY_DAY}`))
	).toBeVisible();
	await expect(ticket.receipt).toContainText('Ann Lee');
	expect(await salesCount(page)).toBe(1);
	expect(await unitStatus(page, screen.id, 'SC-0002')).toEqual({
		status: 'used',
		holder: 'ticket'
	});

	await page.goto(`/unit?product=${screen.id}&serial=SC-0002`);
	await expect(unit.status).toHaveText('Used on ticket');
	const history = (await unit.historyValues()).map((h) => h['What happened']);
	// The ticket by its number, linked to the ticket.
	expect(history).toContainEqual(`Reserved (Ticket ${ticketNo})`);
	expect(history).toContainEqual(`Used on ticket (Ticket ${ticketNo})`);
	await expect(page.getByText('— Ticket T-')).toHaveText(`— Ticket ${ticketNo}`);
	await unit.history
		.getByRole('link', { name: `Ticket ${ticketNo}` })
		.last()
		.click();
	await expect(page).toHaveURL(/\/tickets\/[^/]+$/);
	await expect(ticket.heading).toHaveText(`Ticket ${ticketNo}`);

	await page.goto('/tickets');
	await expect(page.getByRole('table', { name: 'Tickets' })).toContainText('Collected');
	await expect(page.getByRole('table', { name: 'Tickets' })).toContainText('Ann Lee');
});

test('a unit taken off a ticket goes back to stock, on a phone', async ({ page }) => {
	test.setTimeout(60_000);
	const screen = await phonesInStock(page, 'SC-0001', 'Screen');
	// On a phone the ticket's lines stack: nothing runs off the side of the screen.
	await page.setViewportSize({ width: 390, height: 844 });
	const ticket = await ticketWithScannedPart(page, 'scr', 'Screen', 'SC-0001');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await ticket.serialPanel('Screen').getByRole('button', { name: 'Remove serial SC-0001' }).click();
	await expect(ticket.status).toHaveText('Serial SC-0001 is off the ticket and back in stock.');
	expect(await unitStatus(page, screen.id, 'SC-0001')).toEqual({
		status: 'in_stock',
		holder: null
	});
	// Charging now is refused: the serialised part has no unit.
	await ticket.exactAmount.click();
	await ticket.charge.click();
	await expect(ticket.alert).toContainText(
		'Line 1 (Screen): attach 1 more unit with the Serialized button.'
	);
	expect(await salesCount(page)).toBe(0);
});
