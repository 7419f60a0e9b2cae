import { describe, expect, it } from 'vitest';
import { PAGE_CLASS, printStyleSheet } from './page-style';
import { TEMPLATES } from './templates';

describe('print style sheet', () => {
	it('makes the page the label stock, with no margins', () => {
		const sizes = TEMPLATES.map(
			(t) => /@page \{ size: ([^;]+); margin: 0; \}/.exec(printStyleSheet(t))?.[1]
		);
		expect(sizes).toEqual(['50mm 25mm', '2.25in 1.25in', 'A4', 'letter']);
	});

	it('only changes print, and drops the screen frame of each page', () => {
		const css = printStyleSheet(TEMPLATES[0]!);
		expect(css).toContain('@media print');
		expect(css).toContain(`.${PAGE_CLASS} { margin: 0 !important;`);
	});
});
