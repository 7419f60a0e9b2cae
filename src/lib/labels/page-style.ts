/**
 * The print style sheet of a label job: the page is the label stock
 * (`@page` size as sold, no margins: the labels are placed on it in mm), and
 * everything but the label pages is hidden. Added to the document while the
 * label screen is open, removed when it closes, so no other screen prints
 * this way.
 */
import type { LabelTemplate } from './templates';

/** Class of each page-sized box of labels; the label screen styles it for the screen. */
export const PAGE_CLASS = 'label-page';

export function printStyleSheet(template: LabelTemplate): string {
	return [
		`@page { size: ${template.pageCss}; margin: 0; }`,
		'@media print {',
		'  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }',
		// The layout's <main> centres and pads the screen; the page must start at the paper's corner.
		'  body main { margin: 0 !important; padding: 0 !important; max-width: none !important; }',
		`  .${PAGE_CLASS} { margin: 0 !important; box-shadow: none !important; outline: 0 !important; }`,
		'}'
	].join('\n');
}
