/**
 * "First visit": a device that has never opened Unitrack has an empty store,
 * and the prerendered first screen can say so before any JavaScript arrives
 * (routes/stock). A script inline in src/app.html's head marks
 * <html data-first-visit> when no service worker controls the page (a page
 * under ours was opened before) and the device has no OPENED_KEY in
 * localStorage, which the app stores once it runs (the layout's onMount);
 * CSS then shows the empty-store card instead of "Opening…".
 */

/** The localStorage key; src/app.html reads the same one. */
export const OPENED_KEY = 'unitrack:opened';

/**
 * Marks this device as having opened the app. Storage may be out of reach
 * (a sandboxed frame) or refuse (quota): then the next visit shows
 * "Opening…" or the card, and both are right.
 */
export function markOpened(storage: () => Pick<Storage, 'setItem'>): void {
	try {
		storage().setItem(OPENED_KEY, '1');
	} catch {
		// See above.
	}
}
