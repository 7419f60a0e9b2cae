import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The header's sync state, on every screen. */
export function syncStatus(page: Page): Locator {
	return page.getByRole('banner').getByRole('link', { name: /^Sync: / });
}

/** Settings > Store and sync. */
export class StoreSyncSection extends AppShell {
	readonly section: Locator;
	readonly storeName: Locator;
	readonly createButton: Locator;
	readonly pairingCode: Locator;
	readonly qrImage: Locator;
	readonly deviceName: Locator;
	readonly devices: Locator;

	constructor(page: Page) {
		super(page);
		this.section = page.getByRole('region', { name: 'Store and sync' });
		this.storeName = this.section.getByLabel('Store name');
		this.createButton = this.section.getByRole('button', { name: 'Create store' });
		this.pairingCode = this.section.getByRole('textbox', { name: 'Pairing code' });
		this.qrImage = this.section.getByRole('img', { name: /^Pairing QR code/ });
		this.deviceName = this.section.getByRole('textbox', { name: "This device's name" });
		this.devices = this.section.getByRole('table', { name: 'Devices' });
	}

	async goto(): Promise<void> {
		await this.page.goto('/settings');
		await expect(this.section).toBeVisible();
	}

	/** Creates the store on this (first) device and returns its pairing code. */
	async createStore(name: string): Promise<string> {
		await this.goto();
		await this.storeName.fill(name);
		await this.createButton.click();
		return this.showPairingCode();
	}

	async showPairingCode(): Promise<string> {
		await this.section.getByRole('button', { name: 'Show pairing code' }).click();
		await expect(this.qrImage).toBeVisible();
		return this.pairingCode.inputValue();
	}

	async renameDevice(name: string): Promise<void> {
		await this.deviceName.fill(name);
		await this.section.getByRole('button', { name: 'Save name' }).click();
		await expect(this.section.getByRole('button', { name: 'Saved' })).toBeVisible();
	}

	/** The row of a device in the Devices table. */
	device(name: string): Locator {
		return this.devices
			.getByRole('row')
			.filter({ has: this.page.getByRole('cell', { name, exact: true }) });
	}
}

/** Join a store: scan or paste the pairing code, then confirm. */
export class JoinPage extends AppShell {
	readonly heading: Locator;
	readonly code: Locator;
	readonly scanButton: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { name: 'Join a store', level: 1 });
		this.code = page.getByRole('textbox', { name: 'Pairing code' });
		this.scanButton = page.getByRole('button', { name: 'Scan with the camera' });
	}

	async goto(): Promise<void> {
		await this.page.goto('/join');
		await expect(this.heading).toBeVisible();
	}

	confirmHeading(store: string): Locator {
		return this.page.getByRole('heading', { name: `Join ${store}?` });
	}

	joinButton(store: string): Locator {
		return this.page.getByRole('button', { name: `Join ${store}` });
	}

	async paste(code: string): Promise<void> {
		await this.code.fill(code);
		await this.page.getByRole('button', { name: 'Read pairing code' }).click();
	}

	/** Pastes the code and joins; lands on Settings. */
	async joinByPaste(code: string, store: string): Promise<void> {
		await this.goto();
		await this.paste(code);
		await this.joinButton(store).click();
		await expect(this.page).toHaveURL(/\/settings/);
	}
}

/** Conflicts: one card per unit, with its events and the resolve form. */
export class ConflictsPage extends AppShell {
	readonly heading: Locator;
	readonly navLink: Locator;

	constructor(page: Page) {
		super(page);
		this.heading = page.getByRole('heading', { name: 'Conflicts', level: 1 });
		this.navLink = this.nav.getByRole('link', { name: /^Conflicts/ });
	}

	async goto(): Promise<void> {
		await this.navLink.click();
		await expect(this.heading).toBeVisible();
	}

	/** The count on the menu ("Conflicts 2 open"); 0 when it shows none. */
	async expectCount(n: number): Promise<void> {
		await expect(this.navLink).toHaveAccessibleName(n === 0 ? 'Conflicts' : `Conflicts ${n} open`);
	}

	card(serial: string): Locator {
		return this.page.getByRole('region', { name: new RegExp(`^${serial}\\b`) });
	}

	events(serial: string): Locator {
		return this.card(serial)
			.getByRole('table', { name: `Events of ${serial}` })
			.locator('tbody')
			.getByRole('row');
	}

	async resolve(serial: string, status: string, note = ''): Promise<void> {
		const card = this.card(serial);
		await card.getByLabel('The unit is really').selectOption({ label: status });
		if (note) await card.getByLabel('Note (optional)').fill(note);
		await card.getByRole('button', { name: `Resolve ${serial}` }).click();
		await expect(card).toHaveCount(0);
	}
}
