/**
 * The order every tie in the projection is broken by (DESIGN.md, The
 * ledger): an event's clock, then its id. Arrival order never decides.
 */
import type { Hlc } from './types';

/** What orders one write against another: its clock, then its event id. */
export interface Stamp {
	at: Hlc;
	eventId: string;
}

/** Clock order, ties broken by event id: a total order on events. */
export function compareStamps(a: Stamp, b: Stamp): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** Whether `a` comes after `b` (or `b` is missing). */
export function isLater(a: Stamp, b: Stamp | null | undefined): boolean {
	return !b || compareStamps(a, b) > 0;
}
