/**
 * Barcode scanners in HID POS mode (USB HID Point of Sale Usage Tables 1.02,
 * usage page 0x8C "Bar Code Scanner"): the scanner sends each code in one or
 * more input reports instead of typing it, so nothing can land in a field.
 *
 * The report parsed here is the Scanned Data Report (usage 0x8C:0x12), input
 * report ID 2 on Honeywell, Zebra, Datalogic and Access-IS scanners. WebHID
 * hands over the report without its ID byte, so the offsets are:
 *
 * | offset | size | field                                                        |
 * |--------|------|--------------------------------------------------------------|
 * | 0      | 1    | length of the decoded data in this report (0–56)             |
 * | 1–3    | 3    | Symbology Identifier 1–3 (usages 0xFB–0xFD): the AIM         |
 * |        |      | identifier (ISO/IEC 15424) "]" + symbology + modifier, e.g.  |
 * |        |      | "]C0" Code 128, "]E0" EAN-13/UPC-A, "]Q1" QR; zeros if off   |
 * | 4–59   | 56   | Decoded Data (usage 0xFE), zero padded                       |
 * | 60     | 1    | the maker's own symbology identifier (Honeywell Code ID)     |
 * | 61     | 1    | reserved                                                     |
 * | 62     | 1    | bit 0: Decode Data Continued (usage 0xFF): more reports of    |
 * |        |      | this code follow                                             |
 *
 * A code longer than 56 bytes comes in several reports, all but the last
 * with the continued bit set. References: Access-IS LSR118 product manual,
 * appendix B "HID reports"; HID Point of Sale Usage Tables 1.02, section 3
 * (usage IDs) and 6.1 (barcode device examples).
 */
import type { ScanFormat } from './types';

export const HID_POS_USAGE_PAGE = 0x8c;
/** Usage 0x02 on page 0x8C: Bar Code Scanner (an application collection). */
export const BARCODE_SCANNER_USAGE = 0x02;
/** The extended usage (page << 16 | id) of Decoded Data, by which the Scanned Data Report is found. */
const DECODED_DATA_USAGE = (HID_POS_USAGE_PAGE << 16) | 0xfe;
/** The Scanned Data Report's ID when the report descriptor does not say. */
export const DEFAULT_SCANNED_DATA_REPORT_ID = 0x02;

const LENGTH_AT = 0;
const AIM_AT = 1;
const DATA_AT = 4;
const DATA_MAX = 56;
const CONTINUED_AT = 62;
/** A code spread over more reports than this is a broken stream: start over. */
const MAX_REPORTS_PER_CODE = 64;

export interface ScannedDataChunk {
	/** The AIM identifier ("]C0"), or '' when the scanner sends none. */
	aim: string;
	data: Uint8Array;
	/** True when more reports of this code follow. */
	continued: boolean;
}

/** Reads one Scanned Data Report (without its ID byte). Null when it is too short to be one. */
export function parseScannedDataReport(report: DataView): ScannedDataChunk | null {
	if (report.byteLength < DATA_AT) return null;
	const length = Math.min(report.getUint8(LENGTH_AT), DATA_MAX, report.byteLength - DATA_AT);
	const aimBytes = [AIM_AT, AIM_AT + 1, AIM_AT + 2].map((i) => report.getUint8(i));
	const aim = aimBytes[0] === 0x5d ? String.fromCharCode(...aimBytes.filter((b) => b !== 0)) : '';
	const data = new Uint8Array(report.buffer, report.byteOffset + DATA_AT, length).slice();
	const continued =
		report.byteLength > CONTINUED_AT && (report.getUint8(CONTINUED_AT) & 0x01) === 1;
	return { aim, data, continued };
}

/**
 * The format an AIM identifier names (ISO/IEC 15424 symbology characters:
 * A Code 39, C Code 128, E EAN/UPC, Q QR Code, d Data Matrix). A 12-digit
 * "]E0" is a UPC-A sent without its leading zero.
 */
