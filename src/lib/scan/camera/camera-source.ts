/**
 * The camera scanner source: opens a camera (the rear one unless the user
 * picked another), shows it in the caller's <video>, decodes every new frame
 * with a FrameDecoder — the aiming area or the whole frame by turns
 * (frame-plan.ts) — and emits each new code as a ScanEvent {source:
 * 'camera'} on the scan bus. A linear code must be read in two frames
 * first (ReadConfirmer); the same code in view frame after frame is one
 * scan (RepeatFilter).
 *
 * The decoder is imported when the camera first opens, in parallel with
 * getUserMedia (and the permission prompt), so neither waits for the other.
 */
import type { ScanBus, ScanOutcome } from '../scan-bus';
import type { ScanEvent, ScanSourceHandle } from '../types';
import { CAMERA_FORMATS, type CameraFormat, type DecoderKind, type FrameDecoder } from './decoder';
import { loadDecoder } from './load-decoder';
import { aimRegion } from './aim-area';
import {
	cameraErrorMessage,
	DecoderUnavailable,
	listCameras,
	openCamera,
	rememberCamera,
	rememberedCamera,
	torchState,
	type CameraInfo
} from './camera-device';
import { FrameGrabber, sizeOf } from './frame-grabber';
import { frameView } from './frame-plan';
import { ReadConfirmer } from './read-confirmer';
import { RepeatFilter, REPEAT_WINDOW_MS } from './repeat-filter';

export interface CameraState {
	status: 'starting' | 'scanning' | 'paused' | 'stopped' | 'failed';
	/** What went wrong, in words for the user (status 'failed'). */
	error: string | null;
	cameras: CameraInfo[];
	deviceId: string | null;
	/** Null where the camera has no torch (or the browser cannot switch it). */
	torch: boolean | null;
	/** The decoder in use, e.g. "zxing" or "detector (zxing-wasm)". */
	decoder: string | null;
}

/** How a camera scan came about, for the scanner test page. */
export interface CameraTiming {
	decoder: string;
	/** The decode of the frame that carried the code. */
	decodeMs: number;
	/** From opening the camera to this scan. */
	sinceOpenMs: number;
}

export interface CameraStats {
	frames: number;
	/** Frames in which a code was read (repeats of one code included). */
	framesRead: number;
	medianDecodeMs: number | null;
}

export interface CameraSourceOptions {
	bus: Pick<ScanBus, 'emit'>;
	decoder: DecoderKind;
	formats?: readonly CameraFormat[];
	/** Keep scanning after a scan the screen took (scan to receive); else pause after it. */
	continuous?: boolean;
	repeatWindowMs?: number;
	onchange?: (state: CameraState) => void;
	onscan?: (scan: ScanEvent, outcome: ScanOutcome) => void;
}

/** The User Timing measure from opening the camera to its first scan (the bench reads it). */
export const FIRST_SCAN_MEASURE = 'unitrack:camera-first-scan';
const DECODE_SAMPLES = 120;

const timings = new WeakMap<ScanEvent, CameraTiming>();
/** Decoders (by label) warmed up in this page: once is enough, the compiled code stays. */
const warmed = new Set<string>();

/** The timing of a scan this source emitted; undefined for scans of other sources. */
export function cameraTiming(scan: ScanEvent): CameraTiming | undefined {
	return timings.get(scan);
}

export class CameraSource implements ScanSourceHandle {
	private state: CameraState = {
		status: 'starting',
		error: null,
		cameras: [],
		deviceId: null,
		torch: null,
		decoder: null
	};
	private video: HTMLVideoElement | null = null;
	private stream: MediaStream | null = null;
	private decoder: FrameDecoder | null = null;
	private readonly repeats: RepeatFilter;
	private readonly confirmer = new ReadConfirmer();
	private readonly grabber = new FrameGrabber();
	/** A camera plugged in or out: the picker follows. */
	private readonly onDeviceChange = () => void this.refreshCameras();
	private openedAt = 0;
	private firstScanAt: number | null = null;
	private frameRequest: number | null = null;
	private decodeMs: number[] = [];
	private stopped = false;
	private decoding = false;
	private frames = 0;
	private framesRead = 0;

