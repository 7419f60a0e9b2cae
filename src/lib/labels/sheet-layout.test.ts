import { describe, expect, it } from 'vitest';
import { clampCopies, clampStartAt, layoutPages, MAX_COPIES } from './sheet-layout';
import { templateById } from './templates';

const a4 = templateById('a4-3x8')!;
const roll = templateById('roll-50x25')!;

describe('sheet layout', () => {
	it('puts one label a page on a roll, copies together', () => {
		const pages = layoutPages(roll, 2, 3, 7);
		expect(pages).toHaveLength(6);
		expect(pages.map((p) => p.labels.map((l) => [l.item, l.copy, l.slot]))).toEqual([
			[[0, 0, 0]],
			[[0, 1, 0]],
			[[0, 2, 0]],
			[[1, 0, 0]],
			[[1, 1, 0]],
			[[1, 2, 0]]
		]);
	});

	it('starts at position N of a partly used sheet and runs on to the next', () => {
		const pages = layoutPages(a4, 30, 1, 5);
		expect(pages).toHaveLength(2);
		expect(pages[0]?.labels).toHaveLength(20);
		expect(pages[0]?.labels[0]).toMatchObject({ item: 0, slot: 4, x: 70, y: 37.5 });
		expect(pages[1]?.labels).toHaveLength(10);
		expect(pages[1]?.labels[0]).toMatchObject({ item: 20, slot: 0, x: 0, y: 0.5 });
	});

	it('keeps every item × copy exactly once, in order', () => {
		const pages = layoutPages(a4, 17, 4, 24);
		const placed = pages.flatMap((p) => p.labels.map((l) => `${l.item}.${l.copy}`));
		expect(placed).toEqual(Array.from({ length: 68 }, (_, n) => `${Math.floor(n / 4)}.${n % 4}`));
		expect(pages[0]?.labels).toHaveLength(1);
	});

	it('prints nothing for no items', () => {
		expect(layoutPages(a4, 0, 2, 3)).toEqual([]);
	});

	it('brings copies and start position within bounds', () => {
		expect(clampCopies(0)).toBe(1);
		expect(clampCopies(2.7)).toBe(2);
		expect(clampCopies(NaN)).toBe(1);
		expect(clampCopies(1000)).toBe(MAX_COPIES);
		expect(clampStartAt(a4, 30)).toBe(24);
		expect(clampStartAt(a4, -1)).toBe(1);
		expect(clampStartAt(roll, 5)).toBe(1);
	});
});
