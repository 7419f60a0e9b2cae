/**
 * Resolving conflicts: a manager decides what state a unit is really in. The
 * decision is an event like any other (it syncs, and the fold applies it at
 * its place in clock order); each open conflict of the unit is named, so the
 * fold closes exactly those.
 */
import { UNIT_STATUSES, type NewEvent, type UnitConflict, type UnitStatus } from './types';

export const MAX_RESOLUTION_NOTE = 500;

export type Resolution = { ok: true; events: NewEvent[] } | { ok: false; error: string };

export function resolveConflicts(
	conflicts: readonly Pick<UnitConflict, 'id' | 'productId' | 'serial'>[],
	status: string,
	note: string
): Resolution {
	if (conflicts.length === 0) return { ok: false, error: 'There is nothing to resolve.' };
	if (!UNIT_STATUSES.includes(status as UnitStatus))
		return { ok: false, error: 'Choose the state the unit is in.' };
	if (note.length > MAX_RESOLUTION_NOTE) {
		return { ok: false, error: `The note is longer than ${MAX_RESOLUTION_NOTE} characters.` };
	}
	return {
		ok: true,
		events: conflicts.map((c) => ({
			type: 'conflict.resolved',
			conflictId: c.id,
			productId: c.productId,
			serial: c.serial,
			status: status as UnitStatus,
			note: note.trim()
		}))
	};
}
