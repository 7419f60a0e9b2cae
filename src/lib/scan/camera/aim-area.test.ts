import { describe, expect, it } from 'vitest';
import { aimRegion } from './aim-area';

const area = { left: 0.1, right: 0.1, top: 0.25, bottom: 0.25 };

describe('aimRegion', () => {
	it('maps the area straight onto a frame of the same shape as the box', () => {
		expect(aimRegion({ width: 640, height: 480 }, { width: 320, height: 240 }, area, 0)).toEqual({
			x: 64,
			y: 120,
			width: 512,
			height: 240
		});
	});

	it('widens the area by the margin on every side', () => {
		expect(aimRegion({ width: 640, height: 480 }, { width: 640, height: 480 }, area, 0.05)).toEqual(
			{
				x: 32,
				y: 96,
				width: 576,
				height: 288
			}
		);
	});

	it('accounts for the sides a wide frame loses in a 4:3 box (object-fit: cover)', () => {
		// 1280x720 in a 4:3 box: the box shows the middle 960x720.
		expect(aimRegion({ width: 1280, height: 720 }, { width: 400, height: 300 }, area, 0)).toEqual({
			x: 160 + 96,
			y: 180,
			width: 768,
			height: 360
		});
	});

	it('accounts for the top and bottom a tall frame loses in a 4:3 box', () => {
		// 720x1280 (a phone held upright) in a 4:3 box: the box shows the middle 720x540.
		expect(aimRegion({ width: 720, height: 1280 }, { width: 400, height: 300 }, area, 0)).toEqual({
			x: 72,
			y: 370 + 135,
			width: 576,
			height: 270
		});
	});

	it('never reaches outside the frame', () => {
		const region = aimRegion({ width: 640, height: 480 }, { width: 640, height: 480 }, area, 0.5);
		expect(region).toEqual({ x: 0, y: 0, width: 640, height: 480 });
	});

	it('takes the whole frame when the box has no size', () => {
		expect(aimRegion({ width: 640, height: 480 }, { width: 0, height: 0 }, area)).toEqual({
			x: 0,
			y: 0,
			width: 640,
			height: 480
		});
	});
});
