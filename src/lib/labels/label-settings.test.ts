import { describe, expect, it } from 'vitest';
import {
	LABEL_SETTINGS_KEY,
	LabelSettings,
	normaliseLabelSettings,
	normaliseOffset
} from './label-settings.svelte';

function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

describe('label settings', () => {
	it('starts from the defaults', () => {
		const settings = new LabelSettings(memoryStorage());
		expect(settings.template).toBe('roll-50x25');
		expect(settings.dpi).toBe(203);
		expect(settings.fields).toEqual({ price: false, stockCode: true, storeName: false });
		expect(settings.offset('a4-3x8')).toEqual({ x: 0, y: 0 });
	});

	it('keeps offsets per template on this device, across reloads', () => {
		const storage = memoryStorage();
		const settings = new LabelSettings(storage);
		settings.template = 'letter-3x10';
		settings.dpi = 300;
		settings.setOffset('letter-3x10', { x: 1.26 });
		settings.setOffset('letter-3x10', { y: -0.7 });
		settings.setField('price', true);
		settings.storeName = 'Camden';
		const again = new LabelSettings(storage);
		expect(again.template).toBe('letter-3x10');
		expect(again.dpi).toBe(300);
		expect(again.offset('letter-3x10')).toEqual({ x: 1.3, y: -0.7 });
		expect(again.offset('roll-50x25')).toEqual({ x: 0, y: 0 });
		expect(again.fields.price).toBe(true);
		expect(again.storeName).toBe('Camden');
		expect(storage.items.has(LABEL_SETTINGS_KEY)).toBe(true);
	});

	it('repairs whatever is stored', () => {
		expect(normaliseOffset(25)).toBe(10);
		expect(normaliseOffset('x')).toBe(0);
		expect(normaliseOffset(-0.04)).toBe(0);
		expect(
			normaliseLabelSettings({
				unitBarcode: 'qr',
				template: 'a9',
				dpi: 600,
				fields: { price: 'yes' },
				storeName: 7,
				offsets: { nope: { x: 1 }, 'a4-3x8': { x: '2', y: null } }
			})
		).toEqual({
			unitBarcode: 'code128',
			template: 'roll-50x25',
			dpi: 203,
			fields: { price: false, stockCode: true, storeName: false },
			storeName: '',
			offsets: { 'a4-3x8': { x: 2, y: 0 } }
		});
		expect(new LabelSettings(memoryStorage({ [LABEL_SETTINGS_KEY]: '{not json' })).template).toBe(
			'roll-50x25'
		);
		expect(new LabelSettings(null).dpi).toBe(203);
	});
});
