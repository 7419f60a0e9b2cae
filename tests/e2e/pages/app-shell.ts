import type { Locator, Page } from '@playwright/test';

/** The header every screen shares: the main navigation and the "Find serial" box. */
export class AppShell {
	readonly nav: Locator;
	readonly findBox: Locator;
	/** The screen's own content, without the header. */
	readonly main: Locator;

	constructor(readonly page: Page) {
		this.nav = page.getByRole('navigation', { name: 'Main' });
		this.findBox = page.getByRole('searchbox', { name: 'Find serial' });
		this.main = page.getByRole('main');
	}

	async openFromNav(label: 'Stock' | 'Products' | 'Suppliers' | 'Settings'): Promise<void> {
		await this.nav.getByRole('link', { name: label, exact: true }).click();
	}

	/** Types a serial into the header's search and presses Enter, as a scanner would. */
	async findSerial(serial: string): Promise<void> {
		await this.findBox.fill(serial);
		await this.findBox.press('Enter');
	}
}

/** The <dd> that follows the <dt> named `term` in a definition list (the facts blocks). */
export function definition(scope: Page | Locator, term: string): Locator {
	return scope
		.getByRole('term')
		.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(term)}\\s*$`) })
		.locator('xpath=following-sibling::dd[1]');
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
