/**
 * Why a save failed, in words a shop assistant understands (DESIGN.md,
 * invariant 8). Screens show this with what the user typed left as it was,
 * and a way to try again.
 */
import { isQuotaError } from '$lib/ledger/log-store';

export function saveFailure(error: unknown, nothing = 'Nothing was saved'): string {
	const name = (error as { name?: string } | null)?.name ?? '';
	const message = error instanceof Error ? error.message : String(error);
	if (isQuotaError(error))
		return `${nothing}: this device's storage is full. Free some space (delete old downloads or apps, or see Settings > Storage), then try again.`;
	if (name === 'HoldError' || name === 'ProjectionError') return message;
	if (name === 'CounterMovedError')
		return `${nothing}: another sale on this device took the same number at the same moment. Try again.`;
	return `${nothing}: this device could not write it (${message}). Try again; if it keeps failing, reload the page.`;
}
