/**
 * The counter as a newcomer meets it (issue 17): no dead ends without a
 * scanner, no typed work lost to a scan, serials that differ only in case,
 * and a Refund screen that shows where each line stands.
 */
import { expect, storedCounts, test } from './fixtures';
import { GenerateSerialsPage } from './pages/generate-serials';
import { PosPage } from './pages/pos-page';
import { ProductFormPage } from './pages/product-form';
import { RefundPage } from './pages/refund-page';
import { TicketPage } from './pages/ticket-page';
import { WedgeScanner } from './pages/wedge-scanner';
import { phonesInStock, refundsCount, sellScanned, unitStatus } from './pos-fixtures';

test('a scan on a ticket attaches the unit and keeps what was typed; a part is attached by typing or from the list', async ({
	page
}) => {
	test.setTimeout(90_000);
	const screen = await phonesInStock(page, 'SC-0003', 'Screen');
	const battery = await phonesInStock(page, 'BT-0002', 'Battery');
	const ticket = new TicketPage(page);
	await ticket.create();
	await ticket.fill({
		customer: 'Ann Lee',
		device: 'iPhone 12',
		imei: '356789012345678',
		problem: 'Cracked screen'
	});
	const address = page.url();
	// No panel open: the scan attaches the unit to a new line of its product, on this ticket.
	await ticket.scan('SC-0001');
	await expect(ticket.line(1)).toContainText('SC-0001');
	expect(page.url()).toBe(address);
	await expect(page.getByLabel('Customer name')).toHaveValue('Ann Lee');
	await expect(page.getByLabel('Device', { exact: true })).toHaveValue('iPhone 12');
	await expect(page.getByLabel('Problem')).toHaveValue('Cracked screen');
	expect(await unitStatus(page, screen.id, 'SC-0001')).toEqual({
		status: 'reserved',
		holder: 'ticket'
	});

	// Without a scanner: adding a serialised part opens its panel, with a field and a list.
	await ticket.addPart('bat', 'Battery');
	const panel = ticket.serialPanel('Battery');
	await expect(panel).toBeVisible();
	await panel.getByRole('button', { name: 'Attach BT-0002' }).click();
	await expect(ticket.line(2)).toContainText('BT-0002');
	await ticket.addPart('scr', 'Screen');
	const screens = ticket.serialPanel('Screen');
	await expect(screens).toBeVisible();
	// Typed as read off the part, in lower case.
	await screens.getByLabel('Serial', { exact: true }).fill('sc-0003');
	await screens.getByLabel('Serial', { exact: true }).press('Enter');
	await expect(ticket.line(3)).toContainText('SC-0003');
	await expect(ticket.status).toContainText('Attached Screen, serial SC-0003.');
	// An unknown serial typed is refused with the reason, and nothing is attached.
	await screens.getByLabel('Serial', { exact: true }).fill('SC-9999');
	await screens.getByRole('button', { name: 'Attach serial' }).click();
	await expect(ticket.alert).toContainText('No unit with serial SC-9999');
	expect(await unitStatus(page, battery.id, 'BT-0002')).toEqual({
		status: 'reserved',
		holder: 'ticket'
	});
	// All of it is on the ticket after a reload.
	await page.reload();
	await expect(page.getByLabel('Customer name')).toHaveValue('Ann Lee');
	await expect(ticket.parts).toContainText('SC-0001');
	await expect(ticket.parts).toContainText('BT-0002');
	await expect(ticket.parts).toContainText('SC-0003');
});

test('a scan on a product form with typing not saved is refused and the typing stays', async ({
	page
}) => {
	await phonesInStock(page, 'PX-0001');
	const form = new ProductFormPage(page);
	await form.gotoNew();
	await form.name.fill('Galaxy S25');
	const address = page.url();
	await new WedgeScanner(page).scanUnfocused('PX-0001');
	await expect(page.getByRole('alert')).toContainText(
		'Not opened: PX-0001. Save the new product first, so nothing you typed is lost.'
	);
	expect(page.url()).toBe(address);
	await expect(form.name).toHaveValue('Galaxy S25');
});