export function formatOfAim(aim: string, code: string): ScanFormat {
	switch (aim.charAt(1)) {
		case 'A':
			return 'code39';
		case 'C':
			return 'code128';
		case 'E':
			if (aim.charAt(2) !== '0') return 'unknown'; // EAN-8 and add-ons
			return code.length === 12 ? 'upca' : 'ean13';
		case 'Q':
			return 'qr';
		case 'd':
			return 'datamatrix';
		default:
			return 'unknown';
	}
}

/** AIM identifiers of GS1 codes: GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar, GS1 DotCode. */
const GS1_AIMS = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * The decoded bytes as text: UTF-8 when they are valid UTF-8 (QR codes),
 * else ISO-8859-1 (Code 128's own character set). A trailing CR/LF that a
 * scanner adds as its suffix is dropped.
 */
export function textOfScan(bytes: Uint8Array): string {
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		text = latin1.decode(bytes);
	}
	return text.replace(/[\r\n]+$/, '');
}

export interface HidPosScan {
	code: string;
	format: ScanFormat;
	aim: string;
	/** How many reports carried it. */
	reports: number;
}

/** Joins the reports of one scanner into scans. One per device. */
export class HidPosAssembler {
	private chunks: Uint8Array[] = [];
	private aim = '';

	constructor(private readonly reportId = DEFAULT_SCANNED_DATA_REPORT_ID) {}

	/** One input report; a scan when it completes one, null otherwise (or when the code is empty). */
	push(reportId: number, report: DataView): HidPosScan | null {
		if (reportId !== this.reportId) return null;
		const chunk = parseScannedDataReport(report);
		if (!chunk) return null;
		if (this.chunks.length === 0) this.aim = chunk.aim;
		this.chunks.push(chunk.data);
		if (chunk.continued && this.chunks.length < MAX_REPORTS_PER_CODE) return null;
		const reports = this.chunks.length;
		const bytes = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
		let at = 0;
		for (const c of this.chunks) {
			bytes.set(c, at);
			at += c.length;
		}
		this.chunks = [];
		// A broken stream (too many reports) is dropped rather than guessed at.
		if (chunk.continued) return null;
		const text = textOfScan(bytes);
		if (!text) return null;
		// A GS1 code is known by its identifier (gs1.ts): it stays in front of the data.
		const code = GS1_AIMS.has(this.aim) ? `${this.aim}${text}` : text;
		return { code, format: formatOfAim(this.aim, text), aim: this.aim, reports };
	}
}

/** The subset of WebHID's HIDCollectionInfo that finding the report needs. */
export interface HidCollectionLike {
	usagePage?: number;
	usage?: number;
	inputReports?: { reportId?: number; items?: { usages?: number[] }[] }[];
	children?: HidCollectionLike[];
}

/** True when a device has a Bar Code Scanner collection (usage page 0x8C, usage 0x02). */
export function isBarcodeScanner(collections: readonly HidCollectionLike[]): boolean {
	return collections.some(
		(c) =>
			(c.usagePage === HID_POS_USAGE_PAGE && c.usage === BARCODE_SCANNER_USAGE) ||
			isBarcodeScanner(c.children ?? [])
	);
}

/** The ID of the input report that carries Decoded Data, from the report descriptor; 2 if none says. */
export function scannedDataReportId(collections: readonly HidCollectionLike[]): number {
	for (const c of collections) {
		for (const report of c.inputReports ?? []) {
			if (report.items?.some((item) => item.usages?.includes(DECODED_DATA_USAGE))) {
				return report.reportId ?? DEFAULT_SCANNED_DATA_REPORT_ID;
			}
		}
		const nested = scannedDataReportId(c.children ?? []);
		if (nested !== DEFAULT_SCANNED_DATA_REPORT_ID) return nested;
	}
	return DEFAULT_SCANNED_DATA_REPORT_ID;
}
