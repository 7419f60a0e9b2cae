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
	const both = { readers: ['primary', 'zbar'] } as const;
	const alone = { readers: ['primary', 'zbar'], retailAlone: true } as const;

	it('takes a retail code both decoders read in one frame at once', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ ...ean, readers: both.readers }, 1, 0, both)).toBe(true);
	});

	it('takes a retail code once each decoder has read it, in one frame or two', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure({ ...ean, readers: ['zbar'] }, 1, 0, both)).toBe(false);
		expect(confirmer.isSure(ean, 2, 33, both)).toBe(true);
		const other = new ReadConfirmer(1000);
		expect(other.isSure(ean, 1, 0, both)).toBe(false);
		expect(other.isSure({ ...ean, readers: ['zbar'] }, 5, 130, both)).toBe(true);
	});

	it('never takes a retail code one decoder alone reads, however many frames it comes in', () => {
		for (const readers of [['zbar'], ['primary']] as const) {
			const confirmer = new ReadConfirmer(1000);
			for (let frame = 1; frame <= 30; frame++) {
				expect(confirmer.isSure({ ...ean, readers }, frame, frame * 33, both)).toBe(false);
			}
		}
	});

	it('still takes a Code 128 serial from the chosen decoder alone, in two frames', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(serial, 1, 0, both)).toBe(false);
		expect(confirmer.isSure(serial, 2, 33, both)).toBe(true);
	});

	it('takes a retail code from the chosen decoder in two frames where zbar is not running', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(ean, 1, 0, { readers: ['primary'] })).toBe(false);
		expect(confirmer.isSure(ean, 2, 33, { readers: ['primary'] })).toBe(true);
	});

	it('takes a retail code in two frames from a decoder trusted with them alone, never in one', () => {
		const confirmer = new ReadConfirmer(1000);
		expect(confirmer.isSure(ean, 1, 0, alone)).toBe(false);
		expect(confirmer.isSure(ean, 1, 1, alone)).toBe(false);
		expect(confirmer.isSure(ean, 2, 33, alone)).toBe(true);
		const zbarOnly = new ReadConfirmer(1000);
		for (let frame = 1; frame <= 10; frame++) {
			expect(zbarOnly.isSure({ ...ean, readers: ['zbar'] }, frame, frame * 33, alone)).toBe(false);
		}
	});
});
