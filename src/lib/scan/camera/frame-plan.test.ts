import { describe, expect, it } from 'vitest';
import { frameView, TILT } from './frame-plan';

describe('frameView', () => {
	const first = Array.from({ length: 16 }, (_, n) => frameView(n));

	it('starts with the aiming area and decodes the whole frame on every other frame', () => {
		expect(first[0]).toEqual({ region: 'aim', rotation: 0 });
		first.forEach((view, n) => expect(view.region).toBe(n % 2 ? 'whole' : 'aim'));
	});

	it('turns the aiming area both ways, and never the whole frame', () => {
		const turned = first.slice(0, 12).filter((v) => v.rotation !== 0);
		expect(turned.map((v) => v.rotation)).toEqual([TILT, -TILT, TILT, -TILT]);
		expect(turned.every((v) => v.region === 'aim')).toBe(true);
	});

	it('goes on for ever', () => {
		expect(frameView(6_000_001)).toEqual(frameView(1));
	});
});
