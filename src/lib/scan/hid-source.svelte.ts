/**
 * The WebHID scanner source: HID POS barcode scanners (usage page 0x8C).
 * "Connect HID scanner" asks the browser for one (a user gesture is needed
 * once); afterwards the browser remembers the grant, and `start` opens every
 * granted scanner on each page load and whenever one is plugged in again.
 * Each complete Scanned Data Report becomes a scan (hid-pos.ts).
 */
import type { ScanBus } from './scan-bus';
import type { ScanEvent } from './types';
import {
	HID_POS_USAGE_PAGE,
	HidPosAssembler,
	isBarcodeScanner,
	scannedDataReportId,
	type HidCollectionLike
} from './hid-pos';

/** The parts of WebHID used here (TypeScript's DOM library has no WebHID types). */
export interface HidDeviceLike extends EventTarget {
	readonly opened: boolean;
	readonly vendorId: number;
	readonly productId: number;
	readonly productName: string;
	readonly collections: HidCollectionLike[];
	open(): Promise<void>;
	close(): Promise<void>;
}

export interface HidLike extends EventTarget {
	getDevices(): Promise<HidDeviceLike[]>;
	requestDevice(options: {
		filters: { usagePage?: number; usage?: number }[];
	}): Promise<HidDeviceLike[]>;
}

interface HidInputReportEventLike extends Event {
	readonly device: HidDeviceLike;
	readonly reportId: number;
	readonly data: DataView;
}

interface HidConnectionEventLike extends Event {
	readonly device: HidDeviceLike;
}

export interface ConnectedScanner {
	name: string;
	vendorId: number;
	productId: number;
}

export const NO_WEBHID =
	'This browser has no WebHID (Android and Safari do not): use the camera or a keyboard-wedge scanner.';
export const INSECURE_WEBHID =
	'WebHID works only on a secure address (https, or localhost): use the camera or a keyboard-wedge scanner, or open Unitrack over https.';

export class HidScanners {
	/** Why WebHID cannot be used here, or '' when it can. */
	readonly unavailable: string;
	connected = $state<ConnectedScanner[]>([]);
	error = $state('');
	connecting = $state(false);

	/** Open scanners and their report listeners (bookkeeping; `connected` is what shows). */
	private open: { device: HidDeviceLike; listener: (event: Event) => void }[] = [];
	private started = false;

	constructor(
		private readonly bus: Pick<ScanBus, 'emit'>,
		private readonly hid: HidLike | null,
		secure = true
	) {
		this.unavailable = hid ? '' : secure ? NO_WEBHID : INSECURE_WEBHID;
	}

	/** Opens the scanners this browser was already allowed to use, and any plugged in later. */
	async start(): Promise<void> {
		if (!this.hid || this.started) return;
		this.started = true;
		this.hid.addEventListener('connect', this.onConnect);
		this.hid.addEventListener('disconnect', this.onDisconnect);
		try {
			const devices = await this.hid.getDevices();
			await Promise.all(devices.map((d) => this.attach(d)));
		} catch (error) {
			this.error = `Could not open the HID scanners: ${message(error)}`;
		}
	}

	/** Asks the person to pick a scanner (call from a click). */
	async connect(): Promise<void> {
		if (!this.hid) return;
		this.connecting = true;
		this.error = '';
		try {
			const devices = await this.hid.requestDevice({
				filters: [{ usagePage: HID_POS_USAGE_PAGE }]
			});
			if (devices.length === 0) return; // the person closed the chooser
			const opened = await Promise.all(devices.map((d) => this.attach(d)));
			if (!opened.some(Boolean)) this.error = 'That device is not a HID POS barcode scanner.';
		} catch (error) {
			this.error = `Could not connect the scanner: ${message(error)}`;
		} finally {
			this.connecting = false;
		}
	}

	stop(): void {
		this.hid?.removeEventListener('connect', this.onConnect);
		this.hid?.removeEventListener('disconnect', this.onDisconnect);
		for (const { device, listener } of this.open)
			device.removeEventListener('inputreport', listener);
		this.open = [];
		this.connected = [];
		this.started = false;
	}

	private readonly onConnect = (event: Event) => {
		void this.attach((event as HidConnectionEventLike).device);
	};

	private readonly onDisconnect = (event: Event) => {
		const device = (event as HidConnectionEventLike).device;
		for (const o of this.open)
			if (o.device === device) device.removeEventListener('inputreport', o.listener);
		this.open = this.open.filter((o) => o.device !== device);
		this.refresh();
	};

	/** Opens a device and listens to its reports; false when it is not a barcode scanner. */
	private async attach(device: HidDeviceLike): Promise<boolean> {
		if (!isBarcodeScanner(device.collections)) return false;
		if (this.open.some((o) => o.device === device)) return true;
		try {
			if (!device.opened) await device.open();
		} catch (error) {
			this.error = `Could not open ${device.productName || 'the scanner'}: ${message(error)}`;
			return false;
		}
		const assembler = new HidPosAssembler(scannedDataReportId(device.collections));
		const listener = (event: Event) => {
			const { reportId, data } = event as HidInputReportEventLike;
			const scan = assembler.push(reportId, data);
			if (!scan) return;
			const emitted: ScanEvent = {
				code: scan.code,
				format: scan.format,
				source: 'hid',
				at: performance.now()
			};
			void this.bus.emit(emitted);
		};
		device.addEventListener('inputreport', listener);
		this.open.push({ device, listener });
		this.refresh();
		return true;
	}

	private refresh() {
		this.connected = this.open.map(({ device: d }) => ({
			name: d.productName || 'HID scanner',
			vendorId: d.vendorId,
			productId: d.productId
		}));
	}
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function browserHid(): HidLike | null {
	if (typeof navigator === 'undefined' || !('hid' in navigator)) return null;
	return (navigator as Navigator & { hid?: HidLike }).hid ?? null;
}

/** The page's HID scanners; `start` is called by the layout. */
export function createHidScanners(bus: Pick<ScanBus, 'emit'>): HidScanners {
	const secure = typeof window === 'undefined' || window.isSecureContext;
	return new HidScanners(bus, browserHid(), secure);
}
