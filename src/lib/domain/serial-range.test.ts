import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandRange, expandRangeByCount, splitLastNumber, type RangeResult } from './serial-range';
import { MAX_BATCH, serialProblem } from './serial-rules';

function serialsOf(result: RangeResult): string[] {
	if (!result.ok) throw new Error(`expected a range, got: ${result.error}`);
	return result.serials;
}

function errorOf(result: RangeResult): string {
	if (result.ok) throw new Error(`expected a refusal, got ${result.serials.length} serials`);
	return result.error;
}

describe('splitLastNumber', () => {
	it('splits around the last group of digits', () => {
		expect(splitLastNumber('A1-009-X')).toEqual({ prefix: 'A1-', digits: '009', suffix: '-X' });
		expect(splitLastNumber('0042')).toEqual({ prefix: '', digits: '0042', suffix: '' });
		expect(splitLastNumber('ABC')).toBeNull();
	});
});

describe('expandRange', () => {
	it('counts the last group of digits up, keeping prefix and zero padding', () => {
		expect(serialsOf(expandRange('SN0098', 'SN0102'))).toEqual([
			'SN0098',
			'SN0099',
			'SN0100',
			'SN0101',
			'SN0102'
		]);
	});

	it('keeps a suffix after the digits', () => {
		expect(serialsOf(expandRange('A-009-X', 'A-011-X'))).toEqual(['A-009-X', 'A-010-X', 'A-011-X']);
	});

	it('lets an unpadded number grow', () => {
		expect(serialsOf(expandRange('SN98', 'SN102'))).toEqual([
			'SN98',
			'SN99',
			'SN100',
			'SN101',
			'SN102'
		]);
		expect(serialsOf(expandRange('0', '10'))).toHaveLength(11);
	});

	it('trims its inputs, and a range of one is fine', () => {
		expect(serialsOf(expandRange('  SN0098 ', '\tSN0098\n'))).toEqual(['SN0098']);
	});

	it('handles digit groups too long for a plain number', () => {
		const first = '1234567890123456789012345678901234567';
		expect(serialsOf(expandRange(`X${first}8`, `X${first}9`))).toEqual([
			`X${first}8`,
			`X${first}9`
		]);
		expect(serialsOf(expandRange('N9007199254740990', 'N9007199254740994'))).toEqual([
			'N9007199254740990',
			'N9007199254740991',
			'N9007199254740992',
			'N9007199254740993',
			'N9007199254740994'
		]);
		expect(serialsOf(expandRange('0'.repeat(37) + '98', '0'.repeat(36) + '102'))).toHaveLength(5);
		// Past 2^53 the low 15 digits count on their own and carry once.
		expect(serialsOf(expandRangeByCount('Z012999999999999998/B', 4))).toEqual([
			'Z012999999999999998/B',
			'Z012999999999999999/B',
			'Z013000000000000000/B',
			'Z013000000000000001/B'
		]);
		expect(serialsOf(expandRange('99999999999999999998', '100000000000000000001'))).toEqual([
			'99999999999999999998',
			'99999999999999999999',
			'100000000000000000000',
			'100000000000000000001'
		]);
	});

	it('refuses empty ends', () => {
		expect(errorOf(expandRange('  ', 'SN1'))).toBe('The first serial is empty');
		expect(errorOf(expandRange('SN1', ''))).toBe('The last serial is empty');
	});

	it('refuses an end without digits', () => {
		expect(errorOf(expandRange('ABC', 'ABD'))).toBe(
			'The first serial "ABC" has no digits to count up'
		);
		expect(errorOf(expandRange('SN1', 'SNX'))).toBe(
			'The last serial "SNX" has no digits to count up'
		);
	});

	it('refuses ends with different prefixes or suffixes, quoting both', () => {
		expect(errorOf(expandRange('SN0098', 'SX0102'))).toBe(
			'The prefix differs: "SN" in "SN0098" but "SX" in "SX0102"; only the last group of digits may change'
		);
		expect(errorOf(expandRange('0098', 'SN0102'))).toBe(
			'The prefix differs: no prefix in "0098" but "SN" in "SN0102"; only the last group of digits may change'
		);
		expect(errorOf(expandRange('A-009-X', 'A-011-Y'))).toBe(
			'The suffix differs: "-X" in "A-009-X" but "-Y" in "A-011-Y"; only the last group of digits may change'
		);
		expect(errorOf(expandRange('A-009-X', 'A-011'))).toBe(
			'The suffix differs: "-X" in "A-009-X" but no suffix in "A-011"; only the last group of digits may change'
		);
	});

	it('refuses padded ends of different widths', () => {
		expect(errorOf(expandRange('SN0098', 'SN00102'))).toBe(
			'The first serial\'s number "0098" is zero-padded to 4 digits, but the last serial\'s "00102" has 5'
		);
		expect(errorOf(expandRange('SN98', 'SN0102'))).toBe(
			'The last serial\'s number "0102" is zero-padded to 4 digits, but the first serial\'s "98" has 2'
		);
	});

	it('refuses a reversed range', () => {
		expect(errorOf(expandRange('SN0102', 'SN0098'))).toBe(
			'The last serial "SN0098" comes before the first "SN0102"'
		);
		expect(errorOf(expandRange('SN102', 'SN98'))).toBe(
			'The last serial "SN98" comes before the first "SN102"'
		);
	});

	it('refuses more than 100,000 serials', () => {
		expect(serialsOf(expandRange('S000001', 'S100000'))).toHaveLength(MAX_BATCH);
		expect(errorOf(expandRange('S000000', 'S100000'))).toBe(
			'"S000000" to "S100000" is 100,001 serials; the most is 100,000'
		);
		expect(errorOf(expandRange('S1', 'S99999999999999999999999999'))).toBe(
			'"S1" to "S99999999999999999999999999" is 99,999,999,999,999,999,999,999,999 serials; the most is 100,000'
		);
	});

	it('refuses ends that are not valid serials', () => {
		expect(errorOf(expandRange('SN 1', 'SN 5'))).toBe('The first serial "SN 1" contains a space');
		expect(errorOf(expandRange('SN1', 'SNé5'))).toBe(
			'The last serial "SNé5" contains "é", which a Code128 label cannot carry'
		);
		expect(errorOf(expandRange('X'.repeat(39) + '1', 'X'.repeat(39) + '12'))).toBe(
			`The last serial "${'X'.repeat(39)}12" is 41 characters; the most is 40`
		);
	});
});

