import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stockShortfalls, type OnHandOf } from './sale-stock';
import type { SaleLine } from './types';

const line = (over: Partial<SaleLine> = {}): SaleLine => ({
	lineId: 'l1',
	productId: 'cable',
	name: 'USB-C Cable',
	unitPrice: 450,
	quantity: 1,
	serials: [],
	customerWarrantyDays: 0,
	bundleLineId: null,
	...over
});
const stock =
	(onHand: Record<string, number | null>): OnHandOf =>
	(id) =>
		onHand[id] ?? null;

describe('stockShortfalls', () => {
	it('refuses a quantity line asking for more than is on hand, naming it', () => {
		expect(stockShortfalls([line({ quantity: 3 })], stock({ cable: 2 }))).toEqual([
			'Line 1 (USB-C Cable): only 2 on hand.'
		]);
		expect(stockShortfalls([line({ quantity: 2 })], stock({ cable: 2 }))).toEqual([]);
	});

	it('adds up lines of one product and lists every short line', () => {
		const lines = [
			line({ quantity: 2 }),
			line({ lineId: 'l2', productId: 'case', name: 'Case', quantity: 5 }),
			line({ lineId: 'l3', quantity: 2 })
		];
		expect(stockShortfalls(lines, stock({ cable: 3, case: 1 }))).toEqual([
			'Line 1 (USB-C Cable): only 3 on hand.',
			'Line 2 (Case): only 1 on hand.',
			'Line 3 (USB-C Cable): only 3 on hand.'
		]);
	});

	it('says 0 on hand when earlier sales took stock below nothing', () => {
		expect(stockShortfalls([line()], stock({ cable: -4 }))).toEqual([
			'Line 1 (USB-C Cable): only 0 on hand.'
		]);
	});

	it('leaves out serialised lines, products stock does not limit, and a bundle’s own line', () => {
		const lines = [
			line({ lineId: 'l1', productId: 'phone', name: 'Pixel 9', serials: ['SN1'] }),
			line({ lineId: 'l2', productId: 'labour', name: 'Labour', quantity: 9 }),
			line({ lineId: 'b1', productId: 'kit', name: 'Starter kit', quantity: 1 }),
			line({ lineId: 'b2', productId: 'cable', quantity: 1, bundleLineId: 'b1' })
		];
		// The kit itself has nothing on hand: only its component counts.
		const onHand = stock({ phone: 0, labour: null, kit: 0, cable: 1 });
		expect(stockShortfalls(lines, onHand)).toEqual([]);
		expect(stockShortfalls([...lines, line({ lineId: 'l5' })], onHand)).toEqual([
			'Line 4 (USB-C Cable): only 1 on hand.',
			'Line 5 (USB-C Cable): only 1 on hand.'
		]);
	});

	it('refuses exactly when the lines of a product ask for more than is on hand', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 5 }),
				fc.integer({ min: 0, max: 60 }),
				(quantities, onHand) => {
					const lines = quantities.map((quantity, i) => line({ lineId: `l${i}`, quantity }));
					const short = stockShortfalls(lines, stock({ cable: onHand }));
					const asked = quantities.reduce((a, b) => a + b, 0);
					expect(short.length).toBe(asked > onHand ? lines.length : 0);
				}
			)
		);
	});
});
