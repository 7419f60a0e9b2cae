import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** Stock Manager > Suppliers, and the supplier form. */
export class SuppliersPage extends AppShell {
	readonly table: Locator;
	readonly addButton: Locator;
	readonly name: Locator;
	readonly phone: Locator;
	readonly email: Locator;
	readonly saveButton: Locator;
	readonly alert: Locator;

	constructor(page: Page) {
		super(page);
		this.table = page.getByRole('table', { name: 'Suppliers' });
		this.addButton = page.getByRole('link', { name: 'Add supplier' });
		this.name = page.getByRole('textbox', { name: 'Name' });
		this.phone = page.getByRole('textbox', { name: 'Phone' });
		this.email = page.getByRole('textbox', { name: 'Email' });
		this.saveButton = page.getByRole('button', { name: 'Save supplier' });
		this.alert = this.main.getByRole('alert');
	}

	async goto(): Promise<void> {
		await this.page.goto('/suppliers');
		await expect(this.page.getByRole('heading', { name: 'Suppliers', level: 1 })).toBeVisible();
	}

	get rows(): Locator {
		return this.table.locator('tbody').getByRole('row');
	}

	row(name: string): Locator {
		return this.rows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
	}
}
