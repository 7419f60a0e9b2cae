/**
 * The app's scanning, wired once by the root layout: the keyboard-wedge and
 * WebHID sources feed the page's scan bus, and scans no screen claimed mean
 * "find this" (scan-router.ts). The camera source is started by the camera
 * scanner component when it opens. Everything comes in through `deps`.
 */
import type { UnitrackDb } from '$lib/store/db';
import { scanMatches } from '$lib/store/queries';
import type { HidScanners } from './hid-source.svelte';
import type { ScanBus } from './scan-bus';
import { createScanRouter } from './scan-router';
import type { ScannerSettings } from './scanner-settings.svelte';
import { startWedgeSource } from './wedge-source';

export interface ScanningDeps {
	db: UnitrackDb;
	bus: ScanBus;
	settings: ScannerSettings;
	hid: HidScanners;
	/** Opens a page (SvelteKit's goto). */
	open: (href: string) => unknown;
}

/** Starts every always-on scanner source; returns the stop. */
export function startScanning({ db, bus, settings, hid, open }: ScanningDeps): () => void {
	bus.setDefault(createScanRouter({ find: (code) => scanMatches(db, code), open }));
	const wedge = startWedgeSource({ bus, settings: () => settings.wedge });
	void hid.start();
	return () => {
		wedge.stop();
		hid.stop();
		bus.setDefault(null);
	};
}