	constructor(private readonly options: CameraSourceOptions) {
		this.repeats = new RepeatFilter(options.repeatWindowMs ?? REPEAT_WINDOW_MS);
	}

	/** Opens the camera into `video` and starts scanning. Never throws: failures land in the state. */
	async start(video: HTMLVideoElement): Promise<void> {
		this.video = video;
		this.openedAt = performance.now();
		performance.clearMeasures(FIRST_SCAN_MEASURE);
		this.update({ status: 'starting', error: null });
		let cameraReady = false;
		// The decoder loads, and warms up on a blank frame, while the camera
		// opens: a cold first decode costs several times a warm one (JIT,
		// WebAssembly tier-up), and opening a real camera takes longer still.
		const decoder = loadDecoder(this.options.decoder, this.options.formats ?? CAMERA_FORMATS).then(
			async (loaded) => {
				if (!cameraReady && !this.stopped && !warmed.has(loaded.label)) {
					warmed.add(loaded.label);
					await warmUp(loaded);
				}
				return loaded;
			}
		);
		// Settle the decoder promise even if the camera fails first: no unhandled rejection.
		decoder.catch(() => undefined);
		try {
			await this.open(rememberedCamera());
			cameraReady = true;
			const loaded = await decoder.catch((error: unknown) => {
				throw new DecoderUnavailable(error);
			});
			if (this.stopped) return loaded.dispose();
			this.decoder = loaded;
			this.update({ decoder: loaded.label });
			this.resume();
			void this.refreshCameras();
			navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
		} catch (error) {
			if (!this.stopped) this.fail(error);
		}
	}

	/** Switches to another camera; scanning goes on with it. */
	async useCamera(deviceId: string): Promise<void> {
		rememberCamera(deviceId);
		try {
			await this.open(deviceId);
			if (this.state.status !== 'paused') this.resume();
		} catch (error) {
			if (!this.stopped) this.fail(error);
		}
	}

	async setTorch(on: boolean): Promise<void> {
		const track = this.stream?.getVideoTracks()[0];
		if (!track || this.state.torch === null) return;
		await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
		this.update({ torch: on });
	}

	/** After a paused (non-continuous) scan was refused: look for the next code. */
	resume(): void {
		if (this.stopped || !this.decoder) return;
		this.update({ status: 'scanning' });
		// The frame on screen now, then every new one.
		void this.tick();
	}

	stop(): void {
		this.stopped = true;
		navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
		this.cancelFrame();
		this.stream?.getTracks().forEach((t) => t.stop());
		this.stream = null;
		if (this.video) this.video.srcObject = null;
		this.decoder?.dispose();
		this.decoder = null;
		this.grabber.dispose();
		this.update({ status: 'stopped', torch: null });
	}

	/**
	 * How decoding goes, for whoever sets up a camera: the share of frames in
	 * which a code was read, and the median time per frame over the last ones.
	 */
	get stats(): CameraStats {
		const sorted = [...this.decodeMs].sort((a, b) => a - b);
		const mid = sorted.length >> 1;
		let median: number | null = null;
		if (sorted.length % 2) median = sorted[mid] ?? null;
		else if (sorted.length > 0) median = ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
		return { frames: this.frames, framesRead: this.framesRead, medianDecodeMs: median };
	}

	private async open(deviceId: string | null): Promise<void> {
		const stream = await openCamera(deviceId);
		if (this.stopped) {
			stream.getTracks().forEach((t) => t.stop());
			return;
		}
		this.stream?.getTracks().forEach((t) => t.stop());
		this.stream = stream;
		const track = stream.getVideoTracks()[0];
		this.update({ deviceId: track?.getSettings().deviceId ?? null, torch: torchState(track) });
		const video = this.video;
		if (!video) return;
		video.muted = true;
		video.playsInline = true;
		video.srcObject = stream;
		await video.play();
	}

