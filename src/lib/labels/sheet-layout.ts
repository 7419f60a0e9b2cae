/**
 * Where each label of a print job goes: page by page, position by position
 * (across, then down), each item's copies one after another, starting at
 * position N of the first sheet when part of it is used already.
 */
import { labelsPerPage, slotOrigin, type LabelTemplate } from './templates';

export const MAX_COPIES = 99;

export interface PlacedLabel {
	/** Index into the job's items. */
	item: number;
	/** 0-based copy of that item. */
	copy: number;
	/** Position on the page, 0-based. */
	slot: number;
	/** Top-left corner on the page, mm. */
	x: number;
	y: number;
}

export interface LabelPage {
	labels: PlacedLabel[];
}

/** Copies per item, brought within 1..MAX_COPIES (a blank or odd entry counts as 1). */
export function clampCopies(copies: number): number {
	if (!Number.isFinite(copies)) return 1;
	return Math.min(MAX_COPIES, Math.max(1, Math.trunc(copies)));
}

/** The first position to use, 1-based, brought within the page; always 1 on a roll. */
export function clampStartAt(template: LabelTemplate, startAt: number): number {
	if (!Number.isFinite(startAt)) return 1;
	return Math.min(labelsPerPage(template), Math.max(1, Math.trunc(startAt)));
}

export function layoutPages(
	template: LabelTemplate,
	itemCount: number,
	copies: number,
	startAt: number
): LabelPage[] {
	const perPage = labelsPerPage(template);
	const each = clampCopies(copies);
	const total = itemCount * each;
	const pages: LabelPage[] = [];
	let cell = clampStartAt(template, startAt) - 1;
	for (let n = 0; n < total; n++, cell++) {
		const slot = cell % perPage;
		if (slot === 0 || pages.length === 0) pages.push({ labels: [] });
		const { x, y } = slotOrigin(template, slot);
		pages[pages.length - 1]?.labels.push({
			item: Math.floor(n / each),
			copy: n % each,
			slot,
			x,
			y
		});
	}
	return pages;
}
