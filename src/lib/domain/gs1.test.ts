import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiLength } from './gs1-ai';
import {
	checkDigit,
	gs1Year,
	gtinForms,
	hasValidCheckDigit,
	normaliseGtin,
	parseGs1Date
} from './gs1-check';
import { gs1DigitalLink } from './gs1-link';
import {
	GS,
	gs1ElementString,
	gs1Form,
	gs1Hri,
	parseGs1,
	unitGs1Elements,
	type Gs1Parse
} from './gs1';

const TODAY = new Date(Date.UTC(2026, 10, 26));
const GTIN = '09506000134352';

function ok(result: Gs1Parse | null) {
	if (!result?.ok) throw new Error(`expected a parse, got ${JSON.stringify(result)}`);
	return result.data;
}
const reason = (code: string) => {
	const result = parseGs1(code, TODAY);
	return result && !result.ok ? result.reason : `no reason: ${JSON.stringify(result)}`;
};

describe('check digits and GTINs', () => {
	it('computes the GS1 mod-10 check digit', () => {
		expect(checkDigit('0950600013435')).toBe(2);
		expect(checkDigit('400638133393')).toBe(1);
		expect(checkDigit('9638507')).toBe(4); // GTIN-8 96385074
		expect(hasValidCheckDigit('4006381333931')).toBe(true);
		expect(hasValidCheckDigit('4006381333932')).toBe(false);
	});

	it('normalises GTIN-8, -12, -13 and -14 to 14 digits', () => {
		expect(normaliseGtin('96385074')).toBe('00000096385074');
		expect(normaliseGtin('036000291452')).toBe('00036000291452');
		expect(normaliseGtin('4006381333931')).toBe('04006381333931');
		expect(normaliseGtin(GTIN)).toBe(GTIN);
		expect(normaliseGtin('4006381333932')).toBeNull();
		expect(normaliseGtin('123456789')).toBeNull();
		expect(normaliseGtin('ABC')).toBeNull();
	});

	it('lists the forms a GTIN-14 may be written in', () => {
		expect(gtinForms('00000096385074')).toEqual([
			'00000096385074',
			'0000096385074',
			'000096385074',
			'96385074'
		]);
		expect(gtinForms('14006381333938')).toEqual(['14006381333938']);
	});

	it('a right check digit is valid and every single wrong digit is caught (property)', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^\d{7,17}$/),
				fc.nat(),
				fc.integer({ min: 1, max: 9 }),
				(body, at, delta) => {
					const code = `${body}${checkDigit(body)}`;
					expect(hasValidCheckDigit(code)).toBe(true);
					const i = at % code.length;
					const wrong =
						code.slice(0, i) + String((Number(code[i]) + delta) % 10) + code.slice(i + 1);
					expect(hasValidCheckDigit(wrong)).toBe(false);
				}
			)
		);
	});
});

describe('GS1 dates', () => {
	it('puts the year within 49 years back and 50 ahead', () => {
		expect(gs1Year(26, 2026)).toBe(2026);
		expect(gs1Year(76, 2026)).toBe(2076);
		expect(gs1Year(77, 2026)).toBe(1977);
		expect(gs1Year(0, 2026)).toBe(2000);
		expect(gs1Year(50, 2099)).toBe(2050);
		expect(gs1Year(48, 2099)).toBe(2148);
		expect(gs1Year(49, 2099)).toBe(2149);
		expect(gs1Year(98, 2001)).toBe(1998);
	});

	it('reads DD 00 as the last day of the month', () => {
		expect(parseGs1Date('280200', TODAY)).toBe('2028-02-29');
		expect(parseGs1Date('270200', TODAY)).toBe('2027-02-28');
		expect(parseGs1Date('271200', TODAY)).toBe('2027-12-31');
		expect(parseGs1Date('270431', TODAY)).toBeNull();
		expect(parseGs1Date('271301', TODAY)).toBeNull();
		expect(parseGs1Date('27010', TODAY)).toBeNull();
	});
});

