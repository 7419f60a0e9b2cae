import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

export interface ProductFields {
	name?: string;
	stockCode?: string;
	barcode?: string;
	price?: string;
	serialised?: boolean;
	customerWarrantyDays?: string;
}

/** Add product, and a product's Details tab: the same form. */
export class ProductFormPage extends AppShell {
	readonly name: Locator;
	readonly stockCode: Locator;
	readonly barcode: Locator;
	readonly price: Locator;
	readonly serialised: Locator;
	readonly customerWarrantyDays: Locator;
	readonly saveButton: Locator;
	/** "The product was not saved:" and the list of reasons. */
	readonly alert: Locator;
	readonly savedStatus: Locator;
	readonly tabs: Locator;

	constructor(page: Page) {
		super(page);
		this.name = page.getByRole('textbox', { name: 'Name', exact: true });
		this.stockCode = page.getByRole('textbox', { name: 'Stock code' });
		this.barcode = page.getByRole('textbox', { name: 'Product barcode' });
		this.price = page.getByRole('textbox', { name: 'Price' });
		this.serialised = page.getByRole('combobox', { name: 'Serialised Stock' });
		this.customerWarrantyDays = page.getByRole('textbox', { name: 'Customer Warranty In Days' });
		this.saveButton = page.getByRole('button', { name: 'Save product' });
		this.alert = this.main.getByRole('alert');
		this.savedStatus = this.main.getByRole('status').filter({ hasText: 'Saved' });
		this.tabs = page.getByRole('navigation', { name: 'Product' });
	}

	async gotoNew(): Promise<void> {
		await this.page.goto('/products/new');
		await expect(this.page.getByRole('heading', { name: 'Add product', level: 1 })).toBeVisible();
	}

	async gotoDetails(productId: string): Promise<void> {
		await this.page.goto(`/products/${productId}`);
		await expect(this.name).toBeVisible();
	}

	async fill(fields: ProductFields): Promise<void> {
		if (fields.name !== undefined) await this.name.fill(fields.name);
		if (fields.stockCode !== undefined) await this.stockCode.fill(fields.stockCode);
		if (fields.barcode !== undefined) await this.barcode.fill(fields.barcode);
		if (fields.price !== undefined) await this.price.fill(fields.price);
		if (fields.serialised !== undefined) {
			await this.serialised.selectOption({ label: fields.serialised ? 'Yes' : 'No' });
		}
		if (fields.customerWarrantyDays !== undefined) {
			await this.customerWarrantyDays.fill(fields.customerWarrantyDays);
		}
	}

	/** Adds component `n` (1-based) of a bundle: the product by its option text, and a quantity. */
	async addComponent(n: number, product: string, quantity = '1'): Promise<void> {
		await this.page.getByRole('button', { name: 'Add component' }).click();
		await this.page.getByLabel(`Component ${n}`, { exact: true }).selectOption({ label: product });
		await this.page.getByLabel(`Quantity, component ${n}`).fill(quantity);
	}

	async save(): Promise<void> {
		await this.saveButton.click();
	}

	async expectSerialisedShown(yes: boolean): Promise<void> {
		await expect(this.serialised.locator('option:checked')).toHaveText(yes ? 'Yes' : 'No');
	}
}
