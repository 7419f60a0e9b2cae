/**
 * Stock adjustments staff make from a unit's page: mark it faulty, send it
 * for RMA, quarantine it, write it off, put it back in stock. Sales, tickets
 * and refunds change units through their own screens.
 */
import { canApply } from './unit-state';
import type { NewEvent, UnitAction, UnitStatus } from './types';

export const ADJUST_ACTIONS: readonly UnitAction[] = [
	'mark_faulty',
	'send_rma',
	'quarantine',
	'unquarantine',
	'restock',
	'write_off'
];

/** The adjustments allowed from `status`, in menu order. */
export function adjustmentsFrom(status: UnitStatus | 'not_received'): UnitAction[] {
	if (status === 'not_received') return [];
	return ADJUST_ACTIONS.filter((action) => canApply(status, action));
}

export interface AdjustedUnit {
	productId: string;
	serial: string;
	status: UnitStatus | 'not_received';
}

export type Adjustment = { ok: true; event: NewEvent } | { ok: false; error: string };

export const MAX_NOTE = 500;

/**
 * The event for one adjustment, stamped with the status this device saw
 * (so a peer's change made meanwhile shows as a conflict, not overwritten).
 */
export function adjustUnit(unit: AdjustedUnit, action: UnitAction, note: string): Adjustment {
	if (unit.status === 'not_received' || !adjustmentsFrom(unit.status).includes(action)) {
		return {
			ok: false,
			error: `This unit cannot be changed that way while it is ${unit.status.replace('_', ' ')}.`
		};
	}
	if (note.length > MAX_NOTE)
		return { ok: false, error: `The note is longer than ${MAX_NOTE} characters.` };
	return {
		ok: true,
		event: {
			type: 'units.changed',
			action,
			productId: unit.productId,
			serials: [unit.serial],
			ref: null,
			note: note.trim(),
			expected: unit.status
		}
	};
}
