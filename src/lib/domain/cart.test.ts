import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from './hlc';
import {
	checkSale,
	lineTotal,
	unsellableReason,
	wrongProductProblem,
	type DraftLine,
	type DraftSale
} from './cart';

const line = (over: Partial<DraftLine> = {}): DraftLine => ({
	lineId: 'l1',
	productId: 'p1',
	name: 'Pixel 9',
	serialised: true,
	price: '100.00',
	quantity: '1',
	serials: ['SN1'],
	customerWarrantyDays: 365,
	...over
});
const sale = (lines: DraftLine[], paymentAmount = '1000'): DraftSale => ({
	lines,
	customer: { name: '', phone: '', email: '' },
	paymentMethod: 'cash',
	paymentAmount
});

describe('checkSale', () => {
	it('completes a serialised line and a quantity line, with change due', () => {
		const r = checkSale(
			sale(
				[
					line(),
					line({
						lineId: 'l2',
						productId: 'p2',
						name: 'Case',
						serialised: false,
						price: '5.50',
						quantity: '2',
						serials: []
					})
				],
				'120'
			)
		);
		expect(r.ok && r.sale.total).toBe(11_100);
		expect(r.ok && r.sale.change).toBe(900);
		expect(r.ok && r.sale.lines[1]?.serials).toEqual([]);
	});

	it('refuses an empty sale', () => {
		expect(checkSale(sale([]))).toEqual({
			ok: false,
			errors: [expect.stringContaining('The sale is empty')]
		});
	});

	it('completes a serialised line only when its quantity equals its number of serials', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }),
				fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,6}$/), { maxLength: 6 }),
				(qty, serials) => {
					const r = checkSale(sale([line({ quantity: String(qty), serials })], '100000'));
					expect(r.ok).toBe(qty === serials.length);
					if (!r.ok && serials.length < qty)
						expect(r.errors.join(' ')).toContain(`Choose ${qty - serials.length} more`);
				}
			)
		);
	});

	it('refuses negative or non-numeric prices, quantities and payments, naming the line', () => {
		const r = checkSale(
			sale(
				[
					line({ price: '-1' }),
					line({ lineId: 'l2', productId: 'p2', serialised: false, serials: [], quantity: 'two' })
				],
				'abc'
			)
		);
		expect(r.ok).toBe(false);
		const text = !r.ok ? r.errors.join('\n') : '';
		expect(text).toContain('Line 1 (Pixel 9): price cannot be negative');
		expect(text).toContain('Line 2 (Pixel 9): quantity must be a number');
		expect(text).toContain('Amount paid must be an amount');
		expect(checkSale(sale([line({ serialised: false, serials: [], quantity: '-2' })])).ok).toBe(
			false
		);
		expect(checkSale(sale([line()], '-5')).ok).toBe(false);
	});

	it('refuses a payment short of the total and the same serial on two lines', () => {
		const short = checkSale(sale([line()], '99.99'));
		expect(!short.ok && short.errors[0]).toContain('less than the total (100.00)');
		const twice = checkSale(sale([line(), line({ lineId: 'l2' })]));
		expect(!twice.ok && twice.errors[0]).toContain('serial SN1 is also on line 1');
	});

	describe('with the store setting Customer required for serialised sales', () => {
		const required = { customerRequiredForSerialised: true };
		const withCustomer = (draft: DraftSale, name: string, phone = ''): DraftSale => ({
			...draft,
			customer: { name, phone, email: '' }
		});
		const cable = line({ lineId: 'l2', productId: 'p2', name: 'Cable', serialised: false });
		const quantityOnly = sale([{ ...cable, serials: [] }]);

		it('refuses serialised stock without a customer name or phone, saying what is missing', () => {
			const r = checkSale(sale([line(), { ...cable, serials: [] }]), required);
			expect(r).toEqual({
				ok: false,
				errors: [
					"Enter the customer's name or phone: this store requires a customer for sales of serialised stock (Pixel 9)."
				]
			});
			// Blank is missing too.
			expect(checkSale(withCustomer(sale([line()]), '  ', ' '), required).ok).toBe(false);
		});

		it('takes a name or a phone, and asks nothing of a sale without serialised stock', () => {
			expect(checkSale(withCustomer(sale([line()]), 'Ann Lee'), required).ok).toBe(true);
			expect(checkSale(withCustomer(sale([line()]), '', '0400 000 000'), required).ok).toBe(true);
			expect(checkSale(quantityOnly, required).ok).toBe(true);
		});

		it('asks nothing while the setting is off', () => {
			expect(checkSale(sale([line()])).ok).toBe(true);
			expect(checkSale(sale([line()]), { customerRequiredForSerialised: false }).ok).toBe(true);
		});
	});

	it('shows a line total only for valid numbers', () => {
		expect(lineTotal({ price: '2.50', quantity: '3' })).toBe(750);
		expect(lineTotal({ price: 'x', quantity: '3' })).toBeNull();
	});
});

describe('unsellableReason', () => {
	const at = formatHlc({ wall: Date.UTC(2025, 2, 4), counter: 0, device: 'devA' });
	const base = { productId: 'p1', serial: 'SN1', facts: [] };
	it('says why a unit cannot be sold', () => {
		expect(unsellableReason({ ...base, status: 'in_stock', holder: null }, 'c1')).toBeNull();
		expect(
			unsellableReason(
				{
					...base,
					status: 'sold',
					holder: { kind: 'sale', id: 's1', device: 'devA' },
					facts: [{ eventId: 'e', at, device: 'devA', kind: 'sell', refKind: 'sale', refId: 's1' }]
				},
				'c1',
				() => 'sale R-7'
			)
		).toBe('Serial SN1 was already sold on 2025-03-04 (sale R-7).');
		expect(
			unsellableReason(
				{ ...base, status: 'reserved', holder: { kind: 'cart', id: 'c2', device: 'devB' } },
				'c1'
			)
		).toBe('Serial SN1 is in another cart, on device devB.');
		expect(
			unsellableReason(
				{ ...base, status: 'reserved', holder: { kind: 'ticket', id: 't1', device: 'devB' } },
				'c1'
			)
		).toContain('repair ticket');
		expect(unsellableReason({ ...base, status: 'faulty', holder: null }, 'c1')).toContain('faulty');
		expect(unsellableReason({ ...base, status: 'quarantined', holder: null }, 'c1')).toContain(
			'quarantined'
		);
	});
	it('names both products when a serial is scanned into the wrong line', () => {
		expect(wrongProductProblem('SN1', 'Pixel 9', 'iPhone 15')).toBe(
			'Serial SN1 is a iPhone 15, not a Pixel 9: it cannot go on this line.'
		);
	});
});
