/**
 * The scan stream. Sources `emit`; screens `claim` scans while they are in
 * front. The most recent claim gets every scan; when it is released the
 * previous one gets them again. With no claim, the default handler (find the
 * unit or product anywhere) does. Listeners (`watch`) see every scan too,
 * e.g. the scanner test page and scan feedback.
 *
 * The root layout makes the page's one bus and hands it down (app-context.ts).
 */
import type { ScanEvent } from './types';

/** What a handler made of a scan: feedback follows it. */
export type ScanOutcome = { ok: true } | { ok: false; message: string };
export type ScanHandler = (scan: ScanEvent) => ScanOutcome | Promise<ScanOutcome>;

export class ScanBus {
	private claims: ScanHandler[] = [];
	private watchers = new Set<(scan: ScanEvent, outcome: ScanOutcome) => void>();
	private fallback: ScanHandler | null = null;

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

	watch(listener: (scan: ScanEvent, outcome: ScanOutcome) => void): () => void {
		this.watchers.add(listener);
		return () => this.watchers.delete(listener);
	}

	async emit(scan: ScanEvent): Promise<ScanOutcome> {
		const handler = this.claims.at(-1) ?? this.fallback;
		let outcome: ScanOutcome;
		if (!scan.code) outcome = { ok: false, message: 'Empty scan ignored' };
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
}
