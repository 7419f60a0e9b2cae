import { describe, expect, it } from 'vitest';
import { ScannerSettings, SCANNER_SETTINGS_KEY } from './scanner-settings.svelte';
import { DEFAULT_WEDGE_SETTINGS } from './wedge-settings';

/** An in-memory localStorage. */
function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key)
	};
}

describe('ScannerSettings', () => {
	it('starts from the defaults', () => {
		const settings = new ScannerSettings(memoryStorage());
		expect(settings.wedge).toEqual(DEFAULT_WEDGE_SETTINGS);
		expect(settings.decoder).toBe('detector');
	});

	it('saves changes and reads them back on the next start, within bounds', () => {
		const storage = memoryStorage();
		const settings = new ScannerSettings(storage);
		settings.setWedge({ maxKeyGapMs: 60, prefix: '#' });
		settings.setWedge({ minLength: 0 });
		settings.decoder = 'zxing';
		const again = new ScannerSettings(storage);
		expect(again.wedge).toEqual({
			...DEFAULT_WEDGE_SETTINGS,
			maxKeyGapMs: 60,
			prefix: '#',
			minLength: 1
		});
		expect(again.decoder).toBe('zxing');
		again.resetWedge();
		expect(new ScannerSettings(storage).wedge).toEqual(DEFAULT_WEDGE_SETTINGS);
	});

	it('keeps what it can of partial or broken stored settings', () => {
		const partial = memoryStorage({ [SCANNER_SETTINGS_KEY]: JSON.stringify({ decoder: 'zxing' }) });
		expect(new ScannerSettings(partial).wedge).toEqual(DEFAULT_WEDGE_SETTINGS);
		expect(new ScannerSettings(partial).decoder).toBe('zxing');
		const broken = memoryStorage({ [SCANNER_SETTINGS_KEY]: '{not json' });
		expect(new ScannerSettings(broken).wedge).toEqual(DEFAULT_WEDGE_SETTINGS);
	});

	it('works without storage', () => {
		const settings = new ScannerSettings(null);
		settings.setWedge({ suffix: '!' });
		expect(settings.wedge.suffix).toBe('!');
	});
});