describe('expandRangeByCount', () => {
	it('counts up from the first', () => {
		expect(serialsOf(expandRangeByCount('HX-0998', 5))).toEqual([
			'HX-0998',
			'HX-0999',
			'HX-1000',
			'HX-1001',
			'HX-1002'
		]);
		expect(serialsOf(expandRangeByCount(' SN9 ', 2))).toEqual(['SN9', 'SN10']);
	});

	it('says when an unpadded number grows past its digits, and where', () => {
		const grown = expandRangeByCount('SN-9998', 5);
		expect(grown).toMatchObject({ ok: true, grows: { from: 4, to: 5, at: 'SN-10000' } });
		expect(serialsOf(grown).at(-1)).toBe('SN-10002');
		expect(expandRangeByCount('SN-9990', 10)).toMatchObject({ grows: null });
		expect(expandRangeByCount('HX-0998', 5)).toMatchObject({ grows: null });
		expect(expandRange('SN98', 'SN102')).toMatchObject({ grows: { from: 2, to: 3, at: 'SN100' } });
		expect(expandRange('A9X', 'A11X')).toMatchObject({ grows: { from: 1, to: 2, at: 'A10X' } });
	});

	it('refuses a count that is not a whole number of at least 1', () => {
		for (const count of [0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(errorOf(expandRangeByCount('SN1', count))).toBe(
				`The count must be a whole number of at least 1, not ${String(count)}`
			);
		}
	});

	it('refuses more than 100,000', () => {
		expect(serialsOf(expandRangeByCount('SN000001', MAX_BATCH))).toHaveLength(MAX_BATCH);
		expect(errorOf(expandRangeByCount('SN1', 150_000))).toBe(
			'The count is 150,000; the most is 100,000'
		);
	});

	it('refuses to overflow a zero-padded number', () => {
		expect(serialsOf(expandRangeByCount('HX-098', 902)).at(-1)).toBe('HX-999');
		expect(errorOf(expandRangeByCount('HX-098', 903))).toBe(
			'903 serials from "HX-098" would overflow its 3 zero-padded digits (the highest is 999)'
		);
	});

	it('refuses a first without digits, or a last that would be too long', () => {
		expect(errorOf(expandRangeByCount('', 3))).toBe('The first serial is empty');
		expect(errorOf(expandRangeByCount('ABC', 3))).toBe(
			'The first serial "ABC" has no digits to count up'
		);
		const first = 'X'.repeat(39) + '9';
		expect(errorOf(expandRangeByCount(first, 2))).toBe(
			`The last serial would be "${'X'.repeat(39)}10", which is 41 characters; the most is 40`
		);
	});

	// How fast is for bench/, not for a test: here only what comes out.
	it('builds the largest allowed range whole', () => {
		const range = serialsOf(expandRange('SN000001', 'SN100000'));
		expect(range).toHaveLength(MAX_BATCH);
		expect(range.at(-1)).toBe('SN100000');
	});
});

// A prefix that does not end in a digit and a suffix without digits, so the
// number generated is the serial's last group of digits.
const affix = (chars: string) => fc.string({ unit: fc.constantFrom(...chars), maxLength: 6 });
const prefixArb = fc
	.tuple(affix('ABCXYZ-_/0123456789'), fc.constantFrom('', 'S', '-', '/'))
	.map(([body, end]) => (end === '' ? body.replace(/\d+$/, '') : body + end));
const suffixArb = affix('ABCXYZ-_/.#');

const rangeArb = fc.record({
	prefix: prefixArb,
	suffix: suffixArb,
	// width 0 means unpadded
	width: fc.integer({ min: 0, max: 30 }),
	start: fc.oneof(
		fc.bigInt({ min: 0n, max: 10n ** 6n }),
		fc.bigInt({ min: 0n, max: 10n ** 29n }),
		// Just below a multiple of 10^15, where long numbers carry.
		fc
			.tuple(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 1, max: 300 }))
			.map(([k, before]) => k * 10n ** 15n - BigInt(before))
	),
	count: fc.integer({ min: 1, max: 300 })
});

