import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, definition } from './app-shell';

/** One unit: where it came from, its warranty, and every event of its life. */
export class UnitPage extends AppShell {
	readonly heading: Locator;
	readonly history: Locator;
	/** The unit's status badge under its serial (the first badge on the page). */
	readonly status: Locator;
	/** Who holds the unit, beside its status ("in a cart on device …", "Sale …", "Ticket …"). */
	readonly holder: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { level: 1 });
		this.history = page.getByRole('table', { name: 'History' });
		this.status = this.main.locator('.badge').first();
		this.holder = this.status.locator('xpath=following-sibling::span[1]');
	}

	fact(term: string): Locator {
		return definition(this.main, term);
	}

	get historyRows(): Locator {
		return this.history.locator('tbody').getByRole('row');
	}

	/** Each history row as { When, What happened, Device }. */
	async historyValues(): Promise<Record<string, string>[]> {
		await expect(this.historyRows.first()).toBeVisible();
		const headers = (await this.history.getByRole('columnheader').allInnerTexts()).map((h) =>
			h.trim()
		);
		const out: Record<string, string>[] = [];
		for (const row of await this.historyRows.all()) {
			const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
			out.push(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
		}
		return out;
	}
}
