/**
 * Scan anywhere: what a scan means when the screen in front has not claimed
 * the scan stream (scan-bus.ts). A unit's serial opens that unit (or, when
 * two products have a unit with that serial, the page that asks which); a
 * product's barcode or stock code opens the product; anything else is
 * rejected with the code in the message, so the person sees what was read.
 */
import type { ScanMatches } from '$lib/store/queries';
import { unitHref } from '$lib/ui/format';
import type { ScanHandler, ScanOutcome } from './scan-bus';

export interface ScanRouterDeps {
	/** The units and products a code names (queries.ts scanMatches). */
	find: (code: string) => Promise<ScanMatches>;
	/** Opens a page of the app (SvelteKit's goto). */
	open: (href: string) => unknown;
}

export function unknownCodeMessage(code: string): string {
	return `No unit or product matches “${code}”`;
}

export function createScanRouter({ find, open }: ScanRouterDeps): ScanHandler {
	// Navigation is not awaited: the beep must not wait for the next page.
	const go = (href: string): ScanOutcome => {
		void Promise.resolve(open(href)).catch((error: unknown) =>
			console.error('could not open', href, error)
		);
		return { ok: true };
	};
	return async (scan) => {
		const code = scan.code.trim();
		if (!code) return { ok: false, message: 'Empty scan ignored' };
		const { units, products, serial, problem } = await find(code);
		if (problem) return { ok: false, message: problem };
		const [unit] = units;
		if (unit && units.length === 1) return go(unitHref(unit.productId, unit.serial));
		if (units.length > 1) return go(`/find?serial=${encodeURIComponent(serial)}`);
		// Barcode matches come first; stock codes are unique, barcodes need not be.
		const [product] = products;
		if (product) return go(`/products/${encodeURIComponent(product.id)}/stock`);
		return { ok: false, message: unknownCodeMessage(code) };
	};
}