describe('range properties', () => {
	it('gives unique serials, one per number, in order, and round-trips', () => {
		fc.assert(
			fc.property(rangeArb, ({ prefix, suffix, width, start, count }) => {
				const endDigits = (start + BigInt(count - 1)).toString();
				// A padded group must start with '0' and fit its width.
				const padded = width > 1 && endDigits.length < width;
				const first =
					prefix + (padded ? start.toString().padStart(width, '0') : start.toString()) + suffix;
				fc.pre(serialProblem(first) === null);
				const result = expandRangeByCount(first, count);
				if (!result.ok) {
					// Only a last serial over 40 characters may be refused here.
					expect(result.error).toMatch(/^The last serial would be .*; the most is 40$/);
					return;
				}
				const serials = result.serials;
				expect(serials).toHaveLength(count);
				expect(new Set(serials).size).toBe(count);
				// Each serial splits back into the same prefix and suffix around
				// the next number (one expect: thousands of them dominate the run).
				const wrong = serials.filter((serial, i) => {
					const parts = splitLastNumber(serial);
					return (
						parts?.prefix !== prefix ||
						parts.suffix !== suffix ||
						BigInt(parts.digits) !== start + BigInt(i) ||
						(padded && parts.digits.length !== width)
					);
				});
				expect(wrong).toEqual([]);
				const last = serials[serials.length - 1] ?? '';
				expect(serialsOf(expandRange(first, last))).toEqual(serials);
				expect(serialsOf(expandRangeByCount(first, serials.length))).toEqual(serials);
			}),
			{ numRuns: 300 }
		);
	});

	it('refuses every reversed range', () => {
		fc.assert(
			fc.property(
				prefixArb,
				suffixArb,
				fc.bigInt({ min: 0n, max: 10n ** 20n }),
				fc.bigInt({ min: 1n, max: 10n ** 6n }),
				(prefix, suffix, low, gap) => {
					const first = `${prefix}${low + gap}${suffix}`;
					const last = `${prefix}${low}${suffix}`;
					fc.pre(serialProblem(first) === null);
					expect(errorOf(expandRange(first, last))).toBe(
						`The last serial "${last}" comes before the first "${first}"`
					);
				}
			)
		);
	});
});