describe('reading element strings', () => {
	it('reads a GS1 DataMatrix with its symbology identifier and GS separators', () => {
		const data = ok(parseGs1(`]d201${GTIN}17270331` + `10LOT-7${GS}21ABC123`, TODAY));
		expect(data).toMatchObject({
			form: 'element-string',
			gtin: GTIN,
			serial: 'ABC123',
			lot: 'LOT-7',
			expiry: '2027-03-31',
			production: null
		});
	});

	it('reads GS1-128 (]C1), GS1 QR (]Q3) and a leading FNC1 sent as GS', () => {
		for (const prefix of [']C1', ']Q3', GS, ']e0']) {
			const data = ok(parseGs1(`${prefix}01${GTIN}21SN-1${GS}11250101`, TODAY));
			expect([data.gtin, data.serial, data.production]).toEqual([GTIN, 'SN-1', '2025-01-01']);
		}
	});

	it('reads the text form with brackets', () => {
		const data = ok(parseGs1(`(01)${GTIN}(17)270300(10)A(B)C(21)X`, TODAY));
		expect([data.form, data.gtin, data.expiry, data.lot, data.serial]).toEqual([
			'hri',
			GTIN,
			'2027-03-31',
			'A(B)C',
			'X'
		]);
	});

	it('keeps AIs it does not know, and reads other known ones', () => {
		const data = ok(
			parseGs1(`]d201${GTIN}99ABC${GS}240PART-9${GS}3103000250` + `8004ASSET`, TODAY)
		);
		expect(data.elements).toEqual([
			{ ai: '01', value: GTIN, known: true },
			{ ai: '99', value: 'ABC', known: true },
			{ ai: '240', value: 'PART-9', known: true },
			{ ai: '3103', value: '000250', known: true },
			{ ai: '8004', value: 'ASSET', known: true }
		]);
		const unknown = ok(parseGs1(`]d201${GTIN}7250XYZ${GS}0312345678901231`, TODAY));
		expect(unknown.elements.slice(1)).toEqual([
			{ ai: '7250', value: 'XYZ', known: false },
			{ ai: '03', value: '12345678901231', known: false }
		]);
	});

	it('does not take plain serials and barcodes for GS1', () => {
		for (const code of ['SN0098', '4006381333931', `01${GTIN}21ABC`, 'https://example.com/x'])
			expect(parseGs1(code, TODAY)).toBeNull();
		expect(gs1Form('(01)1')).toBe('hri');
	});

	it('says what is wrong, in words staff understand', () => {
		expect(reason(`]d20109506000134353${'21'}A`)).toBe(
			'The GTIN’s check digit is wrong (09506000134353: the last digit should be 2)'
		);
		expect(reason(`]d201${GTIN}172703`)).toBe('The code ends inside the expiry date (17)');
		expect(reason(`]d201${GTIN.slice(0, 9)}`)).toBe('The code ends inside the GTIN (01)');
		expect(reason(`]d201${GTIN}17271341`)).toBe(
			'The expiry date (17) “271341” is not a date (YYMMDD)'
		);
		expect(reason(`]d201${GTIN}21${'X'.repeat(21)}`)).toBe(
			'The serial number (21) is 21 characters; the most is 20 (is a separator missing after it?)'
		);
		expect(reason(`]d201${GTIN}21A B`)).toBe(
			'The serial number (21) contains “ ”, which a GS1 code cannot carry'
		);
		expect(reason(`]d201${GTIN}21${GS}10L`)).toBe('The serial number (21) is empty');
		expect(reason(`]d201${GTIN}2`)).toBe(
			'The code ends in the middle of an application identifier (AI)'
		);
		expect(reason(`]d201${GTIN}27ABC`)).toBe(
			'The code has an application identifier starting 27, which GS1 does not use: it cannot be read'
		);
		expect(reason(`]d201${GTIN}21A${GS}21B`)).toBe(
			'The code carries the serial number (21) twice, with different values'
		);
		expect(reason(`]d2`)).toBe('The GS1 code is empty');
		expect(reason(`(01)0950600013435(21)A`)).toBe('The GTIN (01) is 13 digits; it must be 14');
		expect(reason(`(01)ABCDEFGHIJKLMN`)).toBe(
			'The GTIN (01) must be digits only, not “ABCDEFGHIJKLMN”'
		);
		expect(reason(`]d2X1`)).toBe('The code has “X” where an AI should start');
	});
});

