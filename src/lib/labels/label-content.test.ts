import { describe, expect, it } from 'vitest';
import {
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
