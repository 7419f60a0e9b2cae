import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** Stock Manager > Stock: every product with its On hand figure and its Action. */
export class StockPage extends AppShell {
	readonly heading: Locator;
	readonly search: Locator;
	readonly table: Locator;
	readonly loadDemoButton: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { name: 'Stock', level: 1 });
		this.search = page.getByRole('searchbox', { name: 'Search stock' });
		this.table = page.getByRole('table', { name: 'Stock' });
		this.loadDemoButton = page.getByRole('button', { name: 'Load demo data' });
	}

	async goto(): Promise<void> {
		await this.page.goto('/stock');
		await expect(this.heading).toBeVisible();
	}

	/** The data rows (not the header row). */
	get rows(): Locator {
		return this.table.locator('tbody').getByRole('row');
	}

	row(productName: string): Locator {
		return this.rows.filter({
			has: this.page.getByRole('link', { name: productName, exact: true })
		});
	}

	/** The cell of `productName`'s row under the column headed `column`. */
	async cell(productName: string, column: string): Promise<Locator> {
		await expect(this.table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
		const headers = await this.table.getByRole('columnheader').allInnerTexts();
		const index = headers.findIndex((h) => h.trim() === column);
		if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
		return this.row(productName).getByRole('cell').nth(index);
	}

	async expectOnHand(productName: string, count: number): Promise<void> {
		await expect(await this.cell(productName, 'On hand')).toHaveText(count.toLocaleString('en'));
	}

	generateSerialButton(productName: string): Locator {
		return this.row(productName).getByRole('button', { name: 'Generate Serial' });
	}

	receiveLink(productName: string): Locator {
		return this.row(productName).getByRole('link', { name: 'Receive', exact: true });
	}

	/** The names of the products listed, top to bottom. */
	async productNames(): Promise<string[]> {
		const names: string[] = [];
		for (const row of await this.rows.all()) {
			names.push(
				(await row.getByRole('cell').first().getByRole('link').first().innerText()).trim()
			);
		}
		return names;
	}

	async searchFor(term: string): Promise<void> {
		await this.search.fill(term);
	}
}
