/**
 * Why a save failed, in words a shop assistant understands (DESIGN.md,
 * invariant 8). Screens show this with what the user typed left as it was,
 * and a way to try again.
 */
import { isQuotaError } from '$lib/ledger/log-store';

export function saveFailure(error: unknown): string {
	const name = (error as { name?: string } | null)?.name ?? '';
	const message = error instanceof Error ? error.message : String(error);
	if (isQuotaError(error))
		return "Nothing was saved: this device's storage is full. Free some space (delete old downloads or apps, or see Settings > Storage), then try again.";
	if (name === 'HoldError' || name === 'ProjectionError') return message;
	if (name === 'CounterMovedError')
		return 'Nothing was saved: another sale on this device took the same number at the same moment. Try again.';
	return `Nothing was saved: this device could not write it (${message}). Try again; if it keeps failing, reload the page.`;
}
