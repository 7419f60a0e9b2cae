/**
 * The app's scanning, wired once by the root layout: the keyboard-wedge and
 * WebHID sources feed the one scan bus, and scans no screen claimed mean
 * "find this" (scan-router.ts). The camera source is started by the camera
 * scanner component when it opens.
 */
import type { UnitrackDb } from '$lib/store/db';
import { scanMatches } from '$lib/store/queries';
import { createHidScanners } from './hid-source.svelte';
import { scanBus } from './scan-bus';
import { createScanRouter } from './scan-router';
import { scannerSettings } from './scanner-settings.svelte';
import { startWedgeSource } from './wedge-source';

/** The page's HID POS scanners (the scanner settings page connects them). */
export const hidScanners = createHidScanners(scanBus);

export interface ScanningDeps {
	db: UnitrackDb;
	/** Opens a page (SvelteKit's goto). */
	open: (href: string) => unknown;
}

/** Starts every always-on scanner source; returns the stop. */
export function startScanning({ db, open }: ScanningDeps): () => void {
	scanBus.setDefault(createScanRouter({ find: (code) => scanMatches(db, code), open }));
	const wedge = startWedgeSource({ bus: scanBus, settings: () => scannerSettings.wedge });
	void hidScanners.start();
	return () => {
		wedge.stop();
		hidScanners.stop();
		scanBus.setDefault(null);
	};
}
