import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	COUNTER_WIDTH,
	deviceCode,
	DEVICE_CODE_LENGTH,
	fnv1a32,
	isDeviceCode,
	MAX_COUNTER,
	SAFE_ALPHABET,
	systemSerialParts,
	systemSerials
} from './serial-generate';
import { MAX_BATCH, serialProblem } from './serial-rules';

// Any code point, lone surrogates included. (fast-check's own 'binary' unit
// takes most of a second to set up.)
const anyCodePoint = fc
	.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff }))
	.map((cp) => String.fromCodePoint(cp));

describe('SAFE_ALPHABET', () => {
	it('has at least 20 distinct symbols and none that look alike', () => {
		expect(new Set(SAFE_ALPHABET).size).toBe(SAFE_ALPHABET.length);
		expect(SAFE_ALPHABET.length).toBeGreaterThanOrEqual(20);
		for (const c of '0OQD1IL2Z5S8BUV') expect(SAFE_ALPHABET).not.toContain(c);
	});
});

describe('fnv1a32', () => {
	it('matches the published FNV-1a test vectors', () => {
		expect(fnv1a32('')).toBe(0x811c9dc5);
		expect(fnv1a32('a')).toBe(0xe40c292c);
		expect(fnv1a32('foobar')).toBe(0xbf9cf968);
	});

	it('hashes the UTF-8 bytes of the text', () => {
		fc.assert(
			fc.property(fc.string({ unit: anyCodePoint, maxLength: 20 }), (text) => {
				let hash = 0x811c9dc5;
				for (const byte of new TextEncoder().encode(text))
					hash = Math.imul(hash ^ byte, 0x01000193);
				expect(fnv1a32(text)).toBe(hash >>> 0);
			})
		);
	});
});

describe('deviceCode', () => {
	it('is 5 safe symbols, the same every time for one id', () => {
		fc.assert(
			fc.property(fc.string(), (id) => {
				const code = deviceCode(id);
				expect(code).toHaveLength(DEVICE_CODE_LENGTH);
				expect(isDeviceCode(code)).toBe(true);
				expect(deviceCode(id)).toBe(code);
			})
		);
	});

	it('differs between typical device ids', () => {
		const codes = new Set(Array.from({ length: 50 }, (_, i) => deviceCode(`device-${i}`)));
		expect(codes.size).toBe(50);
	});
});

describe('systemSerials', () => {
	const a = deviceCode('tablet-counter-1');
	const b = deviceCode('phone-back-office');

	it('writes the code, then the counter in 8 safe symbols: 13 characters', () => {
		expect(systemSerials(a, 0, 2)).toEqual([`${a}33333333`, `${a}33333334`]);
		expect(systemSerials(a, 20, 2)).toEqual([`${a}3333333Y`, `${a}33333343`]);
		expect(systemSerials(a, MAX_COUNTER - 1, 1)).toEqual([`${a}${'Y'.repeat(COUNTER_WIDTH)}`]);
	});

	it('never collides between two devices at the same counter, nor repeats on one device', () => {
		expect(a).not.toBe(b);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: MAX_COUNTER - 2000 }),
				fc.integer({ min: 1, max: 1000 }),
				(counter, count) => {
					const first = systemSerials(a, counter, count);
					const later = systemSerials(a, counter + count, count);
					const other = systemSerials(b, counter, count);
					const all = new Set([...first, ...later, ...other]);
					expect(all.size).toBe(3 * count);
				}
			)
		);
	});

	it('gives serials of at most 16 safe characters that pass the serial rules', () => {
		fc.assert(
			fc.property(fc.string(), fc.integer({ min: 0, max: MAX_COUNTER - 100 }), (id, counter) => {
				const code = deviceCode(id);
				// One expect per case: thousands of expect calls dominate the run time.
				const bad = systemSerials(code, counter, 100).filter(
					(serial) =>
						serial.length > 16 ||
						[...serial].some((c) => !SAFE_ALPHABET.includes(c)) ||
						serialProblem(serial) !== null
				);
				expect(bad).toEqual([]);
			})
		);
	});

	it('reads back the code and counter it wrote', () => {
		fc.assert(
			fc.property(fc.string(), fc.integer({ min: 0, max: MAX_COUNTER - 1 }), (id, counter) => {
				const code = deviceCode(id);
				const [serial = ''] = systemSerials(code, counter, 1);
				expect(systemSerialParts(serial)).toEqual({ code, counter });
			})
		);
		expect(systemSerialParts('SN0098')).toBeNull();
		expect(systemSerialParts('3333333333330')).toBeNull();
	});

	it('keeps the order of the counter in the order of the strings', () => {
		const serials = systemSerials(a, 12_345, 5_000);
		expect([...serials].sort()).toEqual(serials);
	});

	it('throws RangeError on arguments the caller should have refused', () => {
		expect(() => systemSerials('ABC', 0, 1)).toThrow(RangeError);
		expect(() => systemSerials('00000', 0, 1)).toThrow(RangeError);
		expect(() => systemSerials(a, -1, 1)).toThrow(RangeError);
		expect(() => systemSerials(a, 1.5, 1)).toThrow(RangeError);
		expect(() => systemSerials(a, 0, 0)).toThrow(RangeError);
		expect(() => systemSerials(a, 0, 2.5)).toThrow(RangeError);
		expect(() => systemSerials(a, 0, MAX_BATCH + 1)).toThrow(RangeError);
		expect(() => systemSerials(a, MAX_COUNTER - 1, 2)).toThrow(RangeError);
		expect(systemSerials(a, 0, MAX_BATCH)).toHaveLength(MAX_BATCH);
	});
});
