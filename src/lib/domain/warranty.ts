/** Warranty ends are whole days after the start, in the shop's local calendar. */
const DAY_MS = 24 * 60 * 60 * 1000;

export const MAX_WARRANTY_DAYS = 36_500;

export function warrantyEnd(startMs: number, days: number): number {
	return startMs + days * DAY_MS;
}

export function isWarrantyRunning(endMs: number, nowMs: number): boolean {
	return nowMs < endMs;
}

export function daysLeft(endMs: number, nowMs: number): number {
	return Math.max(0, Math.ceil((endMs - nowMs) / DAY_MS));
}