describe('Digital Link', () => {
	it('reads path and query AIs on any host, percent-decoded', () => {
		const data = ok(
			parseGs1(
				`https://shop.example.com/p/01/${GTIN}/10/LOT%2F1/21/S%2F1%2B2?17=270331&linkType=gs1:pip`,
				TODAY
			)
		);
		expect([data.form, data.gtin, data.lot, data.serial, data.expiry]).toEqual([
			'digital-link',
			GTIN,
			'LOT/1',
			'S/1+2',
			'2027-03-31'
		]);
	});

	it('builds links whose values read back, "." and ".." included', () => {
		for (const v of ['.', '..', 'a/b', '%', '?&='])
			expect(
				ok(
					parseGs1(
						gs1DigitalLink('https://id.example.org', [
							{ ai: '01', value: GTIN },
							{ ai: '10', value: v },
							{ ai: '21', value: v }
						]),
						TODAY
					)
				).serial
			).toBe(v);
	});

	it('pads a shorter GTIN and checks its digit', () => {
		expect(ok(parseGs1('https://id.gs1.org/01/4006381333931/21/A', TODAY)).gtin).toBe(
			'04006381333931'
		);
		expect(reason('https://id.gs1.org/01/4006381333932/21/A')).toBe(
			'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1)'
		);
		expect(reason('https://id.gs1.org/01/%E0%A4%A/21/A')).toBe(
			'The link has a broken %-escape: it cannot be read'
		);
	});
});

describe('round trips (property)', () => {
	const set82 = fc
		.array(fc.constantFrom(...'!"%&\'()*+,-./0123456789:;<=>?ABCXYZ_abcxyz'.split('')), {
			minLength: 1,
			maxLength: 20
		})
		.map((cs) => cs.join(''));
	const gtin = fc.stringMatching(/^\d{13}$/).map((b) => `${b}${checkDigit(b)}`);
	const date = fc
		.date({ min: new Date(Date.UTC(1980, 0, 1)), max: new Date(Date.UTC(2075, 11, 31)) })
		.filter((d) => !Number.isNaN(d.getTime()))
		.map((d) => d.toISOString().slice(0, 10));
	const unit = fc.record({
		gtin,
		serial: set82,
		lot: fc.option(set82, { nil: null }),
		expiry: fc.option(date, { nil: null })
	});

	it('a unit’s element string, text form and Digital Link read back the same', () => {
		fc.assert(
			fc.property(unit, (u) => {
				const elements = unitGs1Elements(u);
				// The bracketed text cannot carry "(NN)" inside a value: no reader can tell it from an AI.
				const bracketed = elements.some((e) => /\(\d{2,4}\)/.test(e.value));
				const codes = [
					`]d2${gs1ElementString(elements)}`,
					`${GS}${gs1ElementString(elements)}`,
					...(bracketed ? [] : [gs1Hri(elements)]),
					gs1DigitalLink('https://id.example.org/', elements)
				];
				for (const code of codes) {
					const data = ok(parseGs1(code, TODAY));
					expect({
						gtin: data.gtin,
						serial: data.serial,
						lot: data.lot,
						expiry: data.expiry
					}).toEqual(u);
				}
			})
		);
	});

	it('every AI prefix GS1 assigns has a length', () => {
		for (const p of ['00', '01', '10', '17', '21', '24', '31', '37', '40', '70', '80', '99'])
			expect(aiLength(p)).toBeGreaterThan(1);
		expect(aiLength('27')).toBeUndefined();
	});
});