test('a typed serial adds the exact unit at the POS and finds its sale on Refund', async ({
	page
}) => {
	await phonesInStock(page);
	const pos = new PosPage(page);
	await pos.goto();
	await pos.addByStockCode('px-0002');
	await expect(pos.line(1)).toContainText('PX-0002');
	await expect(pos.cart.locator('tbody').getByRole('row')).toHaveCount(1);
	await pos.exactAmount.click();
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	const receiptNo = await pos.receiptNo();

	const refund = new RefundPage(page);
	await refund.goto();
	await refund.search.fill('PX-0002');
	await refund.find.click();
	await expect(refund.sale(receiptNo)).toBeVisible();
	await expect(refund.lines.getByLabel('Refund line 1 (Pixel 9)')).toBeChecked();
	await expect(refund.cell(1, 'Coming back')).toHaveText('PX-0002');
	// A serial in stock, never sold, says so.
	await refund.search.fill('PX-0003');
	await refund.find.click();
	await expect(refund.alert).toContainText(
		'No sale with receipt number, customer or serial "PX-0003"'
	);
});

test('Refund shows per line what was sold, what came back and what may still come back', async ({
	page
}) => {
	test.setTimeout(60_000);
	await phonesInStock(page);
	const receiptNo = await sellScanned(page, ['PX-0001', 'PX-0002']);
	const refund = new RefundPage(page);
	await refund.goto();
	await refund.findSale(receiptNo, receiptNo);
	const tick = refund.lines.getByLabel('Refund line 1 (Pixel 9)');
	// Unticked: nothing is coming back yet, and the line says what may.
	await expect(tick).not.toBeChecked();
	await expect(refund.cell(1, 'Sold')).toHaveText('2: PX-0001, PX-0002');
	await expect(refund.cell(1, 'Came back')).toHaveText('—');
	await expect(refund.cell(1, 'Coming back')).toHaveText('2 may come back: PX-0001, PX-0002');
	// Ticked with two left: the list opens to choose which one.
	await tick.check();
	const units = refund.lines.getByRole('group', { name: 'Units of line 1 that came back' });
	await units.getByLabel('PX-0001').check();
	await refund.complete.click();
	await expect(refund.status).toContainText('Refund of');
	expect(await refundsCount(page)).toBe(1);

	await refund.goto();
	await refund.findSale(receiptNo, receiptNo);
	await expect(refund.cell(1, 'Came back')).toHaveText(/^PX-0001 on .+, back to stock$/);
	await expect(refund.cell(1, 'Coming back')).toHaveText('1 may come back: PX-0002');
	// One left: ticking takes it.
	await refund.lines.getByLabel('Refund line 1 (Pixel 9)').check();
	await expect(refund.cell(1, 'Coming back')).toHaveText('PX-0002');
	await refund.complete.click();
	await expect(refund.status).toContainText('Refund of');
	expect(await refundsCount(page)).toBe(2);

	// All back: it says so, nothing can be ticked, and there is no Complete refund.
	await refund.goto();
	await refund.findSale(receiptNo, receiptNo);
	await expect(refund.sale(receiptNo)).toContainText(
		`Everything on sale ${receiptNo} has come back: nothing is left to refund.`
	);
	await expect(refund.lines.getByLabel('Refund line 1 (Pixel 9)')).toBeDisabled();
	await expect(refund.cell(1, 'Coming back')).toHaveText('Nothing left to refund');
	await expect(refund.complete).toHaveCount(0);
});

test('serials that differ only in case are one unit: receiving refuses, Find finds, near matches to choose', async ({
	page
}) => {
	const phone = await phonesInStock(page, 'MAN-A2', 'Pixel 9');
	const generate = new GenerateSerialsPage(page);
	await generate.goto(phone.id);
	await generate.fillDetails({ supplier: 'Supplier of Pixel 9' });
	const before = await storedCounts(page);
	await generate.manual('man-a2');
	await generate.submitExpectingRefusal();
	await expect(generate.problems).toContainText('already exists for this product as "MAN-A2"');
	expect(await storedCounts(page)).toEqual(before);

	// Find in lower case opens the unit.
	await generate.findSerial('man-a2');
	await expect(page).toHaveURL(/\/unit\?/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('MAN-A2');
	// A part of a serial lists the serials that start with it.
	await generate.findSerial('man-');
	const near = page.getByRole('list', { name: /^Serials that start with/ });
	await expect(near.getByRole('link')).toHaveText(['MAN-A1', 'MAN-A2']);
	await near.getByRole('link', { name: 'MAN-A1' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('MAN-A1');
});
