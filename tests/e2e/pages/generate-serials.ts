import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

export type Method = 'System Generated' | 'Provide Range' | 'Input Serials Manually';

export interface ReceiptDetails {
	/** An existing supplier, by name. */
	supplier?: string;
	/** A supplier to create from this form ("+ New supplier…"). */
	newSupplier?: string;
	reference?: string;
	unitCost?: string;
	warrantyDays?: string;
}

/** Stock Manager > Stock > Generate Stock Serials. */
export class GenerateSerialsPage extends AppShell {
	readonly heading: Locator;
	readonly product: Locator;
	readonly supplier: Locator;
	readonly newSupplierName: Locator;
	readonly reference: Locator;
	readonly unitCost: Locator;
	readonly warrantyDays: Locator;
	readonly count: Locator;
	readonly rangeFirst: Locator;
	readonly rangeLast: Locator;
	readonly rangeCount: Locator;
	readonly manualSerials: Locator;
	readonly submitButton: Locator;
	/** The "Nothing was saved." notice. */
	readonly alert: Locator;
	/** The list of every serial or line to fix. */
	readonly problems: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { name: 'Generate Stock Serials', level: 1 });
		this.product = page.getByLabel('Product', { exact: true });
		this.supplier = page.getByLabel('Supplier', { exact: true });
		this.newSupplierName = page.getByLabel('New supplier name');
		this.reference = page.getByRole('textbox', { name: /^Reference/ });
		this.unitCost = page.getByRole('textbox', { name: /^Unit cost/ });
		this.warrantyDays = page.getByLabel('Warranty Term In Days');
		this.count = page.getByLabel('Number of serials');
		this.rangeFirst = page.getByLabel('First serial');
		this.rangeLast = page.getByLabel('Last serial');
		this.rangeCount = page.getByLabel('Count', { exact: true });
		this.manualSerials = page.getByRole('textbox', { name: /^Serials/ });
		this.submitButton = page.getByRole('button', { name: 'Generate Stock Serials' });
		this.alert = this.main.getByRole('alert');
		this.problems = page.getByRole('list', { name: 'Serials to fix' }).getByRole('listitem');
	}

	async goto(productId?: string): Promise<void> {
		await this.page.goto(productId ? `/stock/generate?product=${productId}` : '/stock/generate');
		await expect(this.heading).toBeVisible();
	}

	async chooseProduct(label: string): Promise<void> {
		await this.product.selectOption({ label });
	}

	async fillDetails(details: ReceiptDetails): Promise<void> {
		if (details.supplier !== undefined)
			await this.supplier.selectOption({ label: details.supplier });
		if (details.newSupplier !== undefined) {
			await this.supplier.selectOption({ label: '+ New supplier…' });
			await this.newSupplierName.fill(details.newSupplier);
		}
		if (details.reference !== undefined) await this.reference.fill(details.reference);
		if (details.unitCost !== undefined) await this.unitCost.fill(details.unitCost);
		if (details.warrantyDays !== undefined) await this.warrantyDays.fill(details.warrantyDays);
	}

	async chooseMethod(method: Method): Promise<void> {
		await this.page.getByRole('radio', { name: method }).check();
	}

	async systemGenerated(count: string): Promise<void> {
		await this.chooseMethod('System Generated');
		await this.count.fill(count);
	}

	async range(first: string, last: string): Promise<void> {
		await this.chooseMethod('Provide Range');
		await this.rangeFirst.fill(first);
		await this.page.getByRole('radio', { name: 'First and last' }).check();
		await this.rangeLast.fill(last);
	}

	async rangeByCount(first: string, count: string): Promise<void> {
		await this.chooseMethod('Provide Range');
		await this.rangeFirst.fill(first);
		await this.page.getByRole('radio', { name: 'First and count' }).check();
		await this.rangeCount.fill(count);
	}

	async manual(text: string): Promise<void> {
		await this.chooseMethod('Input Serials Manually');
		await this.manualSerials.fill(text);
	}

	/**
	 * Pastes `text` into the Serials box through the clipboard, as staff do with
	 * a column copied from a spreadsheet. (Typing many lines with `fill` goes
	 * through Chromium's per-line insertText, which is quadratic in lines.)
	 */
	async paste(text: string): Promise<void> {
		await this.chooseMethod('Input Serials Manually');
		await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
		await this.manualSerials.focus();
		await this.page.keyboard.press('ControlOrMeta+V');
	}

	async submit(): Promise<void> {
		await this.submitButton.click();
	}

	/** Submits and expects the form to refuse, listing what is wrong. */
	async submitExpectingRefusal(): Promise<void> {
		await this.submit();
		await expect(this.alert).toContainText('Nothing was saved.');
	}
}
