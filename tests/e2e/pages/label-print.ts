import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** Print Bar code/Labels: choices, the too-long list, progress, the true-size preview, printing. */
export class LabelPrintPage extends AppShell {
	readonly heading: Locator;
	readonly template: Locator;
	readonly dpi: Locator;
	readonly copies: Locator;
	readonly startAt: Locator;
	readonly shiftRight: Locator;
	readonly shiftDown: Locator;
	readonly progress: Locator;
	readonly printButton: Locator;
	readonly testLabelButton: Locator;
	/** The alert that lists labels left out because they cannot be printed readably. */
	readonly leftOut: Locator;
	readonly preview: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { name: 'Print Bar code/Labels', level: 1 });
		this.template = page.getByLabel('Label template');
		this.dpi = page.getByLabel('Printer resolution');
		this.copies = page.getByLabel('Copies of each label');
		this.startAt = page.getByLabel('Start at label');
		this.shiftRight = page.getByLabel('Shift right (mm)');
		this.shiftDown = page.getByLabel('Shift down (mm)');
		this.progress = page.getByRole('status', { name: 'Label progress' });
		this.printButton = this.main.getByRole('button', { name: /^Print \d[\d,]* labels?$/ });
		this.testLabelButton = page.getByRole('button', { name: 'Print test label' });
		this.leftOut = this.main.getByRole('alert').filter({ hasText: 'cannot be printed readably' });
		this.preview = page.getByRole('region', { name: 'Label preview' });
	}

	/** Picks a template and printer resolution and waits until every label is rendered. */
	async choose(options: {
		template?: string;
		dpi?: 203 | 300;
		copies?: number;
		startAt?: number;
	}): Promise<void> {
		if (options.template) await this.template.selectOption({ label: options.template });
		if (options.dpi) await this.dpi.selectOption({ label: `${options.dpi} dpi` });
		if (options.copies !== undefined) await this.copies.fill(String(options.copies));
		if (options.startAt !== undefined) await this.startAt.fill(String(options.startAt));
	}

	/** Waits for "N labels ready to print". */
	async expectReady(count: number, timeout = 60_000): Promise<void> {
		const n = count.toLocaleString('en');
		await expect(this.progress).toHaveText(
			`${n} ${count === 1 ? 'label' : 'labels'} ready to print`,
			{ timeout }
		);
		await expect(this.printButton).toBeEnabled();
	}

	/** The labels' barcodes in the preview, in order: code and dots per module. */
	async barcodes(): Promise<{ code: string; dots: number }[]> {
		return this.preview.getByRole('img', { name: /^Barcode / }).evaluateAll((svgs) =>
			svgs.map((svg) => ({
				code: (svg.getAttribute('aria-label') ?? '').replace(/^Barcode /, ''),
				dots: Number(svg.getAttribute('data-dots'))
			}))
		);
	}

	/** The document as the printer gets it, on the template's own page size. */
	async pdf(): Promise<Buffer> {
		return this.page.pdf({ preferCSSPageSize: true, printBackground: true });
	}
}
