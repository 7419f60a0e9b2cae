import { describe, expect, it } from 'vitest';
import {
	formatOfAim,
	HidPosAssembler,
	isBarcodeScanner,
	parseScannedDataReport,
	scannedDataReportId,
	textOfScan
} from './hid-pos';

/**
 * Scanned Data Reports laid out byte for byte as HID POS scanners send them
 * (63 bytes after the report ID, see hid-pos.ts): length, AIM identifier,
 * 56 data bytes, the maker's code ID, reserved, the continued flag.
 */
function report(
	data: string | number[],
	{
		aim = ']C0',
		codeId = 0,
		continued = false
	}: { aim?: string; codeId?: number; continued?: boolean } = {}
): DataView {
	const bytes = new Uint8Array(63);
	const payload = typeof data === 'string' ? [...new TextEncoder().encode(data)] : data;
	bytes[0] = payload.length;
	[...aim].forEach((c, i) => (bytes[1 + i] = c.charCodeAt(0)));
	bytes.set(payload, 4);
	bytes[60] = codeId;
	bytes[62] = continued ? 0x01 : 0x00;
	return new DataView(bytes.buffer);
}

/** Recorded reports, as hex, in the layout above. */
const hex = (s: string) =>
	new DataView(Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16))).buffer);

// A Honeywell scanner in HID POS mode reading a Code 128 label "SN-000123"
// (length 9, "]C0", data, Code ID 'j' = 0x6a at offset 60).
const CODE128_SN = '09' + '5d4330' + '534e2d303030313233' + '00'.repeat(47) + '6a' + '00' + '00';
// An EAN-13 box barcode, 8806095299635 ("]E0", Code ID 'd').
const EAN13 = '0d' + '5d4530' + '38383036303935323939363335' + '00'.repeat(43) + '64' + '00' + '00';

describe('parseScannedDataReport', () => {
	it('reads the length, AIM identifier, data and continued flag', () => {
		expect(CODE128_SN.length).toBe(63 * 2);
		const chunk = parseScannedDataReport(hex(CODE128_SN));
		expect(chunk).toEqual({
			aim: ']C0',
			data: new TextEncoder().encode('SN-000123'),
			continued: false
		});
		expect(parseScannedDataReport(report('AB', { continued: true }))?.continued).toBe(true);
	});

	it('reads no AIM identifier where the scanner sends none', () => {
		expect(parseScannedDataReport(report('4006825612345', { aim: '\0\0\0' }))?.aim).toBe('');
	});

	it('never reads past the report, whatever the length byte says', () => {
		const bad = new Uint8Array(20);
		bad[0] = 200;
		expect(parseScannedDataReport(new DataView(bad.buffer))?.data.length).toBe(16);
		expect(parseScannedDataReport(new DataView(new ArrayBuffer(3)))).toBeNull();
	});
});

describe('HidPosAssembler', () => {
	it('turns a one-report scan into a code with its format', () => {
		const scanner = new HidPosAssembler();
		expect(scanner.push(2, hex(CODE128_SN))).toEqual({
			code: 'SN-000123',
			format: 'code128',
			aim: ']C0',
			reports: 1
		});
		expect(scanner.push(2, hex(EAN13))).toMatchObject({ code: '8806095299635', format: 'ean13' });
	});

	it('joins a code sent over two reports (60 bytes: 56 with the continued bit, then 4)', () => {
		// As in the Access-IS manual's example: a QR boarding pass of 60 bytes.
		const text = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  XY';
		const full = text.padEnd(60, 'Z');
		const scanner = new HidPosAssembler();
		expect(
			scanner.push(2, report(full.slice(0, 56), { aim: ']Q0', codeId: 0x73, continued: true }))
		).toBeNull();
		expect(scanner.push(2, report(full.slice(56), { aim: ']Q0', codeId: 0x73 }))).toEqual({
			code: full,
			format: 'qr',
			aim: ']Q0',
			reports: 2
		});
	});

	it('keeps a GS1 code’s identifier in front of its data, with its GS separators', () => {
		const scanner = new HidPosAssembler();
		const data = '0109506000134352\u001d10LOT\u001d21SN1';
		expect(scanner.push(2, report(data, { aim: ']d2' }))).toMatchObject({
			code: `]d2${data}`,
			format: 'datamatrix'
		});
	});

	it('keeps UTF-8 from a QR code and drops a CR suffix', () => {
		const scanner = new HidPosAssembler();
		expect(scanner.push(2, report('Käse-Nr 7\r', { aim: ']Q1' }))?.code).toBe('Käse-Nr 7');
	});

	it('ignores other reports and empty codes', () => {
		const scanner = new HidPosAssembler();
		expect(scanner.push(4, hex(CODE128_SN))).toBeNull();
		expect(scanner.push(2, report(''))).toBeNull();
		expect(scanner.push(2, report('\r\n'))).toBeNull();
		// And still reads the next one whole.
		expect(scanner.push(2, hex(CODE128_SN))?.code).toBe('SN-000123');
	});

	it('drops a stream that never ends, and reads the next code whole', () => {
		const scanner = new HidPosAssembler();
		for (let i = 0; i < 64; i++)
			expect(scanner.push(2, report('x'.repeat(56), { continued: true }))).toBeNull();
		expect(scanner.push(2, hex(CODE128_SN))?.code).toBe('SN-000123');
	});

	it('reads reports of another ID when the descriptor says so', () => {
		const scanner = new HidPosAssembler(7);
		expect(scanner.push(2, hex(CODE128_SN))).toBeNull();
		expect(scanner.push(7, hex(CODE128_SN))?.code).toBe('SN-000123');
	});
});

describe('formats and text', () => {
	it.each([
		[']C0', 'SN1', 'code128'],
		[']C1', '0109506000134352', 'code128'],
		[']A0', 'CODE39', 'code39'],
		[']E0', '8806095299635', 'ean13'],
		[']E0', '840244706814', 'upca'],
		[']E4', '96385074', 'unknown'],
		[']Q1', 'https://x', 'qr'],
		[']d1', 'DM', 'datamatrix'],
		['', 'SN1', 'unknown']
	] as const)('%s %s is %s', (aim, code, format) => {
		expect(formatOfAim(aim, code)).toBe(format);
	});

	it('reads bytes that are not UTF-8 as ISO-8859-1', () => {
		expect(textOfScan(Uint8Array.from([0x53, 0x4e, 0xe9, 0x31]))).toBe('SNé1');
	});
});

describe('finding the scanner and its report', () => {
	const descriptor = [
		{
			usagePage: 0x8c,
			usage: 0x02,
			inputReports: [
				{ reportId: 3, items: [{ usages: [0x8c0010] }] },
				{
					reportId: 5,
					items: [
						{ usages: [0x8c00fb, 0x8c00fc, 0x8c00fd] },
						{ usages: [0x8c00fe] },
						{ usages: [0x8c00ff] }
					]
				}
			]
		}
	];

	it('knows a Bar Code Scanner collection, also nested', () => {
		expect(isBarcodeScanner(descriptor)).toBe(true);
		expect(isBarcodeScanner([{ usagePage: 1, usage: 6, children: descriptor }])).toBe(true);
		expect(isBarcodeScanner([{ usagePage: 1, usage: 6 }])).toBe(false);
	});

	it('finds the report that carries Decoded Data, else assumes 2', () => {
		expect(scannedDataReportId(descriptor)).toBe(5);
		expect(scannedDataReportId([{ usagePage: 0x8c, usage: 2 }])).toBe(2);
	});
});
