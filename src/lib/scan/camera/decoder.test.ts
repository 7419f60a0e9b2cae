import { describe, expect, it } from 'vitest';
import { acceptDecoded } from './decoder';

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
