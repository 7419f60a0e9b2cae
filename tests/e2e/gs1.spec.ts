/**
 * GS1 codes end to end, on a phone (issue 11, part 3): a keyboard-wedge
 * scanner reads the GS1 DataMatrix on a medical device's box — the AIM
 * identifier ]d2, then GTIN (01), expiry (17), lot (10) and serial (21),
 * with FNC1 sent as Ctrl+] (GS). Receiving fills the product by its GTIN
 * and keeps lot and expiry on each unit; the POS sells the unit the code
 * names; Refund finds its sale; every bad code says what is wrong.
 */
import { expect, test } from './fixtures';
import { code, GS, GTIN, receiveByScans, shown, stentProduct } from './gs1-fixtures';
import { GenerateSerialsPage } from './pages/generate-serials';
import { PosPage } from './pages/pos-page';
import { ReceiptPage } from './pages/receipt-page';
import { RefundPage } from './pages/refund-page';
import { TicketPage } from './pages/ticket-page';
import { UnitPage } from './pages/unit-page';
import { WedgeScanner } from './pages/wedge-scanner';

test.use({ viewport: { width: 390, height: 844 } });

test('receiving by GS1 scans fills product, serial, lot and expiry; the unit page shows them', async ({
	page
}, testInfo) => {
	const stent = await stentProduct(page);
	const { generate, lines } = await receiveByScans(page, [
		code('ST-0001'),
		code('ST-0002', { lot: 'L-0424', expiry: '300200' })
	]);
	// The GTIN chose the product.
	await expect(generate.product).toHaveValue(stent.id);
	const locale = testInfo.project.use.locale ?? 'en-US';
	await expect(lines.filter({ hasText: 'ST-0002' })).toContainText(
		`Lot L-0424 · Expiry ${shown(2030, 2, 28, locale)}`
	);
	await expect(lines.filter({ hasText: 'ST-0001' })).toContainText('OK');
	await generate.submit();
	const receipt = new ReceiptPage(page);
	await receipt.expectGenerated(2);
	expect(await receipt.shownSerials()).toEqual(['ST-0001', 'ST-0002']);

	const unit = new UnitPage(page);
	await page.goto(`/unit?product=${stent.id}&serial=ST-0002`);
	await expect(unit.fact('Lot')).toHaveText('L-0424');
	// DD 00: the last day of the month.
	await expect(unit.fact('Expiry')).toHaveText(shown(2030, 2, 28, locale));
	await page.goto(`/unit?product=${stent.id}&serial=ST-0001`);
	await expect(unit.fact('Lot')).toHaveText('L-0423');
	await expect(unit.fact('Expiry')).toHaveText(shown(2030, 3, 31, locale));
	// And after a reload, from the ledger through the tables again.
	await page.reload();
	await expect(unit.fact('Lot')).toHaveText('L-0423');
});

test('a GS1 scan into the Serials box shows as its bracketed text and receives lot and expiry', async ({
	page
}, testInfo) => {
	const stent = await stentProduct(page);
	const generate = new GenerateSerialsPage(page);
	await generate.goto(stent.id);
	await generate.fillDetails({ supplier: 'MedSupply' });
	await generate.chooseMethod('Input Serials Manually');
	await generate.manualSerials.fill('PLAIN-1\n');
	await generate.manualSerials.focus();
	await new WedgeScanner(page).scan(code('ST-0050'));
	await expect(generate.manualSerials).toHaveValue(
		`PLAIN-1\n(01)${GTIN}(17)300331(10)L-0423(21)ST-0050\n`
	);
	await generate.submit();
	await new ReceiptPage(page).expectGenerated(2);
	await page.goto(`/unit?product=${stent.id}&serial=ST-0050`);
	const unit = new UnitPage(page);
	await expect(unit.fact('Lot')).toHaveText('L-0423');
	await expect(unit.fact('Expiry')).toHaveText(
		shown(2030, 3, 31, testInfo.project.use.locale ?? 'en-US')
	);
	// A plain serial has neither.
	await page.goto(`/unit?product=${stent.id}&serial=PLAIN-1`);
	await expect(unit.fact('Serial')).toHaveText('PLAIN-1');
	await expect(unit.fact('Lot')).toHaveCount(0);
});

