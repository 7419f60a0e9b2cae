import { describe, expect, it } from 'vitest';
import { codeKey, fitJob } from './job-fit';
import { unitLabelItems, type LabelItem } from './label-content';
import { code128Modules, MemoryRenderer } from './memory-renderer';
import { templateById } from './templates';

const roll = templateById('roll-50x25')!;
const fields = { price: false, stockCode: false, storeName: false };
const items = (serials: string[]) =>
	unitLabelItems(
		{ id: 'p', name: 'P', stockCode: '', barcode: '', price: 0 },
		serials,
		fields,
		'',
		String
	);

describe('fitJob', () => {
	it('fits short codes and reports the long ones, with the stock they fit on', () => {
		const renderer = new MemoryRenderer();
		const long = 'TooLong-Serial-X';
		const job = fitJob(
			items(['A1', long, 'B2']),
			roll,
			203,
			(code, s) => renderer.encode(code, s).length
		);
		expect(job.printable.map((i) => i.code)).toEqual(['A1', 'B2']);
		expect(job.fits.get(codeKey({ code: 'A1', symbology: 'CODE128' }))).toMatchObject({
			modules: code128Modules('A1'),
			dots: 3
		});
		expect(job.problems).toHaveLength(1);
		const [problem] = job.problems;
		expect(problem?.item.code).toBe(long);
		expect(problem?.reason).toBe(
			'needs 57.81 mm across with its quiet zones at the narrowest bar cheap scanners read on the first try (0.25 mm, 2 dots at 203 dpi); this label has 50 mm'
		);
		expect(problem?.fitsOn).toEqual([
			'A4 sheet 3 × 8 (70 × 37 mm)',
			'US Letter sheet 3 × 10 (2.625 × 1 in)'
		]);
	});

	it('measures each distinct code once', () => {
		let calls = 0;
		const same: LabelItem[] = [...items(['X-1']), ...items(['X-1']), ...items(['X-1'])];
		const job = fitJob(same, roll, 300, (code) => (calls++, code128Modules(code)));
		expect(calls).toBe(1);
		expect(job.printable).toHaveLength(3);
	});

	it('reports a code the symbology cannot carry', () => {
		const renderer = new MemoryRenderer();
		const job = fitJob(items(['é-1']), roll, 203, (code, s) => renderer.encode(code, s).length);
		expect(job.printable).toEqual([]);
		expect(job.problems[0]?.reason).toMatch(/^cannot be drawn as Code 128: /);
		expect(job.problems[0]?.fitsOn).toBeNull();
	});

	it('reports a label that cannot be made, whatever the stock, without measuring it', () => {
		const [item] = items(['LP-1']);
		const job = fitJob([{ ...item!, problem: 'no GTIN' }], roll, 203, () => {
			throw new Error('measured');
		});
		expect(job.problems.map((p) => [p.reason, p.fitsOn])).toEqual([['no GTIN', null]]);
	});
});
