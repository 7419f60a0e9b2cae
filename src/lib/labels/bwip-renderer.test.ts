import { describe, expect, it } from 'vitest';
import { bwipRenderer } from './bwip-renderer';
import { modulesAcross } from './renderer';

describe('the GS1 DataMatrix renderer', () => {
	it('encodes a square grid of modules with the DataMatrix finder and timing edges', () => {
		const rows = bwipRenderer
			.encode('(01)04006381333931(17)300331(10)L-0423(21)ST-0001', 'GS1DATAMATRIX')
			.split('\n');
		expect(rows.length).toBe(22);
		expect(rows.every((r) => r.length === 22)).toBe(true);
		// Timing along the top, solid finder down the left and along the bottom.
		expect(rows[0]).toBe('10'.repeat(11));
		expect(rows.every((r) => r[0] === '1')).toBe(true);
		expect(rows[21]).toBe('1'.repeat(22));
		expect(modulesAcross(rows.join('\n'))).toBe(22);
	});

	it('says why in GS1 words when the code is not valid', () => {
		expect(() => bwipRenderer.encode('(01)04006381333932(21)A', 'GS1DATAMATRIX')).toThrow(
			'The GTIN’s check digit is wrong (04006381333932: the last digit should be 1)'
		);
	});
});