	private async refreshCameras(): Promise<void> {
		const cameras = await listCameras();
		if (!this.stopped) this.update({ cameras });
	}

	private nextFrame(): void {
		const video = this.video;
		if (!video || this.stopped || this.frameRequest !== null) return;
		// Decode each new camera frame once; rAF would decode some twice and miss none.
		if ('requestVideoFrameCallback' in video) {
			this.frameRequest = video.requestVideoFrameCallback(() => void this.tick());
		} else {
			this.frameRequest = requestAnimationFrame(() => void this.tick());
		}
	}

	private cancelFrame(): void {
		if (this.frameRequest === null) return;
		if (this.video && 'cancelVideoFrameCallback' in this.video)
			this.video.cancelVideoFrameCallback(this.frameRequest);
		else cancelAnimationFrame(this.frameRequest);
		this.frameRequest = null;
	}

	private async tick(): Promise<void> {
		this.frameRequest = null;
		const { video, decoder } = this;
		if (!video || !decoder || this.decoding || this.stopped || this.state.status !== 'scanning')
			return;
		if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return this.nextFrame();
		const started = performance.now();
		let decoded = null;
		this.decoding = true;
		const frameNo = this.frames;
		try {
			// The aiming area or the whole frame, by turns: see frame-plan.ts.
			const view = frameView(frameNo);
			const box = { width: video.clientWidth, height: video.clientHeight };
			const region = view.region === 'aim' ? aimRegion(sizeOf(video), box) : undefined;
			const frame = this.grabber.canvasOf(video, region, view.rotation);
			decoded = frame ? await decoder.decode(frame) : null;
		} catch (error) {
			// One bad frame is no reason to stop scanning; say so in the console.
			console.warn('camera frame could not be decoded', error);
		} finally {
			this.decoding = false;
		}
		const ended = performance.now();
		this.frames++;
		if (decoded) this.framesRead++;
		this.decodeMs.push(ended - started);
		if (this.decodeMs.length > DECODE_SAMPLES) this.decodeMs.shift();
		// zbar joins the decoder once loaded: the scanner says so.
		if (decoder.label !== this.state.decoder) this.update({ decoder: decoder.label });
		if (this.stopped) return;
		const sure = decoded !== null && this.confirmer.isSure(decoded, frameNo, ended, decoder);
		if (decoded && sure && this.repeats.isNew(decoded.code, ended)) {
			const scan: ScanEvent = { ...decoded, source: 'camera', at: ended };
			timings.set(scan, {
				decoder: decoder.label,
				decodeMs: ended - started,
				sinceOpenMs: ended - this.openedAt
			});
			if (this.firstScanAt === null) {
				this.firstScanAt = ended;
				measureFirstScan(this.openedAt, ended);
			}
			if (!this.options.continuous) this.update({ status: 'paused' });
			void this.deliver(scan);
		}
		if (this.state.status === 'scanning') this.nextFrame();
	}

	private async deliver(scan: ScanEvent): Promise<void> {
		const outcome = await this.options.bus.emit(scan);
		if (this.stopped) return;
		this.options.onscan?.(scan, outcome);
		// A refused scan in single-scan mode: keep looking (the same code stays filtered while in view).
		if (!this.options.continuous && !outcome.ok) this.resume();
	}

	private fail(error: unknown): void {
		this.cancelFrame();
		this.update({ status: 'failed', error: cameraErrorMessage(error) });
	}

	private update(patch: Partial<CameraState>): void {
		this.state = { ...this.state, ...patch };
		this.options.onchange?.(this.state);
	}
}

/** A decode of a blank frame, for its side effects: compiled code and allocated buffers. */
async function warmUp(decoder: FrameDecoder): Promise<void> {
	try {
		await decoder.decode(new ImageData(640, 480));
	} catch {
		// A decoder that fails here fails on the camera too, and says so there.
	}
}

function measureFirstScan(start: number, end: number): void {
	try {
		performance.measure(FIRST_SCAN_MEASURE, { start, end });
	} catch {
		// A browser without User Timing level 3: only the bench misses it.
	}
}
