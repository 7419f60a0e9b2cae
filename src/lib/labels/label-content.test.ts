import { describe, expect, it } from 'vitest';
import {
	gs1UnitLabelItems,
	MIN_TEXT_PT,
	monoTextPt,
	productLabelItems,
	unitLabelItems,
	type LabelProduct
} from './label-content';

const product: LabelProduct = {
	id: 'p1',
	name: '<b>Drill</b>',
	stockCode: 'DR-1',
	barcode: '',
	price: 12_999
};
const price = (minor: number) => (minor / 100).toFixed(2);

describe('label content', () => {
	it('one unit label per serial, with the optional lines chosen', () => {
		const items = unitLabelItems(
			product,
			['S-1', 'S-2'],
			{ price: true, stockCode: true, storeName: true },
			' Camden ',
			price
		);
		expect(items).toEqual([
			{
				key: 'S-1',
				title: '<b>Drill</b>',
				text: 'S-1',
				code: 'S-1',
				symbology: 'CODE128',
				price: '129.99',
				stockCode: 'DR-1',
				store: 'Camden'
			},
			{
				key: 'S-2',
				title: '<b>Drill</b>',
				text: 'S-2',
				code: 'S-2',
				symbology: 'CODE128',
				price: '129.99',
				stockCode: 'DR-1',
				store: 'Camden'
			}
		]);
	});

	it('leaves out lines not chosen, and a store name that is blank', () => {
		const [item] = unitLabelItems(
			product,
			['S-1'],
			{ price: false, stockCode: false, storeName: true },
			'  ',
			price
		);
		expect(item).toMatchObject({ price: null, stockCode: null, store: null });
	});

	it('product labels carry the product barcode, as many as asked', () => {
		const items = productLabelItems(
			{ ...product, barcode: '4006381333931' },
			3,
			{ price: false, stockCode: true, storeName: false },
			'',
			price
		);
		expect(items.map((i) => [i.key, i.code, i.symbology])).toEqual([
			['p1#1', '4006381333931', 'EAN13'],
			['p1#2', '4006381333931', 'EAN13'],
			['p1#3', '4006381333931', 'EAN13']
		]);
		expect(
			productLabelItems(
				{ ...product, stockCode: '' },
				2,
				{ price: false, stockCode: false, storeName: false },
				'',
				price
			)
		).toEqual([]);
	});

	it('sizes monospace text to fit one line, down to a floor', () => {
		expect(monoTextPt('A1', 47, 8)).toBe(8);
		const pt = monoTextPt('X'.repeat(30), 47, 8);
		expect(pt).toBeLessThan(8);
		expect(30 * 0.6 * pt * (25.4 / 72)).toBeLessThanOrEqual(47);
		expect(monoTextPt('X'.repeat(200), 47, 8)).toBe(MIN_TEXT_PT);
	});
});

describe('GS1 DataMatrix unit labels', () => {
	const product = { id: 'p', name: 'Stent', stockCode: 'S', barcode: '4006381333931', price: 0 };
	const fields = { price: false, stockCode: false, storeName: false };
	it('carries GTIN, expiry, lot and serial, fixed-length first and the serial last', () => {
		const [item] = gs1UnitLabelItems(
			product,
			['ST-1'],
			() => ({ lot: 'L1', expiry: '2030-03-31' }),
			fields,
			'',
			String
		);
		expect(item).toMatchObject({
			code: '(01)04006381333931(17)300331(10)L1(21)ST-1',
			symbology: 'GS1DATAMATRIX',
			gs1Lines: ['(01) 04006381333931', '(17) 300331', '(10) L1', '(21) ST-1']
		});
		expect(item?.problem).toBeUndefined();
	});

	it('says why a label cannot be made', () => {
		const problems = (p: typeof product, serial: string) =>
			gs1UnitLabelItems(p, [serial], () => ({}), fields, '', String)[0]?.problem;
		expect(problems({ ...product, barcode: '' }, 'A')).toBe(
			'cannot be printed as GS1 DataMatrix: Stent has no GTIN in its barcode field (GTIN-8, -12, -13 or -14)'
		);
		expect(problems(product, 'X'.repeat(21))).toBe(
			'cannot be printed as GS1 DataMatrix: the serial number (21) is 21 characters; the most is 20'
		);
		expect(problems(product, 'A(1)')).toBe(
			'cannot be printed as GS1 DataMatrix: its serial “A(1)” has a bracket, which a GS1 DataMatrix label here cannot print'
		);
	});
});
