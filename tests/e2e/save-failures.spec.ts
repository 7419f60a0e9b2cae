/**
 * Every failure is shown (issue 13, part 6; DESIGN.md invariant 8): with the
 * log's IndexedDB write made to fail under the app, each screen that saves
 * says so in words a shop assistant understands, keeps what was typed or
 * scanned, and its own button tries again; nothing of the failed save is
 * written, and no number (receipt, ticket) is used up by it. Money typed at
 * the counter is read by the domain's money function only.
 */
import { failLogWrites, installWriteFailures } from './fail-writes';
import { expect, heldCounts, shownMoney, test } from './fixtures';
import { ProductFormPage } from './pages/product-form';
import { PosPage } from './pages/pos-page';
import { RefundPage } from './pages/refund-page';
import { SettingsPage } from './pages/settings-page';
import { SuppliersPage } from './pages/suppliers-page';
import { TicketPage } from './pages/ticket-page';
import { UnitPage } from './pages/unit-page';
import { phonesInStock, sellScanned } from './pos-fixtures';

const FULL = "Nothing was saved: this device's storage is full";

test.beforeEach(async ({ page }) => {
	await installWriteFailures(page);
});

test('POS: the amount paid is read as money, and a failed Complete keeps the sale and its number', async ({
	page
}) => {
	await phonesInStock(page, 'PX-0002');
	const pos = new PosPage(page);
	await pos.goto();
	await pos.scan('PX-0001');
	await expect(pos.cart).toContainText('PX-0001');
	await page.getByLabel('Customer name').fill('Ann Lee');

	// The total is 10.00. A decimal comma is a decimal comma; what is not an amount says so.
	const changeDue = page.getByText(/^Change due:/);
	await pos.amountPaid.fill('10,50');
	await expect(changeDue).toContainText(shownMoney(50));
	for (const [typed, problem] of [
		['1e3', 'Amount paid must be an amount like 12.50, not "1e3"'],
		['0x10', 'Amount paid must be an amount like 12.50, not "0x10"'],
		['-3', 'Amount paid cannot be negative'],
		['10.505', 'Amount paid "10.505" is unclear']
	] as const) {
		await pos.amountPaid.fill(typed);
		await expect(changeDue).toHaveText('Change due: —');
		await expect(page.getByText(problem)).toBeVisible();
		await expect(pos.amountPaid).toHaveAttribute('aria-invalid', 'true');
	}
	await pos.amountPaid.fill('1,000,000.00');
	await expect(changeDue).toContainText(shownMoney(99_999_000));

	await failLogWrites(page, 1);
	await pos.complete.click();
	await expect(pos.alert).toContainText(FULL);
	// The cart, the customer and the payment are as they were; nothing was sold.
	await expect(pos.cart).toContainText('PX-0001');
	await expect(page.getByLabel('Customer name')).toHaveValue('Ann Lee');
	await expect(pos.amountPaid).toHaveValue('1,000,000.00');
	expect((await heldCounts(page)).sales).toBe(0);

	// Trying again sells it, with the first receipt number: the failure used none.
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	expect(await pos.receiptNo()).toMatch(/-000001$/);
	expect((await heldCounts(page)).sales).toBe(1);
});

test('POS: a scan whose reservation fails is not added, and says why', async ({ page }) => {
	await phonesInStock(page, 'PX-0002');
	const pos = new PosPage(page);
	await pos.goto();
	await failLogWrites(page, 1);
	await pos.scan('PX-0001');
	await expect(pos.alert).toContainText("Not added to the sale: this device's storage is full");
	await expect(page.getByText('The cart is empty.')).toBeVisible();
	await pos.scan('PX-0001');
	await expect(pos.cart).toContainText('PX-0001');
});

