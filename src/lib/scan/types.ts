/**
 * The one shape every scanner source emits (DESIGN.md, Scanning). Sources
 * know nothing of screens; the screen in front decides what a scan means.
 */
export type ScanSource = 'camera' | 'wedge' | 'hid';

export type ScanFormat = 'code128' | 'code39' | 'ean13' | 'upca' | 'qr' | 'datamatrix' | 'unknown';

export interface ScanEvent {
	/** The decoded text, never empty. */
	code: string;
	format: ScanFormat;
	source: ScanSource;
	/** performance.now() when the scan completed. */
	at: number;
}

/** A source of scans: started and stopped by whoever owns it. */
export interface ScanSourceHandle {
	stop(): void;
}
