/**
 * The scanner test page's list: every scan with its source, format, timing
 * and what the screen made of it, newest first. Takes its bus in the
 * constructor; `stop` when the page goes.
 */
import type { ScanBus, ScanOutcome } from './scan-bus';
import type { ScanEvent, ScanSource } from './types';
import { wedgeTiming, type WedgeTiming } from './wedge-source';

export interface LoggedScan {
	/** 1 for the first scan since the page opened. */
	n: number;
	code: string;
	source: ScanSource;
	format: ScanEvent['format'];
	at: number;
	/** Milliseconds since the previous scan; null for the first. */
	sinceLastMs: number | null;
	wedge: WedgeTiming | undefined;
	outcome: ScanOutcome;
}

export const SOURCE_LABELS: Record<ScanSource, string> = {
	wedge: 'Keyboard wedge',
	hid: 'HID scanner',
	camera: 'Camera'
};

/** Enough for any setup session; older scans drop off the end. */
const KEEP = 5000;

export class ScanLog {
	/** Newest first. Raw: entries never change, and a copy per scan beats a deep proxy. */
	scans = $state.raw<LoggedScan[]>([]);
	count = $state(0);
	private lastAt: number | null = null;
	private readonly stopWatching: () => void;

	constructor(bus: Pick<ScanBus, 'watch'>) {
		this.stopWatching = bus.watch((scan, outcome) => this.add(scan, outcome));
	}

	clear(): void {
		this.scans = [];
		this.count = 0;
		this.lastAt = null;
	}

	stop(): void {
		this.stopWatching();
	}

	private add(scan: ScanEvent, outcome: ScanOutcome) {
		this.count += 1;
		const entry: LoggedScan = {
			n: this.count,
			code: scan.code,
			source: scan.source,
			format: scan.format,
			at: scan.at,
			sinceLastMs: this.lastAt === null ? null : scan.at - this.lastAt,
			wedge: wedgeTiming(scan),
			outcome
		};
		this.lastAt = scan.at;
		this.scans = [entry, ...this.scans.slice(0, KEEP - 1)];
	}
}

/** "5.2 ms a key (slowest 7.9) · 47 ms in all" for a wedge scan. */
export function describeWedgeTiming(t: WedgeTiming): string {
	return `${t.meanGapMs.toFixed(1)} ms a key (slowest ${t.maxGapMs.toFixed(1)}) · ${Math.round(t.durationMs)} ms in all`;
}
