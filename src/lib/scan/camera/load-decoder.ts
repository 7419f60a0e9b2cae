/**
 * Makes the decoder the settings chose, loading its code on first use (the
 * camera decoders are the heaviest code we ship and most screens never need
 * them). Kept apart from the contract in decoder.ts, which both
 * implementations import: loading them from there would be an import cycle.
 */
import { CAMERA_FORMATS, type CameraFormat, type DecoderKind, type FrameDecoder } from './decoder';

/** Loads (once per call site: the import is cached) and makes the decoder of `kind`. */
export async function loadDecoder(
	kind: DecoderKind,
	formats: readonly CameraFormat[] = CAMERA_FORMATS
): Promise<FrameDecoder> {
	if (kind === 'zxing') {
		const { ZxingDecoder } = await import('./zxing-decoder');
		return new ZxingDecoder(formats);
	}
	const { createDetectorDecoder } = await import('./detector-decoder');
	return createDetectorDecoder(formats);
}
