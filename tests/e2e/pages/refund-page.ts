import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { WedgeScanner } from './wedge-scanner';

/** Refund: find a sale, choose what came back, complete; the Faulty list. */
export class RefundPage extends AppShell {
	readonly search: Locator;
	readonly find: Locator;
	readonly lines: Locator;
	readonly complete: Locator;
	readonly alert: Locator;
	readonly status: Locator;
	readonly faulty: Locator;
	readonly scanner: WedgeScanner;

	constructor(page: Page) {
		super(page);
		this.search = page.getByLabel('Receipt number, customer or serial');
		this.find = page.getByRole('button', { name: 'Find sale' });
		this.lines = page.getByRole('table', { name: 'Sale lines' });
		this.complete = page.getByRole('button', { name: 'Complete refund' });
		this.alert = this.main.getByRole('alert');
		this.status = this.main.getByRole('status');
		this.faulty = page.getByRole('table', { name: 'Faulty' });
		this.scanner = new WedgeScanner(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/refund');
		await expect(this.page.getByRole('heading', { name: 'Refund', level: 1 })).toBeVisible();
	}

	sale(receiptNo: string): Locator {
		return this.page.getByRole('region', { name: `Sale ${receiptNo}` });
	}

	/** Line `n`'s cell under the column `column` (Sold, Came back, Coming back, Condition). */
	cell(n: number, column: 'Sold' | 'Came back' | 'Coming back' | 'Condition'): Locator {
		const index = ['Refund', 'Sold', 'Came back', 'Coming back', 'Condition'].indexOf(column);
		return this.lines
			.locator('tbody')
			.getByRole('row')
			.nth(n - 1)
			.getByRole('cell')
			.nth(index);
	}

	async scan(code: string): Promise<void> {
		await this.scanner.scanUnfocused(code);
	}

	async findSale(term: string, receiptNo: string): Promise<void> {
		await this.search.fill(term);
		await this.find.click();
		await this.page.getByRole('button', { name: `Open sale ${receiptNo}` }).click();
		await expect(this.sale(receiptNo)).toBeVisible();
	}
}
