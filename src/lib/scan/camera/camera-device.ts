/**
 * Opening a camera: the rear one unless the user picked another (kept on
 * this device, since device ids are per origin and survive reloads), the
 * list for the picker, and the words the user reads when it does not open.
 */

export interface CameraInfo {
	deviceId: string;
	label: string;
}

const CAMERA_KEY = 'unitrack.camera-device';

/** The rear camera unless a device is named; a named device that is gone falls back to it. */
export async function openCamera(deviceId: string | null): Promise<MediaStream> {
	if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnavailable();
	const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
	if (deviceId) {
		try {
			return await navigator.mediaDevices.getUserMedia({
				audio: false,
				video: { ...size, deviceId: { exact: deviceId } }
			});
		} catch (error) {
			if (!isDeviceGone(error)) throw error;
		}
	}
	return navigator.mediaDevices.getUserMedia({
		audio: false,
		video: { ...size, facingMode: { ideal: 'environment' } }
	});
}

export class CameraUnavailable extends Error {
	override name = 'CameraUnavailable';
}

export class DecoderUnavailable extends Error {
	override name = 'DecoderUnavailable';
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause), { cause });
	}
}

function isDeviceGone(error: unknown): boolean {
	return (
		error instanceof DOMException &&
		(error.name === 'OverconstrainedError' || error.name === 'NotFoundError')
	);
}

/** What the user reads when the camera does not open. */
export function cameraErrorMessage(error: unknown): string {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'The camera is blocked. Allow it for this site in the browser’s settings, or scan with a scanner or type the serial.';
		case 'NotFoundError':
		case 'OverconstrainedError':
			return 'No camera was found on this device.';
		case 'NotReadableError':
		case 'AbortError':
			return 'The camera is in use by another app, or could not start. Close that app and try again.';
		case 'CameraUnavailable':
			return 'This browser gives no camera here (it needs a secure https:// address).';
		case 'DecoderUnavailable':
			return `The barcode reader could not load (${(error as Error).message}). Try the other camera decoder in Settings › Scanner.`;
		default:
			return `The camera could not start: ${error instanceof Error ? error.message : String(error)}`;
	}
}

export function rememberedCamera(): string | null {
	try {
		return localStorage.getItem(CAMERA_KEY);
	} catch {
		return null;
	}
}

export function rememberCamera(deviceId: string): void {
	try {
		localStorage.setItem(CAMERA_KEY, deviceId);
	} catch {
		// Not remembered: the rear camera opens next time.
	}
}

/** The video inputs, labelled once camera permission is granted; empty when they cannot be listed. */
export async function listCameras(): Promise<CameraInfo[]> {
	try {
		const devices = await navigator.mediaDevices.enumerateDevices();
		return devices
			.filter((d) => d.kind === 'videoinput' && d.deviceId)
			.map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
	} catch {
		return [];
	}
}

/**
 * The torch's state, or null when the camera has none. Chrome has reported
 * the capability as `true`; the Image Capture spec makes it a list of the
 * states the torch can take (`[false, true]`).
 */
export function torchState(
	track: Pick<MediaStreamTrack, 'getCapabilities' | 'getSettings'> | undefined
): boolean | null {
	const capabilities = (track?.getCapabilities?.() ?? {}) as { torch?: boolean | boolean[] };
	const canLight = Array.isArray(capabilities.torch)
		? capabilities.torch.includes(true)
		: capabilities.torch === true;
	if (!canLight) return null;
	return track?.getSettings().torch === true;
}
