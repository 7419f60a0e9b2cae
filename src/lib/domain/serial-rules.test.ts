import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidSerial, MAX_SERIAL_LENGTH, serialProblem } from './serial-rules';

// Any code point, lone surrogates included, weighted towards ASCII. (fast-check's
// own 'binary' unit takes most of a second to set up.)
const anyCodePoint = fc
	.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff }))
	.map((cp) => String.fromCodePoint(cp));

describe('serialProblem', () => {
	it('accepts printable ASCII up to 40 characters', () => {
		expect(serialProblem('SN0098')).toBeNull();
		expect(serialProblem('A-009-X')).toBeNull();
		expect(serialProblem('!~"#$%&()*+,./:;<=>?@[\\]^_`{|}')).toBeNull();
		expect(serialProblem('X'.repeat(MAX_SERIAL_LENGTH))).toBeNull();
		expect(isValidSerial('SN1')).toBe(true);
	});

	it('refuses an empty serial', () => {
		expect(serialProblem('')).toBe('is empty');
	});

	it('refuses a serial longer than 40 characters, naming its length', () => {
		expect(serialProblem('X'.repeat(52))).toBe('is 52 characters; the most is 40');
		expect(serialProblem('X'.repeat(41))).toBe('is 41 characters; the most is 40');
	});

	it('counts characters, not UTF-16 units, when a long serial is not ASCII', () => {
		// 20 emoji are 40 UTF-16 units but 20 characters: short enough, so the emoji is the problem.
		expect(serialProblem('😀'.repeat(20))).toBe(
			'contains "😀", which a Code128 label cannot carry'
		);
		expect(serialProblem('é'.repeat(41))).toBe('is 41 characters; the most is 40');
	});

	it('refuses spaces and tabs by name', () => {
		expect(serialProblem('SN 0098')).toBe('contains a space');
		expect(serialProblem(' SN0098')).toBe('contains a space');
		expect(serialProblem('SN\t0098')).toBe('contains a tab');
	});

	it('names a character a Code128 label cannot carry', () => {
		expect(serialProblem('Café1')).toBe('contains "é", which a Code128 label cannot carry');
		expect(serialProblem('SN–1')).toBe('contains "–", which a Code128 label cannot carry');
	});

	it('gives invisible characters as code points instead of quoting them', () => {
		expect(serialProblem('SN\u00a01')).toBe(
			'contains an invisible character (U+00A0), which a Code128 label cannot carry'
		);
		expect(serialProblem('SN\u200b1')).toBe(
			'contains an invisible character (U+200B), which a Code128 label cannot carry'
		);
		expect(serialProblem('SN\u00071')).toBe(
			'contains an invisible character (U+0007), which a Code128 label cannot carry'
		);
		expect(serialProblem('SN\u007f')).toBe(
			'contains an invisible character (U+007F), which a Code128 label cannot carry'
		);
		expect(serialProblem('SN\ud800')).toBe(
			'contains an invisible character (U+D800), which a Code128 label cannot carry'
		);
	});

	it('accepts exactly the strings of 1 to 40 printable ASCII characters', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string({ maxLength: 45 }), fc.string({ unit: anyCodePoint, maxLength: 45 })),
				(serial) => {
					const chars = [...serial];
					const printable = chars.every((c) => c >= '!' && c <= '~');
					const expected = printable && chars.length >= 1 && chars.length <= MAX_SERIAL_LENGTH;
					expect(serialProblem(serial) === null).toBe(expected);
				}
			),
			{ numRuns: 500 }
		);
	});
});
