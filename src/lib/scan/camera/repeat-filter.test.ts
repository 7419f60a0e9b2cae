import { describe, expect, it } from 'vitest';
import { RepeatFilter } from './repeat-filter';

describe('RepeatFilter', () => {
	it('takes the first sighting of a code as a scan', () => {
		expect(new RepeatFilter(1500).isNew('SN1', 0)).toBe(true);
	});

	it('takes the same code seen again within the window as the same scan', () => {
		const filter = new RepeatFilter(1500);
		expect(filter.isNew('SN1', 0)).toBe(true);
		expect(filter.isNew('SN1', 33)).toBe(false);
		expect(filter.isNew('SN1', 1499)).toBe(false);
	});

	it('restarts the window on every sighting: a label held in view is one scan', () => {
		const filter = new RepeatFilter(1500);
		expect(filter.isNew('SN1', 0)).toBe(true);
		for (let t = 1000; t <= 10_000; t += 1000) expect(filter.isNew('SN1', t)).toBe(false);
	});

	it('takes the same code as a new scan once it has been out of view for the window', () => {
		const filter = new RepeatFilter(1500);
		filter.isNew('SN1', 0);
		expect(filter.isNew('SN1', 1500)).toBe(true);
	});

	it('takes a different code at once, and the first code again after it', () => {
		const filter = new RepeatFilter(1500);
		expect(filter.isNew('SN1', 0)).toBe(true);
		expect(filter.isNew('SN2', 40)).toBe(true);
		expect(filter.isNew('SN1', 80)).toBe(true);
	});

	it('forgets everything on reset', () => {
		const filter = new RepeatFilter(1500);
		filter.isNew('SN1', 0);
		filter.reset();
		expect(filter.isNew('SN1', 10)).toBe(true);
	});
});
