import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** Settings > Store and sync > Sync through a hub. */
export class HubSyncSection extends AppShell {
	readonly section: Locator;
	readonly address: Locator;
	readonly token: Locator;
	readonly state: Locator;

	constructor(page: Page) {
		super(page);
		this.section = page.getByRole('region', { name: 'Sync through a hub' });
		this.address = this.section.getByLabel('Hub address');
		this.token = this.section.getByLabel('Device token');
		this.state = this.section.getByRole('status');
	}

	async goto(): Promise<void> {
		await this.page.goto('/settings');
		await expect(this.section).toBeVisible();
	}

	/** Enters the hub and this device's token and syncs through it. */
	async use(address: string, token: string): Promise<void> {
		await this.address.fill(address);
		await this.token.fill(token);
		await this.section.getByRole('button', { name: 'Sync through the hub' }).click();
	}
}

/** Settings > Devices: a manager's view of the hub's device tokens. */
export class HubDevicesSection extends AppShell {
	readonly section: Locator;
	readonly tokens: Locator;

	constructor(page: Page) {
		super(page);
		this.section = page.getByRole('region', { name: 'Devices', exact: true });
		this.tokens = this.section.getByRole('table', { name: 'Device tokens' });
	}

	async open(address: string, admin: string): Promise<void> {
		await this.page.goto('/settings');
		await this.section.getByLabel('Hub address').fill(address);
		await this.section.getByLabel('Hub admin token').fill(admin);
		await this.section.getByRole('button', { name: 'Show device tokens' }).click();
		await expect(this.tokens).toBeVisible();
	}

	/** Issues a token for a device and returns it as shown. */
	async issue(deviceName: string): Promise<string> {
		await this.section.getByLabel('Device name').fill(deviceName);
		await this.section.getByRole('button', { name: 'Issue token' }).click();
		const shown = this.section.getByRole('textbox', { name: `Device token for ${deviceName}` });
		await expect(shown).toHaveValue(/^uth_/);
		await expect(this.row(deviceName)).toBeVisible();
		return shown.inputValue();
	}

	row(deviceName: string): Locator {
		return this.tokens
			.getByRole('row')
			.filter({ has: this.page.getByRole('cell', { name: deviceName, exact: true }) });
	}

	async revoke(deviceName: string): Promise<void> {
		this.page.once('dialog', (dialog) => void dialog.accept());
		await this.row(deviceName)
			.getByRole('button', { name: `Revoke ${deviceName}` })
			.click();
		await expect(this.section.getByRole('status')).toContainText(`Revoked: ${deviceName}`);
		await expect(this.row(deviceName)).toHaveCount(0);
	}
}
