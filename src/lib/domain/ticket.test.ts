import { describe, expect, it } from 'vitest';
import { canMoveTicket, ticketChargeProblems } from './ticket';

describe('tickets', () => {
	it('moves one step forward or back, never out of Collected', () => {
		expect(canMoveTicket('open', 'in_progress')).toBe(true);
		expect(canMoveTicket('open', 'collected')).toBe(false);
		expect(canMoveTicket('ready', 'in_progress')).toBe(true);
		expect(canMoveTicket('collected', 'open')).toBe(false);
	});
	it('needs the exact unit of every serialised part before charging', () => {
		expect(
			ticketChargeProblems([{ name: 'Screen', serialised: true, quantity: 1, serials: [] }])
		).toEqual(['Line 1 (Screen): attach 1 more unit with the Serialized button.']);
		expect(
			ticketChargeProblems([{ name: 'Labour', serialised: false, quantity: 1, serials: [] }])
		).toEqual([]);
	});
});
