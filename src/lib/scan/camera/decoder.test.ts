import { describe, expect, it } from 'vitest';
import { acceptDecoded, hasGs1CheckDigit } from './decoder';

describe('acceptDecoded', () => {
	it('takes clean text as a scan, unchanged', () => {
		expect(acceptDecoded('SN-CAM-00042', 'code128')).toEqual({
			code: 'SN-CAM-00042',
			format: 'code128'
		});
		expect(acceptDecoded(' A 1 ', 'code39')).toEqual({ code: ' A 1 ', format: 'code39' });
		expect(acceptDecoded('Größe ✓ 😀', 'qr')).toEqual({ code: 'Größe ✓ 😀', format: 'qr' });
	});

	it('never takes an empty or blank result', () => {
		expect(acceptDecoded('', 'code128')).toBeNull();
		expect(acceptDecoded('   ', 'code128')).toBeNull();
		expect(acceptDecoded(null, 'qr')).toBeNull();
		expect(acceptDecoded(undefined, 'qr')).toBeNull();
	});

	it('never takes control characters', () => {
		for (const c of [
			'\u0000',
			'\t',
			'\n',
			'\r',
			'\u001c',
			'\u001e',
			'\u007f',
			'\u0085',
			'\u009f'
		]) {
			expect(acceptDecoded(`SN${c}1`, 'code128'), JSON.stringify(c)).toBeNull();
		}
	});

	it('takes a GS1 code with its GS separators', () => {
		const code = ']d20109506000134352\u001d10LOT\u001d21SN1';
		expect(acceptDecoded(code, 'datamatrix')).toEqual({ code, format: 'datamatrix' });
	});

	it('never takes replacement characters or half characters', () => {
		expect(acceptDecoded('SN\ufffd1', 'qr')).toBeNull();
		expect(acceptDecoded('SN\ud83d', 'qr')).toBeNull();
		expect(acceptDecoded('\ude00SN', 'qr')).toBeNull();
	});
});

describe('gs1Marked (@zxing/library)', () => {
	it('turns a GS1 DataMatrix’s leading FNC1 into its identifier, and leaves the rest', async () => {
		const { gs1Marked } = await import('./zxing-decoder');
		expect(gs1Marked('\u001d0109506000134352\u001d21A', 'datamatrix')).toBe(
			']d20109506000134352\u001d21A'
		);
		expect(gs1Marked('SN-1', 'datamatrix')).toBe('SN-1');
		expect(gs1Marked(']C10109506000134352', 'code128')).toBe(']C10109506000134352');
	});
});

describe('acceptDecoded on EAN-13 and UPC-A', () => {
	it('takes a code whose check digit is right', () => {
		expect(acceptDecoded('4006381333931', 'ean13')).toEqual({
			code: '4006381333931',
			format: 'ean13'
		});
		expect(acceptDecoded('036000291452', 'upca')).toEqual({ code: '036000291452', format: 'upca' });
	});

	it('never takes one whose check digit is wrong, or that is not all digits of the right length', () => {
		expect(acceptDecoded('4006381333932', 'ean13')).toBeNull();
		expect(acceptDecoded('036000291453', 'upca')).toBeNull();
		expect(acceptDecoded('400638133393', 'ean13')).toBeNull();
		expect(acceptDecoded('40063813339310', 'ean13')).toBeNull();
		expect(acceptDecoded('4006381333931', 'upca')).toBeNull();
		expect(acceptDecoded('40063813339a1', 'ean13')).toBeNull();
	});

	it('reports an EAN-13 that starts with 0 as the UPC-A it is', () => {
		expect(acceptDecoded('0036000291452', 'ean13')).toEqual({
			code: '036000291452',
			format: 'upca'
		});
	});
});

describe('hasGs1CheckDigit', () => {
	it('agrees with the GS1 check digit of known codes', () => {
		for (const code of ['4006381333931', '9780201379624', '036000291452', '012345678905']) {
			expect(hasGs1CheckDigit(code), code).toBe(true);
			const wrong = code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
			expect(hasGs1CheckDigit(wrong), wrong).toBe(false);
		}
	});
});
