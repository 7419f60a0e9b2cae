import { describe, expect, it } from 'vitest';
import { canMoveTicket, isNewerSave, ticketChargeProblems } from './ticket';

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
	it('keeps the last save by clock, ties by event id, whatever the arrival order', () => {
		const a = { at: '1', eventId: 'e2' };
		const b = { at: '2', eventId: 'e1' };
		const c = { at: '2', eventId: 'e3' };
		const keep = (saves: (typeof a)[]) =>
			saves.reduce<typeof a | null>((held, s) => (isNewerSave(s, held) ? s : held), null);
		for (const order of [
			[a, b, c],
			[c, b, a],
			[b, a, c],
			[a, c, b]
		])
			expect(keep(order)).toBe(c);
	});
});
