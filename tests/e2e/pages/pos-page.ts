import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { WedgeScanner } from './wedge-scanner';

/** The POS: cart lines, the Serialized panel, customer, payment and the receipt. */
export class PosPage extends AppShell {
	readonly cart: Locator;
	readonly stockCode: Locator;
	readonly addProduct: Locator;
	readonly amountPaid: Locator;
	readonly exactAmount: Locator;
	readonly complete: Locator;
	readonly abandon: Locator;
	readonly alert: Locator;
	readonly status: Locator;
	readonly receipt: Locator;
	readonly scanner: WedgeScanner;

	constructor(page: Page) {
		super(page);
		this.cart = page.getByRole('table', { name: 'Cart' });
		this.stockCode = page.getByLabel('Stock code or barcode');
		this.addProduct = page.getByRole('button', { name: 'Add to cart' });
		this.amountPaid = page.getByLabel('Amount paid');
		this.exactAmount = page.getByRole('button', { name: 'Exact amount' });
		this.complete = page.getByRole('button', { name: 'Complete sale' });
		this.abandon = page.getByRole('button', { name: 'Abandon sale' });
		this.alert = this.main.getByRole('alert');
		this.status = this.main.getByRole('status');
		this.receipt = page.getByRole('region', { name: /^Receipt / });
		this.scanner = new WedgeScanner(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/pos');
		await expect(this.page.getByRole('heading', { name: 'POS', level: 1 })).toBeVisible();
	}

	/** A wedge scan with no field focused. */
	async scan(code: string): Promise<void> {
		await this.scanner.scanUnfocused(code);
	}

	line(n: number): Locator {
		return this.cart
			.locator('tbody')
			.getByRole('row')
			.nth(n - 1);
	}

	price(n: number): Locator {
		return this.page.getByLabel(`Price, line ${n}`);
	}

	quantity(n: number): Locator {
		return this.page.getByLabel(`Quantity, line ${n}`);
	}

	serialized(n: number): Locator {
		return this.line(n).getByRole('button', { name: 'Serialized' });
	}

	serialPanel(productName: string): Locator {
		return this.page.getByRole('region', { name: `Serials of ${productName}` });
	}

	async addByStockCode(code: string): Promise<void> {
		await this.stockCode.fill(code);
		await this.addProduct.click();
	}

	/** The receipt number of the receipt on screen. */
	async receiptNo(): Promise<string> {
		const heading = await this.receipt.getByRole('heading').innerText();
		return heading.replace(/^Receipt\s+/, '').trim();
	}
}
