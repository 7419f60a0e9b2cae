import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';
import { WedgeScanner } from './wedge-scanner';

/** The repair Ticket: customer, device, Product/Service, the Serialized panel, charging. */
export class TicketPage extends AppShell {
	readonly heading: Locator;
	readonly save: Locator;
	readonly search: Locator;
	readonly parts: Locator;
	readonly amountPaid: Locator;
	readonly exactAmount: Locator;
	readonly charge: Locator;
	readonly alert: Locator;
	readonly status: Locator;
	readonly receipt: Locator;
	readonly scanner: WedgeScanner;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { level: 1 });
		this.save = page.getByRole('button', { name: 'Save ticket' });
		this.search = page.getByLabel('Search products and services');
		this.parts = page.getByRole('table', { name: 'Parts and services' });
		this.amountPaid = page.getByLabel('Amount paid');
		this.exactAmount = page.getByRole('button', { name: 'Exact amount' });
		this.charge = page.getByRole('button', { name: 'Complete and charge' });
		this.alert = this.main.getByRole('alert');
		this.status = this.main.getByRole('status');
		this.receipt = page.getByRole('region', { name: /^Receipt / });
		this.scanner = new WedgeScanner(page);
	}

	/** Opens a new ticket from the Tickets list. */
	async create(): Promise<void> {
		await this.page.goto('/tickets');
		await this.nav.getByRole('link', { name: 'Tickets', exact: true }).waitFor();
		await this.page.getByRole('button', { name: 'New ticket' }).click();
		await expect(this.heading).toHaveText('New ticket');
	}

	async fill(details: { customer: string; device: string; imei: string; problem: string }) {
		await this.page.getByLabel('Customer name').fill(details.customer);
		await this.page.getByLabel('Device', { exact: true }).fill(details.device);
		await this.page.getByLabel('Device serial or IMEI').fill(details.imei);
		await this.page.getByLabel('Problem').fill(details.problem);
	}

	async addPart(search: string, name: string): Promise<void> {
		await this.search.fill(search);
		await this.page.getByRole('button', { name: `Add ${name}` }).click();
	}

	line(n: number): Locator {
		return this.parts
			.locator('tbody')
			.getByRole('row')
			.nth(n - 1);
	}

	serialized(n: number): Locator {
		return this.line(n).getByRole('button', { name: 'Serialized' });
	}

	/** Opens line `n`'s serial panel with its Serialized button, unless it is open already. */
	async openSerials(n: number): Promise<void> {
		const button = this.serialized(n);
		if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
		await expect(button).toHaveAttribute('aria-pressed', 'true');
	}

	serialPanel(name: string): Locator {
		return this.page.getByRole('region', { name: `Serials of ${name}` });
	}

	/** A wedge scan with no field focused (key times stamped through CDP, see WedgeScanner). */
	async scan(code: string): Promise<void> {
		await this.scanner.scanUnfocused(code);
	}
}
