import { describe, expect, it } from 'vitest';
import { ReadConfirmer } from './read-confirmer';

const serial = { code: 'SN-0042', format: 'code128' as const };

describe('ReadConfirmer', () => {
	it('takes a QR or Data Matrix code from its first frame', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ code: 'SN-0042', format: 'qr' }, 1, 0)).toBe(true);
		expect(confirmer.isSure({ code: 'SN-0042', format: 'datamatrix' }, 2, 10)).toBe(true);
	});

	it('takes a linear code only from the second frame that reads it', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(serial, 1, 0)).toBe(false);
		expect(confirmer.isSure(serial, 2, 33)).toBe(true);
		expect(confirmer.isSure(serial, 3, 66)).toBe(true);
	});

	it('never takes two reads of one frame (two decoders, or the same decoder twice) as two frames', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(serial, 7, 0)).toBe(false);
		expect(confirmer.isSure(serial, 7, 1)).toBe(false);
	});

	it('forgets a sighting older than the window', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(serial, 1, 0)).toBe(false);
		expect(confirmer.isSure(serial, 2, 1001)).toBe(false);
		expect(confirmer.isSure(serial, 3, 1500)).toBe(true);
	});

	it('keeps codes apart: another code, or the same digits in another symbology, is not a confirmation', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ code: '4006381333931', format: 'ean13' }, 1, 0)).toBe(false);
		expect(confirmer.isSure({ code: '4006381333938', format: 'ean13' }, 2, 33)).toBe(false);
		expect(confirmer.isSure({ code: '4006381333931', format: 'code128' }, 3, 66)).toBe(false);
		expect(confirmer.isSure({ code: '4006381333931', format: 'ean13' }, 4, 99)).toBe(true);
	});

	it('starts over on reset', () => {
		const confirmer = new ReadConfirmer(1000);
		confirmer.isSure(serial, 1, 0);
		confirmer.reset();
		expect(confirmer.isSure(serial, 2, 33)).toBe(false);
	});
});

describe('ReadConfirmer with zbar beside the chosen decoder', () => {
	const ean = { code: '4006381333931', format: 'ean13' as const };

	it('takes a retail code both decoders read in one frame at once', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ ...ean, readers: ['primary', 'zbar'] }, 1, 0)).toBe(true);
	});

	it('takes a code zbar read once the chosen decoder reads it too, in another frame', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ ...ean, readers: ['zbar'] }, 1, 0)).toBe(false);
		expect(confirmer.isSure(ean, 2, 33)).toBe(true);
	});

	it('never takes zbar’s read alone, however many frames it comes in', () => {
		const confirmer = new ReadConfirmer(1000);
		for (let frame = 1; frame <= 30; frame++) {
			expect(confirmer.isSure({ ...ean, readers: ['zbar'] }, frame, frame * 33)).toBe(false);
		}
	});
});
