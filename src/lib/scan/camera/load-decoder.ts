/**
 * Makes the decoder the settings chose, loading its code on first use (the
 * camera decoders are the heaviest code we ship and most screens never need
 * them), with zbar beside it for EAN-13 and UPC-A (ensemble-decoder.ts),
 * loading in parallel: the primary's first frames do not wait for zbar.
 * Kept apart from the contract in decoder.ts, which the implementations
 * import: loading them from there would be an import cycle.
 */
import { CAMERA_FORMATS, type CameraFormat, type DecoderKind, type FrameDecoder } from './decoder';

/** Loads (once per call site: the import is cached) and makes the decoder of `kind`. */
export async function loadDecoder(
	kind: DecoderKind,
	formats: readonly CameraFormat[] = CAMERA_FORMATS
): Promise<FrameDecoder> {
	const helper = import('./zbar-decoder').then((m) => m.createZbarDecoder(formats));
	// Settled here too, so a zbar that fails while the primary fails is no unhandled rejection.
	helper.catch(() => undefined);
	const [primary, { EnsembleDecoder }] = await Promise.all([
		loadPrimary(kind, formats),
		import('./ensemble-decoder')
	]);
	return new EnsembleDecoder(primary, helper);
}

async function loadPrimary(
	kind: DecoderKind,
	formats: readonly CameraFormat[]
): Promise<FrameDecoder> {
	if (kind === 'zxing') {
		const { ZxingDecoder } = await import('./zxing-decoder');
		return new ZxingDecoder(formats);
	}
	const { createDetectorDecoder } = await import('./detector-decoder');
	return createDetectorDecoder(formats);
}

/**
 * Starts fetching and compiling the decoders of `kind` at once — on the tap
 * that opens a camera, while the scanner itself loads — so that the camera
 * does not wait for them after. Failures are left for loadDecoder to report.
 */
export function preloadDecoder(kind: DecoderKind): void {
	const quiet = () => undefined;
	import('./zbar-decoder').then((m) => m.preloadZbar(), quiet);
	if (kind === 'zxing') import('./zxing-decoder').catch(quiet);
	else import('./detector-decoder').then((m) => m.preloadDetector(), quiet);
}
