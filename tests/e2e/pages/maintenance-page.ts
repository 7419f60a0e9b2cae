import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** Settings > Maintenance: what the device holds, backup and restore. */
export class MaintenancePage extends AppShell {
	readonly backupButton: Locator;
	readonly backupStatus: Locator;
	readonly restoreFile: Locator;
	readonly restoreButton: Locator;
	readonly restoreSection: Locator;

	constructor(page: Page) {
		super(page);
		this.backupButton = page.getByRole('button', { name: 'Download backup' });
		this.backupStatus = page.getByRole('region', { name: 'Backup' }).getByRole('status');
		this.restoreSection = page.getByRole('region', { name: 'Restore' });
		this.restoreFile = page.getByLabel('Backup file');
		this.restoreButton = this.restoreSection.getByRole('button', { name: 'Restore' });
	}

	async goto(): Promise<void> {
		await this.page.goto('/settings/maintenance');
		await expect(this.page.getByRole('heading', { name: 'Maintenance', level: 1 })).toBeVisible();
	}

	/** Downloads a backup; returns the file's path on disk. */
	async downloadBackup(path: string): Promise<string> {
		const download = this.page.waitForEvent('download');
		await this.backupButton.click();
		const file = await download;
		await file.saveAs(path);
		await expect(this.backupStatus).toContainText('Backup saved as');
		return path;
	}

	async restore(path: string): Promise<void> {
		await this.restoreFile.setInputFiles(path);
		await this.restoreButton.click();
	}
}
