import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupThousands, parseMoney, parseWholeNumber } from './quantities';

const days = { min: 0, max: 36_500, label: 'Warranty Term In Days' };
const count = { min: 1, max: 100_000, label: 'Count' };

describe('groupThousands', () => {
	it('groups digits in threes', () => {
		expect(groupThousands(0)).toBe('0');
		expect(groupThousands(999)).toBe('999');
		expect(groupThousands(36_500)).toBe('36,500');
		expect(groupThousands(-1_234_567)).toBe('-1,234,567');
		expect(groupThousands(10n ** 21n)).toBe('1,000,000,000,000,000,000,000');
	});
});

describe('parseWholeNumber', () => {
	it('accepts whole numbers in range, trimmed, with or without thousands commas', () => {
		expect(parseWholeNumber('365', days)).toEqual({ ok: true, value: 365 });
		expect(parseWholeNumber(' 0 ', days)).toEqual({ ok: true, value: 0 });
		expect(parseWholeNumber('36,500', days)).toEqual({ ok: true, value: 36_500 });
		expect(parseWholeNumber('007', days)).toEqual({ ok: true, value: 7 });
		expect(parseWholeNumber('12.0', days)).toEqual({ ok: true, value: 12 });
		expect(parseWholeNumber('+5', count)).toEqual({ ok: true, value: 5 });
	});

	it('refuses empty and non-numeric input', () => {
		expect(parseWholeNumber('  ', days)).toEqual({
			ok: false,
			error: 'Warranty Term In Days is required'
		});
		for (const input of ['abc', '12a', '1e3', '2,5', '1,00', '.', '-', '0x10']) {
			expect(parseWholeNumber(input, days)).toEqual({
				ok: false,
				error: `Warranty Term In Days must be a number, not "${input}"`
			});
		}
	});

	it('refuses fractions', () => {
		expect(parseWholeNumber('2.5', count)).toEqual({
			ok: false,
			error: 'Count must be a whole number, not "2.5"'
		});
		expect(parseWholeNumber('.5', count)).toEqual({
			ok: false,
			error: 'Count must be a whole number, not ".5"'
		});
	});

	it('refuses negative numbers and numbers out of range, naming the limit', () => {
		expect(parseWholeNumber('-3', days)).toEqual({
			ok: false,
			error: 'Warranty Term In Days cannot be negative'
		});
		expect(parseWholeNumber('0', count)).toEqual({ ok: false, error: 'Count must be at least 1' });
		expect(parseWholeNumber('36501', days)).toEqual({
			ok: false,
			error: 'Warranty Term In Days must be at most 36,500'
		});
		expect(parseWholeNumber('9'.repeat(400), days)).toEqual({
			ok: false,
			error: 'Warranty Term In Days must be at most 36,500'
		});
		expect(parseWholeNumber('-5', { min: -10, max: 10, label: 'Offset' })).toEqual({
			ok: true,
			value: -5
		});
	});

	it('reads back every whole number it is given, with or without grouping', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 36_500 }), fc.boolean(), (n, grouped) => {
				const text = grouped ? groupThousands(n) : String(n);
				expect(parseWholeNumber(text, days)).toEqual({ ok: true, value: n });
			})
		);
	});
});

describe('parseMoney', () => {
	it('reads amounts into minor units, and empty as not given', () => {
		expect(parseMoney('12', 'Unit cost')).toEqual({ ok: true, value: 1200 });
		expect(parseMoney('12.5', 'Unit cost')).toEqual({ ok: true, value: 1250 });
		expect(parseMoney('12.50', 'Unit cost')).toEqual({ ok: true, value: 1250 });
		expect(parseMoney('0.07', 'Unit cost')).toEqual({ ok: true, value: 7 });
		expect(parseMoney('.5', 'Unit cost')).toEqual({ ok: true, value: 50 });
		expect(parseMoney('1,299.99', 'Unit cost')).toEqual({ ok: true, value: 129_999 });
		expect(parseMoney('  ', 'Unit cost')).toEqual({ ok: true, value: null });
	});

	it('refuses negative amounts, more than 2 decimals and non-numbers', () => {
		expect(parseMoney('-1', 'Unit cost')).toEqual({
			ok: false,
			error: 'Unit cost cannot be negative'
		});
		expect(parseMoney('12.5055', 'Unit cost')).toEqual({
			ok: false,
			error: 'Unit cost can have at most 2 decimals, not "12.5055"'
		});
		for (const input of [
			'abc',
			'$12',
			'1e2',
			'1e3',
			'0x10',
			'12.5.0',
			'1,234,56',
			'1.2.3',
			',',
			'- 3'
		]) {
			expect(parseMoney(input, 'Unit cost')).toEqual({
				ok: false,
				error: `Unit cost must be an amount like 12.50, not "${input}"`
			});
		}
		expect(parseMoney('9'.repeat(20), 'Unit cost')).toEqual({
			ok: false,
			error: 'Unit cost is too large'
		});
	});

	it('reads a decimal comma, grouped thousands of either convention, and large amounts', () => {
		const cases: [string, number][] = [
			['10,50', 1050],
			['10,5', 1050],
			['1.299,99', 129_999],
			['1 299,50', 129_950],
			['1\u202f299,50', 129_950],
			['1,234', 123_400],
			['1.234.567', 123_456_700],
			['1,000,000.01', 100_000_001],
			['2500000', 250_000_000],
			['12.', 1200],
			['+7', 700]
		];
		for (const [input, cents] of cases) {
			expect(parseMoney(input, 'Amount paid'), input).toEqual({ ok: true, value: cents });
		}
	});

	it('refuses a point and three digits as unclear instead of guessing', () => {
		expect(parseMoney('1.234', 'Amount paid')).toEqual({
			ok: false,
			error: 'Amount paid "1.234" is unclear: type 1234 without the point, or at most 2 decimals'
		});
		expect(parseMoney('-3', 'Amount paid')).toEqual({
			ok: false,
			error: 'Amount paid cannot be negative'
		});
	});

	it('never loses a cent to floating point', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
				const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
				expect(parseMoney(text, 'Price')).toEqual({ ok: true, value: cents });
			})
		);
	});
});
