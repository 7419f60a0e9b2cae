/**
 * Typed work is never lost to a scan (issue 17): while a screen holds
 * typing it has not saved, a scan that no field or screen claimed is refused
 * with this reason instead of opening another screen over it.
 * Call during component initialisation; released with the component.
 */
import type { ScanBus } from '$lib/scan/scan-bus';

export function unsavedTypingMessage(code: string, what: string): string {
	return `Not opened: ${code}. Save ${what} first, so nothing you typed is lost.`;
}

/** `what` names the unsaved work ("this product") while there is some, else null. */
export function keepTypedWork(bus: Pick<ScanBus, 'protect'>, what: () => string | null): void {
	$effect(() =>
		bus.protect((scan) => {
			const work = what();
			return work ? unsavedTypingMessage(scan.code, work) : null;
		})
	);
}
