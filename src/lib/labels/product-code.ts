/**
 * What a product label (a product counted by quantity, not by serial)
 * carries as its barcode: the product's own barcode, as EAN-13 when it is a
 * valid EAN-13 (what the POS scanners expect from retail goods), else as
 * Code 128; without one, the stock code, which the scan router also finds.
 */
import type { Symbology } from './barcode-fit';

export interface LabelCode {
	code: string;
	symbology: Symbology;
}

/** EAN-13: 13 digits whose last is the GS1 mod-10 check digit of the first 12. */
export function isValidEan13(code: string): boolean {
	if (!/^\d{13}$/.test(code)) return false;
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
	return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/** Code 128 carries ASCII; we print only what a keyboard-wedge scanner types back: 0x20–0x7E, no edge spaces. */
export function isCode128Safe(code: string): boolean {
	return code.length > 0 && code === code.trim() && /^[\x20-\x7e]+$/.test(code);
}

export function productLabelCode(product: {
	barcode: string;
	stockCode: string;
}): LabelCode | null {
	const barcode = product.barcode.trim();
	if (isValidEan13(barcode)) return { code: barcode, symbology: 'EAN13' };
	if (isCode128Safe(barcode)) return { code: barcode, symbology: 'CODE128' };
	const stockCode = product.stockCode.trim();
	if (isCode128Safe(stockCode)) return { code: stockCode, symbology: 'CODE128' };
	return null;
}
