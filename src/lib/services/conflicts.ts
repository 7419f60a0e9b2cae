/**
 * Resolving a unit's conflicts and adjusting a unit's status: the screen
 * passes what staff chose, the domain decides the events, the ledger appends
 * them. Results, not messages on screen (STYLE.md 5).
 */
import { adjustUnit } from '$lib/domain/adjust';
import { resolveConflicts } from '$lib/domain/resolve';
import type { UnitAction } from '$lib/domain/types';
import type { Runtime } from './runtime';

export type Result = { ok: true } | { ok: false; error: string };

/** Closes every open conflict of one unit with the state the manager chose. */
export async function resolveUnit(
	rt: Runtime,
	productId: string,
	serial: string,
	status: string,
	note: string
): Promise<Result> {
	const unit = await rt.db.units.get([productId, serial]);
	const open = unit ? await rt.db.conflicts.bulkGet(unit.conflictIds) : [];
	const conflicts = open.filter((c) => c !== undefined);
	const decided = resolveConflicts(conflicts, status, note);
	if (!decided.ok) return decided;
	await rt.ledger.append(decided.events);
	return { ok: true };
}

/** A stock adjustment of one unit, decided from the status this device shows. */
export async function adjustUnitStatus(
	rt: Runtime,
	productId: string,
	serial: string,
	action: UnitAction,
	note: string
): Promise<Result> {
	const unit = await rt.db.units.get([productId, serial]);
	if (!unit) return { ok: false, error: 'That unit is not in this store.' };
	const decided = adjustUnit(unit, action, note);
	if (!decided.ok) return decided;
	await rt.ledger.append([decided.event]);
	return { ok: true };
}
