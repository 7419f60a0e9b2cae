import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, formatHlc, HybridClock, hlcWall, isHlc, MAX_LEAD_MS, parseHlc } from './hlc';

describe('hybrid logical clock', () => {
	it('stamps strictly increasing timestamps even when the wall clock stands still', () => {
		const clock = new HybridClock('devA', () => 1000);
		const stamps = Array.from({ length: 50 }, () => clock.tick());
		const sorted = [...stamps].sort(compareHlc);
		expect(new Set(stamps).size).toBe(50);
		expect(stamps).toEqual(sorted);
	});

	it('orders after a peer whose clock runs ahead', () => {
		const clock = new HybridClock('devA', () => 1000);
		const peer = formatHlc({ wall: 5000, counter: 7, device: 'devB' });
		clock.observe(peer);
		const next = clock.tick();
		expect(compareHlc(next, peer)).toBe(1);
		expect(hlcWall(next)).toBe(5000);
	});

	it('does not follow a peer more than a day ahead', () => {
		const clock = new HybridClock('devA', () => 1000);
		const far = formatHlc({ wall: 1000 + MAX_LEAD_MS + 1, counter: 0, device: 'evil' });
		expect(clock.observe(far)).toBe(false);
		expect(hlcWall(clock.tick())).toBe(1000);
		expect(clock.observe(formatHlc({ wall: 1000 + MAX_LEAD_MS, counter: 0, device: 'devB' }))).toBe(
			true
		);
	});

	it('round-trips through its string form, and string order is clock order', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 45 }),
				fc.integer({ min: 0, max: 99_999 }),
				fc.integer({ min: 0, max: 2 ** 45 }),
				fc.integer({ min: 0, max: 99_999 }),
				(w1, c1, w2, c2) => {
					const a = formatHlc({ wall: w1, counter: c1, device: 'x' });
					const b = formatHlc({ wall: w2, counter: c2, device: 'x' });
					expect(parseHlc(a)).toEqual({ wall: w1, counter: c1, device: 'x' });
					expect(isHlc(a)).toBe(true);
					const expected = w1 === w2 ? Math.sign(c1 - c2) : Math.sign(w1 - w2);
					expect(compareHlc(a, b)).toBe(expected);
				}
			)
		);
	});
});
