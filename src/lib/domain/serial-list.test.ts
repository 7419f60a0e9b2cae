import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkBatch,
	describeProblem,
	entriesFromSerials,
	parseSerialList,
	type SerialEntry
} from './serial-list';
import { MAX_BATCH } from './serial-rules';

const nothingExists = (): boolean => false;

describe('parseSerialList', () => {
	it('reads one serial per line, with its line number', () => {
		expect(parseSerialList('SN1\nSN2\r\nSN3\rSN4')).toEqual([
			{ serial: 'SN1', line: 1 },
			{ serial: 'SN2', line: 2 },
			{ serial: 'SN3', line: 3 },
			{ serial: 'SN4', line: 4 }
		]);
	});

	it('also splits on commas, semicolons and tabs, and trims', () => {
		expect(parseSerialList(' SN1 , SN2;SN3\tSN4 \n  SN5,')).toEqual([
			{ serial: 'SN1', line: 1 },
			{ serial: 'SN2', line: 1 },
			{ serial: 'SN3', line: 1 },
			{ serial: 'SN4', line: 1 },
			{ serial: 'SN5', line: 2 }
		]);
	});

	it('skips blank entries without losing count of lines', () => {
		expect(parseSerialList('\n\nSN1\n  \n,,;\nSN2\n\n')).toEqual([
			{ serial: 'SN1', line: 3 },
			{ serial: 'SN2', line: 6 }
		]);
		expect(parseSerialList('')).toEqual([]);
		expect(parseSerialList('\uFEFFSN1')).toEqual([{ serial: 'SN1', line: 1 }]);
	});

	it('keeps a space inside an entry, for the check to report', () => {
		expect(parseSerialList('SN 1')).toEqual([{ serial: 'SN 1', line: 1 }]);
	});

	it('gives back every serial joined in any of the accepted ways', () => {
		const serialArb = fc.string({
			unit: fc.constantFrom(...'AB01-/.'),
			minLength: 1,
			maxLength: 8
		});
		const separatorArb = fc.constantFrom('\n', '\r\n', '\r', ',', ';', '\t', ' , ', '\n\n');
		fc.assert(
			fc.property(fc.array(fc.tuple(serialArb, separatorArb), { maxLength: 50 }), (items) => {
				const text = items.map(([serial, separator]) => serial + separator).join('');
				expect(parseSerialList(text).map((entry) => entry.serial)).toEqual(
					items.map(([serial]) => serial)
				);
			})
		);
	});

	it('parses a 5 MB paste whole', () => {
		const lines = Array.from({ length: 400_000 }, (_, i) => `SN-${String(i).padStart(8, '0')}`);
		const text = lines.join('\r\n');
		expect(text.length).toBeGreaterThan(5_000_000);
		const entries = parseSerialList(text);
		expect(entries).toHaveLength(lines.length);
		expect(entries.at(-1)).toEqual({ serial: 'SN-00399999', line: 400_000 });
	});
});