test('Refund: a failed refund keeps what was ticked and refunds on retry', async ({ page }) => {
	await phonesInStock(page, 'PX-0002');
	const receiptNo = await sellScanned(page, ['PX-0001']);
	const refund = new RefundPage(page);
	await refund.goto();
	await refund.findSale(receiptNo, receiptNo);
	const tick = refund.lines.getByLabel('Refund line 1 (Pixel 9)');
	await tick.check();
	await refund.lines.getByLabel('Condition, line 1').selectOption({ label: 'Faulty' });
	await failLogWrites(page, 1);
	await refund.complete.click();
	await expect(refund.alert).toContainText(
		"The refund was not done: this device's storage is full"
	);
	await expect(tick).toBeChecked();
	await expect(refund.lines.getByLabel('Condition, line 1')).toHaveValue('faulty');
	expect((await heldCounts(page)).refunds).toBe(0);
	await refund.complete.click();
	await expect(refund.status).toContainText(`Refund of ${shownMoney(1000)} done`);
});

test('Ticket: a failed save keeps every field and takes no ticket number', async ({ page }) => {
	const ticket = new TicketPage(page);
	await ticket.create();
	const details = {
		customer: 'Ann Lee',
		device: 'iPhone 12',
		imei: '356938035643809',
		problem: 'Cracked screen'
	};
	await ticket.fill(details);
	await failLogWrites(page, 1, 'UnknownError');
	await ticket.save.click();
	await expect(ticket.alert).toContainText(
		'The ticket was not saved: this device could not write it'
	);
	await expect(ticket.heading).toHaveText('New ticket');
	await expect(page.getByLabel('Customer name')).toHaveValue(details.customer);
	await expect(page.getByLabel('Problem')).toHaveValue(details.problem);
	await ticket.save.click();
	await expect(ticket.status).toHaveText('Ticket saved.');
	await expect(ticket.heading).toHaveText(/^Ticket T-[A-Z0-9]{5}-000001$/);
});

test('product and supplier forms, the unit adjustment and a setting say so and keep the input', async ({
	page
}) => {
	const form = new ProductFormPage(page);
	await form.gotoNew();
	await form.fill({ name: 'Pixel 10', stockCode: 'PX10', price: '12,50' });
	await failLogWrites(page, 1);
	await form.save();
	await expect(form.alert).toContainText(
		"The product was not saved: this device's storage is full"
	);
	await expect(form.name).toHaveValue('Pixel 10');
	await expect(form.price).toHaveValue('12,50');
	await form.save();
	await expect(page).toHaveURL(/\/products\/[^/]+\/stock/);
	// The decimal comma was read as cents.
	await form.gotoDetails(/\/products\/([^/]+)/.exec(page.url())?.[1] ?? '');
	await expect(form.price).toHaveValue('12.50');

	const suppliers = new SuppliersPage(page);
	await page.goto('/suppliers/new');
	await suppliers.name.fill('Northwind');
	await suppliers.phone.fill('555 0100');
	await failLogWrites(page, 1);
	await suppliers.saveButton.click();
	await expect(suppliers.alert).toContainText('The supplier was not saved');
	await expect(suppliers.name).toHaveValue('Northwind');
	await expect(suppliers.phone).toHaveValue('555 0100');
	await suppliers.saveButton.click();
	await expect(page).not.toHaveURL(/\/suppliers\/new/);
	await suppliers.goto();
	await expect(suppliers.row('Northwind')).toHaveCount(1);

	const drill = await phonesInStock(page, 'DR-01', 'Drill');
	await page.goto(`/unit?product=${drill.id}&serial=DR-01`);
	await expect(new UnitPage(page).heading).toContainText('DR-01');
	const adjust = page.getByRole('form', { name: 'Adjust stock' });
	await adjust.getByLabel('Adjust stock').selectOption({ label: 'Quarantined' });
	await adjust.getByLabel('Note (optional)').fill('Dropped in the back room');
	await failLogWrites(page, 1);
	await adjust.getByRole('button', { name: 'Save adjustment' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'The adjustment was not saved' })
	).toBeVisible();
	await expect(adjust.getByLabel('Note (optional)')).toHaveValue('Dropped in the back room');

	const settings = new SettingsPage(page);
	await settings.goto();
	await expect(settings.customerRequired).toBeEnabled();
	const before = await settings.customerRequired.isChecked();
	await failLogWrites(page, 1);
	await settings.customerRequired.click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'The setting was not saved' })
	).toBeVisible();
	await expect(settings.customerRequired).toBeChecked({ checked: before });
});
