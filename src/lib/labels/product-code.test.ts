import { describe, expect, it } from 'vitest';
import { isCode128Safe, isValidEan13, productLabelCode } from './product-code';

describe('product label codes', () => {
	it('checks the EAN-13 check digit', () => {
		expect(isValidEan13('4006381333931')).toBe(true);
		expect(isValidEan13('5901234123457')).toBe(true);
		expect(isValidEan13('4006381333932')).toBe(false);
		expect(isValidEan13('400638133393')).toBe(false);
		expect(isValidEan13('40063813339311')).toBe(false);
		expect(isValidEan13('400638133393a')).toBe(false);
	});

	it('prints a valid EAN-13 as EAN-13, any other barcode as Code 128, else the stock code', () => {
		expect(productLabelCode({ barcode: '4006381333931', stockCode: 'X' })).toEqual({
			code: '4006381333931',
			symbology: 'EAN13'
		});
		expect(productLabelCode({ barcode: '4006381333932', stockCode: 'X' })).toEqual({
			code: '4006381333932',
			symbology: 'CODE128'
		});
		expect(productLabelCode({ barcode: ' ABC-1 ', stockCode: 'X' })).toEqual({
			code: 'ABC-1',
			symbology: 'CODE128'
		});
		expect(productLabelCode({ barcode: '', stockCode: 'USBC-1M' })).toEqual({
			code: 'USBC-1M',
			symbology: 'CODE128'
		});
		expect(productLabelCode({ barcode: 'Ünïcode', stockCode: '' })).toBeNull();
	});

	it('Code 128 here is printable ASCII a wedge scanner types back', () => {
		expect(isCode128Safe('A b~')).toBe(true);
		expect(isCode128Safe('')).toBe(false);
		expect(isCode128Safe(' A')).toBe(false);
		expect(isCode128Safe('é')).toBe(false);
		expect(isCode128Safe('a\tb')).toBe(false);
	});
});
