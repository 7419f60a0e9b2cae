import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldUnit } from './unit-state';
import { formatHlc } from './hlc';
import { UNIT_ACTIONS, type UnitFact } from './types';

function fact(
	n: number,
	kind: UnitFact['kind'],
	refId: string | null = null,
	device = 'd1'
): UnitFact {
	return {
		eventId: `e${n}`,
		at: formatHlc({ wall: 1000 + n, counter: 0, device }),
		device,
		kind,
		refKind: kind === 'received' ? 'receipt' : refId ? 'sale' : null,
		refId
	};
}

describe('unit fold', () => {
	it('follows a unit through its whole life', () => {
		const facts = [
			fact(1, 'received', 'r1'),
			fact(2, 'reserve', 's1'),
			fact(3, 'sell', 's1'),
			fact(4, 'return', 'f1'),
			fact(5, 'mark_faulty', 'f1'),
			fact(6, 'send_rma', 'rma1'),
			fact(7, 'restock', 'rma1'),
			fact(8, 'quarantine', 'rc1'),
			fact(9, 'unquarantine', 'rc1'),
			fact(10, 'use', 't1')
		];
		const fold = foldUnit('p', 'SN1', facts);
		expect(fold.status).toBe('used');
		expect(fold.receiptId).toBe('r1');
		expect(fold.holder?.id).toBe('t1');
		expect(fold.conflicts).toEqual([]);
	});

	it('keeps a second sale as a conflict, not a new state', () => {
		const fold = foldUnit('p', 'SN1', [
			fact(1, 'received', 'r1'),
			fact(2, 'sell', 'saleA', 'devA'),
			fact(3, 'sell', 'saleB', 'devB')
		]);
		expect(fold.status).toBe('sold');
		expect(fold.holder?.id).toBe('saleA');
		expect(fold.conflicts).toHaveLength(1);
		expect(fold.conflicts[0]?.reason).toContain('sold while sold');
	});

	it('keeps a second receipt as a conflict and the first receipt as the source', () => {
		const fold = foldUnit('p', 'SN1', [fact(2, 'received', 'r2'), fact(1, 'received', 'r1')]);
		expect(fold.receiptId).toBe('r1');
		expect(fold.conflicts.map((c) => c.eventId)).toEqual(['e2']);
	});

	it('refuses a sale of a unit reserved in another cart', () => {
		const fold = foldUnit('p', 'SN1', [
			fact(1, 'received', 'r1'),
			fact(2, 'reserve', 'cartA'),
			fact(3, 'sell', 'cartB')
		]);
		expect(fold.status).toBe('reserved');
		expect(fold.conflicts).toHaveLength(1);
	});

	it('a resolution settles the conflict it names', () => {
		const facts = [fact(1, 'received', 'r1'), fact(2, 'sell', 'a'), fact(3, 'sell', 'b')];
		const conflictId = foldUnit('p', 'SN1', facts).conflicts[0]?.id ?? '';
		const resolved: UnitFact = {
			...fact(4, 'resolved', conflictId),
			refKind: 'conflict',
			status: 'sold'
		};
		const fold = foldUnit('p', 'SN1', [...facts, resolved]);
		expect(fold.conflicts).toEqual([]);
		expect(fold.status).toBe('sold');
	});

	it('gives the same state and conflicts whatever order the facts arrive in', () => {
		const kinds = ['received', ...UNIT_ACTIONS] as const;
		const arbFacts = fc
			.array(
				fc.record({
					kind: fc.constantFrom(...kinds),
					wall: fc.integer({ min: 0, max: 50 }),
					device: fc.constantFrom('a', 'b', 'c'),
					ref: fc.constantFrom('x', 'y', 'z')
				}),
				{ maxLength: 25 }
			)
			.map((rows) =>
				rows.map((r, i): UnitFact => ({
					eventId: `e${i}`,
					at: formatHlc({ wall: r.wall, counter: 0, device: r.device }),
					device: r.device,
					kind: r.kind,
					refKind: 'sale',
					refId: r.ref
				}))
			);
		fc.assert(
			fc.property(
				arbFacts.chain((facts) =>
					fc.tuple(
						fc.constant(facts),
						fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length })
					)
				),
				([facts, shuffled]) => {
					expect(foldUnit('p', 's', shuffled)).toEqual(foldUnit('p', 's', facts));
				}
			)
		);
	});

	it('counts an event delivered twice once', () => {
		const once = foldUnit('p', 'SN1', [fact(1, 'received', 'r1'), fact(2, 'sell', 's')]);
		const twice = foldUnit('p', 'SN1', [
			fact(1, 'received', 'r1'),
			fact(2, 'sell', 's'),
			fact(2, 'sell', 's')
		]);
		expect(twice).toEqual(once);
	});

	it('keeps two changes made apart as a conflict, whichever arrives first', () => {
		// Both devices saw the unit in stock; A quarantined it, B wrote it off.
		// In sequence both moves are allowed, but neither device knew of the other.
		const quarantine: UnitFact = { ...fact(2, 'quarantine', null, 'devA'), expected: 'in_stock' };
		const writeOff: UnitFact = { ...fact(3, 'write_off', null, 'devB'), expected: 'in_stock' };
		const received = fact(1, 'received', 'r1');
		const one = foldUnit('p', 'SN1', [received, quarantine, writeOff]);
		const other = foldUnit('p', 'SN1', [writeOff, received, quarantine]);
		expect(other).toEqual(one);
		expect(one.status).toBe('quarantined');
		expect(one.conflicts.map((c) => c.eventId)).toEqual(['e3']);
		expect(one.conflicts[0]?.reason).toBe(
			'written off on device devB, which saw it in stock, while another device had made it quarantined'
		);
		// A change made knowing the current status is no conflict.
		const followed = foldUnit('p', 'SN1', [
			received,
			quarantine,
			{ ...writeOff, expected: 'quarantined' }
		]);
		expect(followed.status).toBe('written_off');
		expect(followed.conflicts).toEqual([]);
	});
});
