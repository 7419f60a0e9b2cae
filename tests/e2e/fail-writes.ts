/**
 * IndexedDB failures injected under the app, as a full disk or a broken
 * write makes them: the log's object store (`updates`) throws from add or
 * put, a DOMException of the given name, for the next `writes` writes.
 * Installed before the app's scripts on every page of the target; does
 * nothing until `failLogWrites` arms it.
 */
import type { BrowserContext, Page } from '@playwright/test';

export async function installWriteFailures(target: Page | BrowserContext): Promise<void> {
	await target.addInitScript(() => {
		const state = { writes: 0, name: 'QuotaExceededError' };
		(window as unknown as { __failLog: typeof state }).__failLog = state;
		const proto = IDBObjectStore.prototype;
		for (const method of ['add', 'put'] as const) {
			// Wrapped and called with the store as `this`, as IndexedDB calls it.
			// eslint-disable-next-line @typescript-eslint/unbound-method
			const original = proto[method];
			proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
				const fail = (window as unknown as { __failLog: typeof state }).__failLog;
				if (this.name === 'updates' && fail.writes > 0) {
					fail.writes--;
					throw new DOMException(
						fail.name === 'QuotaExceededError'
							? 'The quota has been exceeded.'
							: 'The write failed.',
						fail.name
					);
				}
				return original.apply(this, args);
			};
		}
	});
}

/** Makes the next `writes` writes to the log's rows fail (see installWriteFailures). */
export function failLogWrites(
	page: Page,
	writes: number,
	name = 'QuotaExceededError'
): Promise<void> {
	return page.evaluate(
		([writes, name]) => {
			(window as unknown as { __failLog: { writes: number; name: string } }).__failLog = {
				writes,
				name
			};
		},
		[writes, name] as const
	);
}
