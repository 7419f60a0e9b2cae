import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkRefund,
	defaultRefundSerials,
	alreadyReturned,
	unitRefundProblem,
	type RefundRequestLine,
	type SaleForRefund
} from './refund';
import type { SaleLine } from './types';

const phones: SaleLine = {
	lineId: 'l1',
	productId: 'p1',
	name: 'Pixel 9',
	unitPrice: 50_000,
	quantity: 3,
	serials: ['A1', 'A2', 'A3'],
	customerWarrantyDays: 365,
	bundleLineId: null
};
const cases: SaleLine = {
	lineId: 'l2',
	productId: 'p2',
	name: 'Case',
	unitPrice: 1_000,
	quantity: 4,
	serials: [],
	customerWarrantyDays: 0,
	bundleLineId: null
};
const sale: SaleForRefund = { saleId: 's1', receiptNo: 'R-1', lines: [phones, cases] };

describe('checkRefund', () => {
	it('refunds some units and some quantity', () => {
		const r = checkRefund(
			sale,
			[],
			[
				{ lineId: 'l1', quantity: '', serials: ['A2'], condition: 'faulty' },
				{ lineId: 'l2', quantity: '2', serials: [], condition: 'stock' }
			]
		);
		expect(r).toEqual({
			ok: true,
			total: 52_000,
			lines: [
				expect.objectContaining({ serials: ['A2'], quantity: 1, amount: 50_000 }),
				expect.objectContaining({ quantity: 2, amount: 2_000 })
			]
		});
	});

	it('refuses a unit not in the sale, a unit twice, and more than was sold', () => {
		const prior = [
			{
				lines: [
					{ lineId: 'l1', quantity: 1, serials: ['A1'] },
					{ lineId: 'l2', quantity: 3, serials: [] }
				]
			}
		];
		const r = checkRefund(sale, prior, [
			{ lineId: 'l1', quantity: '', serials: ['A1', 'ZZ'], condition: 'stock' },
			{ lineId: 'l2', quantity: '2', serials: [], condition: 'stock' }
		]);
		expect(r.ok).toBe(false);
		const text = !r.ok ? r.errors.join('\n') : '';
		expect(text).toContain('Serial A1 was already refunded');
		expect(text).toContain('Serial ZZ is not part of sale R-1');
		expect(text).toContain('only 1 of 4 sold is left');
		expect(checkRefund(sale, [], []).ok).toBe(false);
		expect(
			checkRefund(sale, [], [{ lineId: 'l2', quantity: '-1', serials: [], condition: 'stock' }]).ok
		).toBe(false);
	});

	it('never refunds more units than were sold, however refunds are split', () => {
		fc.assert(
			fc.property(fc.array(fc.subarray(['A1', 'A2', 'A3', 'B9']), { maxLength: 5 }), (attempts) => {
				const prior: { lines: { lineId: string; quantity: number; serials: string[] }[] }[] = [];
				for (const serials of attempts) {
					const r = checkRefund(sale, prior, [
						{ lineId: 'l1', quantity: '', serials, condition: 'stock' }
					]);
					if (r.ok) prior.push({ lines: r.lines });
				}
				const back = prior.flatMap((p) => p.lines.flatMap((l) => l.serials));
				expect(new Set(back).size).toBe(back.length);
				expect(back.every((s) => phones.serials.includes(s))).toBe(true);
			})
		);
	});

	it('chooses the unit of a one-unit line already', () => {
		const one = { ...phones, quantity: 1, serials: ['A1'] };
		expect(defaultRefundSerials(one, alreadyReturned(sale, []))).toEqual(['A1']);
		expect(defaultRefundSerials(phones, alreadyReturned(sale, []))).toEqual([]);
		expect(unitRefundProblem(sale, alreadyReturned(sale, []), 'p2', 'A1')).toContain(
			'not part of sale'
		);
	});
});

describe('a bundle comes back whole', () => {
	const bundle = (lineId: string, over: Partial<SaleLine>): SaleLine => ({
		...phones,
		lineId,
		quantity: 1,
		serials: [],
		bundleLineId: null,
		...over
	});
	const kitSale: SaleForRefund = {
		saleId: 's2',
		receiptNo: 'R-2',
		lines: [
			bundle('k', { productId: 'kit', name: 'Phone kit', unitPrice: 60_000 }),
			bundle('kp', { productId: 'p1', unitPrice: 0, serials: ['A9'], bundleLineId: 'k' }),
			bundle('kw', {
				productId: 'w',
				name: 'Watch',
				unitPrice: 0,
				quantity: 2,
				serials: ['W1', 'W2'],
				bundleLineId: 'k'
			})
		]
	};
	const kitBack: RefundRequestLine = {
		lineId: 'k',
		quantity: '1',
		serials: [],
		condition: 'stock'
	};
	const phoneBack: RefundRequestLine = {
		lineId: 'kp',
		quantity: '1',
		serials: ['A9'],
		condition: 'stock'
	};
	const watchBack: RefundRequestLine = {
		lineId: 'kw',
		quantity: '2',
		serials: ['W1', 'W2'],
		condition: 'faulty'
	};
	const whole = [kitBack, phoneBack, watchBack];

	it('refunds the bundle price with every unit, each part naming the bundle', () => {
		const r = checkRefund(kitSale, [], whole);
		expect(r.ok && r.total).toBe(60_000);
		expect(r.ok && r.lines.map((l) => [l.lineId, l.serials, l.bundleLineId ?? null])).toEqual([
			['k', [], null],
			['kp', ['A9'], 'k'],
			['kw', ['W1', 'W2'], 'k']
		]);
	});
	it('refuses a part without its bundle, and a bundle without all its units', () => {
		const r = checkRefund(kitSale, [], [kitBack, watchBack]);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors).toEqual([
			'Line 2 (Pixel 9): the bundle Phone kit comes back whole, with all 1 of its Pixel 9.'
		]);
		const part = checkRefund(kitSale, [], [phoneBack]);
		expect(!part.ok && part.errors).toEqual([
			'Line 2 (Pixel 9) is part of the bundle Phone kit: refund the bundle, it comes back whole.'
		]);
		const short = checkRefund(kitSale, [], [kitBack, phoneBack, { ...watchBack, serials: ['W1'] }]);
		expect(!short.ok && short.errors).toEqual([
			'Line 3 (Watch): the bundle Phone kit comes back whole, with all 2 of its Watch.'
		]);
	});
	it('refuses the same bundle twice', () => {
		const r = checkRefund(
			kitSale,
			[{ lines: [{ lineId: 'k', quantity: 1, serials: [] }] }],
			[kitBack]
		);
		expect(r.ok).toBe(false);
	});
});
