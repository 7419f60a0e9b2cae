import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, definition } from './app-shell';

export class SettingsPage extends AppShell {
	readonly deviceId: Locator;
	readonly eventCount: Locator;
	readonly loadDemoButton: Locator;
	readonly customerRequired: Locator;

	constructor(page: Page) {
		super(page);
		const device = page.getByRole('region', { name: 'This device' });
		this.deviceId = definition(device, 'Device id');
		this.eventCount = definition(device, 'Events in the log');
		this.loadDemoButton = page.getByRole('button', { name: 'Load demo data' });
		this.customerRequired = page.getByRole('checkbox', {
			name: 'Customer required for serialised sales'
		});
	}

	async goto(): Promise<void> {
		await this.page.goto('/settings');
		await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
	}

	/** This device's id, once the log is open. */
	async readDeviceId(): Promise<string> {
		await expect(this.deviceId).toHaveText(/^[a-z0-9]{6,}$/);
		return (await this.deviceId.innerText()).trim();
	}
}
