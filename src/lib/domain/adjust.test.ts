import { describe, expect, it } from 'vitest';
import { adjustmentsFrom, adjustUnit } from './adjust';

describe('adjustments', () => {
	it('offers only the moves the state machine allows', () => {
		expect(adjustmentsFrom('in_stock')).toEqual(['mark_faulty', 'quarantine', 'write_off']);
		expect(adjustmentsFrom('faulty')).toEqual(['send_rma', 'quarantine', 'restock', 'write_off']);
		expect(adjustmentsFrom('sold')).toEqual([]);
		expect(adjustmentsFrom('not_received')).toEqual([]);
	});

	it('stamps the change with the status this device saw', () => {
		const result = adjustUnit(
			{ productId: 'p1', serial: 'SN1', status: 'in_stock' },
			'write_off',
			' broken screen '
		);
		expect(result).toEqual({
			ok: true,
			event: {
				type: 'units.changed',
				action: 'write_off',
				productId: 'p1',
				serials: ['SN1'],
				ref: null,
				note: 'broken screen',
				expected: 'in_stock'
			}
		});
	});

	it('refuses a move the unit cannot make, or an overlong note', () => {
		expect(
			adjustUnit({ productId: 'p1', serial: 'SN1', status: 'sold' }, 'write_off', '')
		).toMatchObject({ ok: false });
		expect(
			adjustUnit(
				{ productId: 'p1', serial: 'SN1', status: 'in_stock' },
				'quarantine',
				'x'.repeat(501)
			)
		).toMatchObject({ ok: false, error: /note/ });
	});
});