describe('checkBatch', () => {
	it('passes a clean batch through, in order', () => {
		expect(checkBatch(parseSerialList('SN1\nSN2,SN3'), nothingExists)).toEqual({
			ok: true,
			serials: ['SN1', 'SN2', 'SN3']
		});
	});

	it('refuses an empty batch', () => {
		expect(checkBatch([], nothingExists)).toEqual({
			ok: false,
			problems: [{ line: null, serial: '', reason: 'No serials to add' }]
		});
	});

	it('reports every problem, ordered by line', () => {
		const text = ['SN1', 'SN 2', 'SN3', 'SN1', 'OLD7', 'Café', 'SN3', 'X'.repeat(41)].join('\n');
		const result = checkBatch(parseSerialList(text), (serial) => serial === 'OLD7');
		expect(result).toEqual({
			ok: false,
			problems: [
				{ line: 2, serial: 'SN 2', reason: 'contains a space' },
				{ line: 4, serial: 'SN1', reason: 'also on line 1' },
				{ line: 5, serial: 'OLD7', reason: 'already exists for this product' },
				{ line: 6, serial: 'Café', reason: 'contains "é", which a Code128 label cannot carry' },
				{ line: 7, serial: 'SN3', reason: 'also on line 3' },
				{ line: 8, serial: 'X'.repeat(41), reason: 'is 41 characters; the most is 40' }
			]
		});
	});

	it('orders problems by line even when the entries are not', () => {
		const entries: SerialEntry[] = [
			{ serial: 'B 1', line: 9 },
			{ serial: 'A 1', line: 2 }
		];
		const result = checkBatch(entries, nothingExists);
		expect(result.ok ? [] : result.problems.map((p) => p.line)).toEqual([2, 9]);
	});

	it('refuses more than 100,000 serials, and still reports the rest', () => {
		const serials = Array.from({ length: MAX_BATCH + 1 }, (_, i) => `SN${i}`);
		serials[5] = 'SN 5';
		const result = checkBatch(entriesFromSerials(serials), nothingExists);
		expect(result).toEqual({
			ok: false,
			problems: [
				{
					line: null,
					serial: '',
					reason: 'There are 100,001 serials; the most in one batch is 100,000'
				},
				{ line: 6, serial: 'SN 5', reason: 'contains a space' }
			]
		});
		expect(
			checkBatch(entriesFromSerials(serials.slice(0, MAX_BATCH).fill('SN5', 5, 6)), nothingExists)
				.ok
		).toBe(true);
	});

	it('refuses a batch with any injected duplicate, naming every one', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(
					fc.string({ unit: fc.constantFrom(...'ABC123-'), minLength: 1, maxLength: 6 }),
					{
						minLength: 1,
						maxLength: 60
					}
				),
				fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }),
				(unique, injections) => {
					// Insert copies of existing serials at random places.
					const serials = [...unique];
					for (const [from, to] of injections) {
						const copy = serials[from % serials.length] ?? '';
						serials.splice(to % (serials.length + 1), 0, copy);
					}
					const firstLine = new Map<string, number>();
					const expected: { line: number; serial: string; reason: string }[] = [];
					serials.forEach((serial, i) => {
						const seen = firstLine.get(serial);
						if (seen === undefined) firstLine.set(serial, i + 1);
						else expected.push({ line: i + 1, serial, reason: `also on line ${seen}` });
					});
					expect(expected).toHaveLength(injections.length);
					expect(checkBatch(entriesFromSerials(serials), nothingExists)).toEqual({
						ok: false,
						problems: expected
					});
				}
			)
		);
	});

	it('calls exists once per distinct, well-formed serial', () => {
		const asked: string[] = [];
		checkBatch(parseSerialList('A1\nA1\nA 2\nA3'), (serial) => {
			asked.push(serial);
			return false;
		});
		expect(asked).toEqual(['A1', 'A3']);
	});

	it('ignoring case, a serial repeated in another case is a repeat, and one held in another case exists', () => {
		const held = new Map([['sn-0100', 'SN-0100']]);
		const exists = (serial: string) => held.get(serial.toLowerCase()) ?? false;
		expect(checkBatch(parseSerialList('sn-0100\nAB1\nab1'), exists, { ignoreCase: true })).toEqual({
			ok: false,
			problems: [
				{
					line: 1,
					serial: 'sn-0100',
					reason:
						'already exists for this product as "SN-0100" (letter case does not count for its serials)'
				},
				{ line: 3, serial: 'ab1', reason: 'also on line 2 as "AB1" (letter case does not count)' }
			]
		});
	});

	it('with case counting, serials that differ only in case are different serials', () => {
		expect(checkBatch(parseSerialList('AB1\nab1'), nothingExists)).toEqual({
			ok: true,
			serials: ['AB1', 'ab1']
		});
	});
});

describe('describeProblem', () => {
	it('puts line, serial and reason in one sentence', () => {
		expect(describeProblem({ line: 3, serial: 'SN 1', reason: 'contains a space' })).toBe(
			'Line 3: "SN 1" contains a space'
		);
		expect(describeProblem({ line: null, serial: '', reason: 'No serials to add' })).toBe(
			'No serials to add'
		);
	});
});
