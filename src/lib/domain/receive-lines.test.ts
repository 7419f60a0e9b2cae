import { describe, expect, it } from 'vitest';
import { checkReceiveLines, lotExpiryLookup, lotsAndExpiries, readLines } from './receive-lines';
import { entriesFromSerials } from './serial-list';

const TODAY = new Date(Date.UTC(2026, 10, 26));
const GS = '\u001d';
const product = { name: 'Stent', barcode: '4006381333931' };

describe('receive lines', () => {
	it('reads GS1 lines and plain serials, and lists lots and expiries by place', () => {
		const { units, problems } = readLines(
			entriesFromSerials([`]d2010400638133393117300300${'10'}L1${GS}21A`, 'B']),
			TODAY
		);
		expect(problems).toEqual([]);
		expect(lotsAndExpiries(units)).toEqual({ lots: ['L1', ''], expiries: ['2030-03-31', ''] });
		expect(lotsAndExpiries([{ serial: 'B', line: 1, lot: '', expiry: '', gtin: null }])).toEqual(
			{}
		);
	});

	it('takes Unitrack’s own serials as they are', () => {
		const odd = ['(01)x', `A${GS}B`];
		expect(readLines(entriesFromSerials(odd), TODAY, false).units.map((u) => u.serial)).toEqual(
			odd
		);
	});

	it('refuses a GS1 line of another GTIN, and keeps the batch rules', () => {
		const result = checkReceiveLines(
			entriesFromSerials([`]d20109506000134352${'21'}A`, 'B', 'B']),
			product,
			() => false,
			TODAY
		);
		expect(result.ok ? [] : result.problems.map((p) => [p.line, p.reason])).toEqual([
			[1, 'The GS1 code is for GTIN 09506000134352, not Stent (GTIN 04006381333931)'],
			[3, 'also on line 2']
		]);
	});

	it('looks a unit’s lot and expiry up by its place in the receipt', () => {
		const of = lotExpiryLookup({
			serials: ['A', 'B'],
			lots: ['L1', ''],
			expiries: ['', '2030-01-31']
		});
		expect([of('A'), of('B'), of('C')]).toEqual([{ lot: 'L1' }, { expiry: '2030-01-31' }, {}]);
		expect(lotExpiryLookup({ serials: ['A'] })('A')).toEqual({});
	});
});
