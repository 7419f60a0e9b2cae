/**
 * Periods: the log of a store is split into one doc per calendar month,
 * by the UTC month of each event's clock. The month comes from the event
 * itself, so every device puts an event in the same period, whatever its
 * own time zone or when the event reached it (docs/ledger.md).
 */
import { hlcWall } from '$lib/domain/hlc';
import type { Hlc } from '$lib/domain/types';

/** A period's name: `p/YYYY-MM`. Names sort in time order. */
export type PeriodName = `p/${string}`;

/** The doc that says what each device has written to each period. */
export const HEAD = 'head';

const PERIOD = /^p\/(\d{4})-(\d{2})$/;

export function periodOfTime(ms: number): PeriodName {
	const d = new Date(ms);
	const month = String(d.getUTCMonth() + 1).padStart(2, '0');
	return `p/${String(d.getUTCFullYear()).padStart(4, '0')}-${month}`;
}

export function periodOf(at: Hlc): PeriodName {
	return periodOfTime(hlcWall(at));
}

export function isPeriodName(name: string): name is PeriodName {
	const m = PERIOD.exec(name);
	return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The first millisecond of a period (UTC). */
export function periodStart(name: PeriodName): number {
	const m = PERIOD.exec(name);
	if (!m) throw new Error(`Not a period: ${name}`);
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
}

/** Newest first. */
export function byNewest(a: string, b: string): number {
	return a < b ? 1 : a > b ? -1 : 0;
}
