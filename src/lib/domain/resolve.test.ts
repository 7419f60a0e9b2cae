import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { resolveConflicts } from './resolve';
import { foldUnit } from './unit-state';
import type { UnitFact } from './types';

const fact = (
	n: number,
	kind: UnitFact['kind'],
	device: string,
	refId: string | null = null
): UnitFact => ({
	eventId: `e${n}`,
	at: formatHlc({ wall: 1000 + n, counter: 0, device }),
	device,
	kind,
	refKind: kind === 'received' ? 'receipt' : 'sale',
	refId
});

describe('resolveConflicts', () => {
	it('names every open conflict of the unit, and the fold closes them at the state chosen', () => {
		const facts = [
			fact(1, 'received', 'a', 'r1'),
			fact(2, 'received', 'b', 'r2'),
			fact(3, 'sell', 'a', 's1'),
			fact(4, 'sell', 'b', 's2')
		];
		const before = foldUnit('p', 'SN1', facts);
		expect(before.conflicts).toHaveLength(2);
		const result = resolveConflicts(before.conflicts, 'sold', ' customer took it ');
		if (!result.ok) throw new Error(result.error);
		expect(result.events).toHaveLength(2);
		expect(result.events[0]).toEqual({
			type: 'conflict.resolved',
			conflictId: before.conflicts[0]!.id,
			productId: 'p',
			serial: 'SN1',
			status: 'sold',
			note: 'customer took it'
		});
		const resolved: UnitFact[] = before.conflicts.map((c, i) => ({
			...fact(5 + i, 'resolved', 'a', c.id),
			refKind: 'conflict',
			status: 'sold'
		}));
		const after = foldUnit('p', 'SN1', [...facts, ...resolved]);
		expect(after.conflicts).toEqual([]);
		expect(after.status).toBe('sold');
	});

	it('refuses an unknown state, an overlong note, or nothing to resolve', () => {
		const one = [{ id: 'c', productId: 'p', serial: 'S' }];
		expect(resolveConflicts(one, 'lost', '')).toMatchObject({ ok: false });
		expect(resolveConflicts(one, 'sold', 'x'.repeat(501))).toMatchObject({
			ok: false,
			error: /note/
		});
		expect(resolveConflicts([], 'sold', '')).toMatchObject({ ok: false });
	});
});
