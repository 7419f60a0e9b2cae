import type { Locator, Page } from '@playwright/test';

/** The header's "Scan with camera" button and the dialog it opens. */
export class CameraDialog {
	readonly button: Locator;
	readonly dialog: Locator;
	/** "Scanned: CODE", and why it was refused when it was. */
	readonly lastScan: Locator;
	/** "Decoder: … · 8.1 ms a frame · code read in 100% of 93 frames". */
	readonly decoderInfo: Locator;
	readonly framesRead: Locator;
	readonly closeButton: Locator;

	constructor(readonly page: Page) {
		this.button = page.getByRole('banner').getByRole('button', { name: 'Scan with camera' });
		this.dialog = page.getByRole('dialog', { name: 'Scan with camera' });
		this.lastScan = this.dialog.getByRole('status').filter({ hasText: /^Scanned:/ });
		this.decoderInfo = this.dialog.getByText(/^Decoder:/);
		this.framesRead = this.dialog.getByRole('status', { name: 'Frames read' });
		this.closeButton = this.dialog.getByRole('button', { name: 'Close' });
	}

	async open(): Promise<void> {
		await this.button.click();
	}

	/** How many frames the scanner has decoded so far (from the decoder line). */
	async framesDecoded(): Promise<number> {
		const text = await this.decoderInfo.innerText();
		return Number(/of ([\d,]+) frames/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
	}
}
