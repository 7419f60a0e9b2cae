/**
 * What the screens and components of one page use of the app, handed down
 * from the root layout by Svelte context instead of imported as module
 * singletons: the current store's tables and runtime, the scan stream with
 * the scanner settings and HID scanners, the POS cart, the printer. A second
 * store, a test page or another tab makes its own and no screen changes.
 */
import { getContext, setContext } from 'svelte';
import type { Printer } from '$lib/labels/print-adapter';
import type { HidScanners } from '$lib/scan/hid-source.svelte';
import type { ScanBus } from '$lib/scan/scan-bus';
import type { ScannerSettings } from '$lib/scan/scanner-settings.svelte';
import type { Runtime } from '$lib/services/runtime';
import type { StoreDirectory } from '$lib/services/stores';
import type { UnitrackDb } from '$lib/store/db';
import type { Cart } from './pos/cart.svelte';

export interface AppContext {
	/** The current store's projected tables, ready to read at once. */
	db: UnitrackDb;
	/** The current store's runtime: anything that writes awaits it. */
	runtime: () => Promise<Runtime>;
	/** The stores this device holds. */
	stores: () => StoreDirectory;
	scanBus: ScanBus;
	scannerSettings: ScannerSettings;
	hidScanners: HidScanners;
	/** The POS cart: one per page load, kept while the person visits other screens. */
	posCart: Cart;
	printer: Printer;
}

const KEY = Symbol('app');

export function provideApp(app: AppContext): AppContext {
	setContext(KEY, app);
	return app;
}

export function useApp(): AppContext {
	const app = getContext<AppContext | undefined>(KEY);
	if (!app) throw new Error('useApp outside the root layout');
	return app;
}
