/**
 * The scan stream. Sources `emit`; screens `claim` scans while they are in
 * front. The most recent claim gets every scan; when it is released the
 * previous one gets them again. With no claim, the default handler (find the
 * unit or product anywhere, which opens another screen) does — unless a
 * screen `protect`s typed work it has not saved: then the scan is refused
 * with the reason, and nothing typed is lost. Listeners (`watch`) see every
 * scan too, e.g. the scanner test page and scan feedback.
 *
 * The root layout makes the page's one bus and hands it down (app-context.ts).
 */
import type { ScanEvent } from './types';

/** What a handler made of a scan: feedback follows it. */
export type ScanOutcome = { ok: true } | { ok: false; message: string };
export type ScanHandler = (scan: ScanEvent) => ScanOutcome | Promise<ScanOutcome>;
/** Why a scan must not open another screen now (unsaved typing), or null when it may. */
export type ScanGuard = (scan: ScanEvent) => string | null;

export class ScanBus {
	private claims: ScanHandler[] = [];
	private watchers = new Set<(scan: ScanEvent, outcome: ScanOutcome) => void>();
	private fallback: ScanHandler | null = null;
	private guards: ScanGuard[] = [];

	setDefault(handler: ScanHandler | null): void {
		this.fallback = handler;
	}

	/** The caller handles every scan until it calls the returned release. */
	claim(handler: ScanHandler): () => void {
		this.claims.push(handler);
		return () => {
			this.claims = this.claims.filter((h) => h !== handler);
		};
	}

	/**
	 * While `guard` gives a reason (unsaved typing on the screen), scans that
	 * no one claimed are refused with it instead of reaching the default
	 * handler. Claims still get their scans. Returns the release.
	 */
	protect(guard: ScanGuard): () => void {
		this.guards.push(guard);
		return () => {
			this.guards = this.guards.filter((g) => g !== guard);
		};
	}

	watch(listener: (scan: ScanEvent, outcome: ScanOutcome) => void): () => void {
		this.watchers.add(listener);
		return () => this.watchers.delete(listener);
	}

	async emit(scan: ScanEvent): Promise<ScanOutcome> {
		const claim = this.claims.at(-1);
		const guarded = claim ? null : this.guardReason(scan);
		const handler = claim ?? this.fallback;
		let outcome: ScanOutcome;
		if (!scan.code) outcome = { ok: false, message: 'Empty scan ignored' };
		else if (guarded) outcome = { ok: false, message: guarded };
		else if (!handler) outcome = { ok: false, message: `Nothing here takes a scan: ${scan.code}` };
		else {
			try {
				outcome = await handler(scan);
			} catch (error) {
				outcome = { ok: false, message: `Scan failed: ${String(error)}` };
			}
		}
		for (const w of this.watchers) w(scan, outcome);
		return outcome;
	}

	private guardReason(scan: ScanEvent): string | null {
		for (const guard of [...this.guards].reverse()) {
			const reason = guard(scan);
			if (reason) return reason;
		}
		return null;
	}
}
