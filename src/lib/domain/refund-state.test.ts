import { describe, expect, it } from 'vitest';
import { isAllBack, refundStates } from './refund-state';

const lines = [
	{ lineId: 'l1', quantity: 2, serials: ['SN-1', 'SN-2'] },
	{ lineId: 'l2', quantity: 4, serials: [] }
];

describe('refundStates', () => {
	it('says per line what came back, when, and what may still come back', () => {
		const states = refundStates(lines, [
			{
				refundedAt: 2000,
				lines: [{ lineId: 'l2', quantity: 1, serials: [], condition: 'faulty' }]
			},
			{
				refundedAt: 1000,
				lines: [
					{ lineId: 'l1', quantity: 1, serials: ['SN-2'], condition: 'stock' },
					{ lineId: 'l2', quantity: 2, serials: [], condition: 'stock' }
				]
			}
		]);
		expect(states.get('l1')).toEqual({
			lineId: 'l1',
			cameBack: [{ at: 1000, quantity: 1, serials: ['SN-2'], condition: 'stock' }],
			leftSerials: ['SN-1'],
			leftQuantity: 1
		});
		expect(states.get('l2')).toMatchObject({
			cameBack: [
				{ at: 1000, quantity: 2 },
				{ at: 2000, quantity: 1, condition: 'faulty' }
			],
			leftQuantity: 1
		});
		expect(isAllBack(states)).toBe(false);
	});

	it('knows when everything came back', () => {
		const states = refundStates(lines, [
			{
				refundedAt: 1,
				lines: [
					{ lineId: 'l1', quantity: 2, serials: ['SN-1', 'SN-2'], condition: 'stock' },
					{ lineId: 'l2', quantity: 4, serials: [], condition: 'stock' }
				]
			}
		]);
		expect(states.get('l1')?.leftSerials).toEqual([]);
		expect(isAllBack(states)).toBe(true);
		expect(isAllBack(refundStates(lines, []))).toBe(false);
	});
});
