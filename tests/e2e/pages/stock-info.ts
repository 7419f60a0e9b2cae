import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** A product's Stock Info tab: its units with serial, status, supplier and dates. */
export class StockInfoPage extends AppShell {
	readonly onHand: Locator;
	readonly generateSerialButton: Locator;
	readonly search: Locator;
	readonly status: Locator;
	readonly table: Locator;
	readonly shownCount: Locator;

	constructor(page: Page) {
		super(page);
		this.onHand = this.main.getByText(/on hand/);
		this.generateSerialButton = this.main.getByRole('button', { name: 'Generate Serial' });
		this.search = page.getByRole('searchbox', { name: 'Search serials' });
		this.status = page.getByRole('combobox', { name: 'Status' });
		this.table = page.getByRole('table', { name: 'Units' });
		this.shownCount = this.main.getByText(/^Showing \d[\d,]* of \d[\d,]* units$/);
	}

	async goto(productId: string): Promise<void> {
		await this.page.goto(`/products/${productId}/stock`);
		await expect(this.page.getByRole('link', { name: 'Stock Info' })).toBeVisible();
	}

	get rows(): Locator {
		return this.table.locator('tbody').getByRole('row');
	}

	row(serial: string): Locator {
		return this.rows.filter({ has: this.page.getByRole('link', { name: serial, exact: true }) });
	}

	/** The text of every cell of a unit's row, by column header. */
	async rowValues(serial: string): Promise<Record<string, string>> {
		await expect(this.row(serial)).toBeVisible();
		const headers = (await this.table.getByRole('columnheader').allInnerTexts()).map((h) =>
			h.trim()
		);
		const cells = (await this.row(serial).getByRole('cell').allInnerTexts()).map((c) => c.trim());
		return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
	}

	/** Waits until exactly these serials are listed, in this order. */
	async expectSerials(serials: string[]): Promise<void> {
		if (serials.length === 0) {
			await expect(this.rows).toHaveText(['No units match.']);
			return;
		}
		await expect(this.rows.locator('td:first-child')).toHaveText(serials);
	}

	async expectOnHand(count: number): Promise<void> {
		await expect(this.onHand).toHaveText(new RegExp(`^${count.toLocaleString('en')} on hand`));
	}
}