test('bad GS1 codes at receiving: each line says what is wrong, and nothing is saved', async ({
	page
}) => {
	await stentProduct(page);
	const scanner = new WedgeScanner(page);
	const { generate, lines } = await receiveByScans(page, [code('ST-0100')]);
	// An unknown GTIN is not taken as a line: the scan says whose GTIN it is not.
	await scanner.scanUnfocused(code('X-1', { gtin: '09506000134352' }));
	await expect(page.getByRole('alert').filter({ hasText: 'GTIN 09506000134352' })).toContainText(
		'Line 2: The GS1 code is for GTIN 09506000134352, not Stent 4 mm (GTIN 04006381333931)'
	);
	await scanner.scanUnfocused(`]d20104006381333932${'21'}ST-0101`);
	await scanner.scanUnfocused(`]d201${GTIN}173003`);
	await scanner.scanUnfocused(`]d201${GTIN}10L-1`);
	await expect(lines).toHaveCount(5);
	await expect(lines.filter({ hasText: '0104006381333932' })).toContainText(
		'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1)'
	);
	await generate.submit();
	await expect(generate.alert).toContainText('Nothing was saved.');
	await expect(generate.problems).toHaveText([
		'Line 2: The GS1 code is for GTIN 09506000134352, not Stent 4 mm (GTIN 04006381333931)',
		'Line 3: The GTIN’s check digit is wrong (04006381333932: the last digit should be 1)',
		'Line 4: The code ends inside the expiry date (17)',
		'Line 5: The GS1 code has no serial number (21): it names the product, not one unit'
	]);
	await expect(page).toHaveURL(/\/stock\/generate/);
});

test('a GTIN that no product has is named when it would choose the product', async ({ page }) => {
	await stentProduct(page);
	const generate = new GenerateSerialsPage(page);
	await generate.goto();
	await generate.chooseMethod('Input Serials Manually');
	await page.getByRole('button', { name: 'Scan serials' }).click();
	await new WedgeScanner(page).scanUnfocused(code('X-1', { gtin: '09506000134352' }));
	await expect(page.getByRole('alert')).toContainText(
		"No serialised product has GTIN 09506000134352: enter it as the product's barcode first, or choose the product."
	);
	await expect(page.getByRole('list', { name: 'Scanned serials' })).toHaveCount(0);
	await expect(generate.product).toHaveValue('');
});

test('the POS sells the unit a GS1 scan names, Refund finds its sale, and bad codes are refused', async ({
	page
}) => {
	await stentProduct(page);
	const { generate } = await receiveByScans(page, [code('ST-0201'), code('ST-0202')]);
	await generate.submit();
	await new ReceiptPage(page).expectGenerated(2);

	const pos = new PosPage(page);
	await pos.goto();
	await pos.scan(code('ST-0202'));
	await expect(pos.status).toHaveText('Added Stent 4 mm, serial ST-0202.');
	await expect(pos.line(1)).toContainText('ST-0202');

	const refused: [string, string][] = [
		[
			code('ST-0201', { gtin: '09506000134352' }),
			'No product has GTIN 09506000134352 on this device.'
		],
		[code('ST-9999'), 'Serial ST-9999 is not a unit of Stent 4 mm (GTIN 04006381333931).'],
		[
			`]d20104006381333932${'21'}ST-0201`,
			'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1).'
		],
		[`]d201${GTIN}1730`, 'The code ends inside the expiry date (17).']
	];
	for (const [bad, message] of refused) {
		await pos.scan(bad);
		await expect(pos.alert.filter({ hasText: message })).toBeVisible();
	}
	// Nothing of the refused scans reached the cart.
	await expect(pos.cart.locator('tbody').getByRole('row')).toHaveCount(1);
	await pos.exactAmount.click();
	await pos.complete.click();
	await expect(pos.receipt).toBeVisible();
	const receiptNo = await pos.receiptNo();

	const refund = new RefundPage(page);
	await refund.goto();
	await refund.scan(code('ST-0202'));
	await expect(refund.sale(receiptNo)).toBeVisible();
	await refund.goto();
	await refund.scan(code('ST-0201'));
	await expect(refund.alert).toContainText('Serial ST-0201 has not been sold');
});

test('a ticket attaches the part a GS1 scan names', async ({ page }) => {
	await stentProduct(page);
	const { generate } = await receiveByScans(page, [code('ST-0301')]);
	await generate.submit();
	await new ReceiptPage(page).expectGenerated(1);
	const ticket = new TicketPage(page);
	await ticket.create();
	await ticket.addPart('STENT', 'Stent 4 mm');
	await ticket.openSerials(1);
	await ticket.scan(code('ST-9999'));
	await expect(ticket.alert).toContainText(
		'Serial ST-9999 is not a unit of Stent 4 mm (GTIN 04006381333931).'
	);
	await ticket.scan(code('ST-0301'));
	await expect(ticket.line(1)).toContainText('ST-0301');
});

test('a scanner set to send “~” for GS is read once the Scanner settings say so', async ({
	page
}) => {
	await stentProduct(page);
	const { generate } = await receiveByScans(page, [code('ST-0401')]);
	await generate.submit();
	await new ReceiptPage(page).expectGenerated(1);
	const tilde = code('ST-0401').replaceAll(GS, '~');
	const pos = new PosPage(page);
	await pos.goto();
	await pos.scan(tilde);
	await expect(pos.alert).toContainText(
		'The lot number (10) contains “~”, which a GS1 code cannot carry.'
	);
	await page.goto('/settings/scanner');
	await page.getByLabel('GS1 separator sent as').fill('~');
	await pos.goto();
	await pos.scan(tilde);
	await expect(pos.status).toHaveText('Added Stent 4 mm, serial ST-0401.');
});
