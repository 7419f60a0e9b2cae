import { describe, expect, it } from 'vitest';
import type { Decoded, FrameDecoder } from './decoder';
import { EnsembleDecoder } from './ensemble-decoder';

/** A decoder that answers from a list, one answer per frame, and counts its calls. */
function scripted(label: string, answers: (Decoded | null)[]) {
	const decoder = {
		label,
		calls: 0,
		disposed: false,
		decode: async () => answers[decoder.calls++] ?? null,
		dispose: () => void (decoder.disposed = true)
	};
	return decoder satisfies FrameDecoder;
}

const ean = (code: string): Decoded => ({ code, format: 'ean13' });
/** The decoders here are scripted: any frame will do. */
const frame = {} as ImageData;

async function ready(helper: FrameDecoder) {
	const ensemble = new EnsembleDecoder(scripted('zxing', []), Promise.resolve(helper));
	await Promise.resolve();
	return ensemble;
}

describe('EnsembleDecoder', () => {
	it('asks zbar when the primary finds nothing', async () => {
		const primary = scripted('zxing', [null]);
		const zbar = scripted('zbar', [ean('4006381333931')]);
		const ensemble = new EnsembleDecoder(primary, Promise.resolve(zbar));
		await Promise.resolve();
		expect(ensemble.label).toBe('zxing + zbar');
		expect(await ensemble.decode(frame)).toEqual({ ...ean('4006381333931'), readers: ['zbar'] });
	});

	it('leaves QR, Data Matrix and Code 128 reads to the primary alone', async () => {
		const primary = scripted('zxing', [{ code: 'SN-1', format: 'code128' }]);
		const zbar = scripted('zbar', [ean('4006381333931')]);
		const ensemble = new EnsembleDecoder(primary, Promise.resolve(zbar));
		await Promise.resolve();
		expect(await ensemble.decode(frame)).toEqual({ code: 'SN-1', format: 'code128' });
		expect(zbar.calls).toBe(0);
	});

	it('says when both read a retail code alike, and keeps one only the primary read', async () => {
		const primary = scripted('zxing', [ean('4006381333931'), ean('4006381333931')]);
		const zbar = scripted('zbar', [ean('4006381333931'), null]);
		const ensemble = new EnsembleDecoder(primary, Promise.resolve(zbar));
		await Promise.resolve();
		expect(await ensemble.decode(frame)).toEqual({
			...ean('4006381333931'),
			readers: ['primary', 'zbar']
		});
		expect(await ensemble.decode(frame)).toEqual(ean('4006381333931'));
	});

	it('sets aside a frame where the two read different retail codes', async () => {
		const primary = scripted('zxing', [ean('4006381333931')]);
		const zbar = scripted('zbar', [ean('5901234123457')]);
		const ensemble = new EnsembleDecoder(primary, Promise.resolve(zbar));
		await Promise.resolve();
		expect(await ensemble.decode(frame)).toBeNull();
	});

	it('scans with the primary alone until zbar is there, or when it cannot load', async () => {
		const primary = scripted('zxing', [ean('4006381333931')]);
		const failing = new EnsembleDecoder(primary, Promise.reject(new Error('404')));
		expect(await failing.decode(frame)).toEqual(ean('4006381333931'));
		expect(failing.label).toBe('zxing');
	});

	it('disposes of both, and of a zbar that arrives after the camera closed', async () => {
		const zbar = scripted('zbar', []);
		let arrive: (d: FrameDecoder) => void = () => undefined;
		const late = new Promise<FrameDecoder | null>((resolve) => (arrive = resolve));
		const ensemble = new EnsembleDecoder(scripted('zxing', []), late);
		ensemble.dispose();
		arrive(zbar);
		await late;
		await Promise.resolve();
		expect(zbar.disposed).toBe(true);
		const other = await ready(scripted('zbar', []));
		expect(other.label).toBe('zxing + zbar');
	});
});
