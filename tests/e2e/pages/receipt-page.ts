import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, definition } from './app-shell';

/** The page a receipt lands on: "N serials generated", the facts, the serials, printing. */
export class ReceiptPage extends AppShell {
	readonly heading: Locator;
	readonly saved: Locator;
	readonly serialList: Locator;
	readonly printButton: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { level: 1, name: /generated$/ });
		this.saved = this.main.getByRole('status');
		this.serialList = page.getByRole('list', { name: 'Serials generated' });
		this.printButton = page.getByRole('button', { name: 'Print Bar code/Labels' });
	}

	async expectGenerated(count: number): Promise<void> {
		await expect(this.page).toHaveURL(/\/receipts\/[^/]+$/);
		await expect(this.heading).toHaveText(
			`${count.toLocaleString('en')} ${count === 1 ? 'serial' : 'serials'} generated`
		);
	}

	fact(term: string): Locator {
		return definition(this.main, term);
	}

	/** The serials shown on screen (the list renders the rows in view: use for short lists). */
	async shownSerials(): Promise<string[]> {
		return (await this.serialList.getByRole('link').allInnerTexts()).map((s) => s.trim());
	}

	get receiptId(): string {
		return new URL(this.page.url()).pathname.split('/').pop() ?? '';
	}
}
