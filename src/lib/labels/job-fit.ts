/**
 * Checks a whole print job before anything is printed: every label's
 * barcode gets its module width for the chosen label and printer, and each
 * one that cannot fit readably is reported with the reason and the label
 * stock it would fit on. Those labels are left out of the print.
 */
import {
	fitBarcode,
	formatMm,
	isMatrix,
	type BarcodeFit,
	type Dpi,
	type Symbology
} from './barcode-fit';
import type { LabelItem } from './label-content';
import { symbolRoomMm, TEMPLATES, type LabelTemplate } from './templates';

/** Modules of the encoded symbol; throws when the symbology cannot carry `code`. */
export type Measure = (code: string, symbology: Symbology) => number;

/** `measure` remembering each code's modules: switching templates does not encode again. */
export function cachedMeasure(measure: Measure): Measure {
	const modules = new Map<string, number>();
	return (code, symbology) => {
		const key = codeKey({ code, symbology });
		let n = modules.get(key);
		if (n === undefined) {
			n = measure(code, symbology);
			modules.set(key, n);
		}
		return n;
	};
}

export interface FittedCode extends BarcodeFit {
	modules: number;
}

export interface FitProblem {
	item: LabelItem;
	reason: string;
	/** Names of the templates it fits on at the same resolution; null when size is not the problem. */
	fitsOn: string[] | null;
}

export interface JobFit {
	/** By codeKey(item). */
	fits: Map<string, FittedCode>;
	printable: LabelItem[];
	problems: FitProblem[];
}

export function codeKey(item: Pick<LabelItem, 'code' | 'symbology'>): string {
	return `${item.symbology}:${item.code}`;
}

export function fitJob(
	items: readonly LabelItem[],
	template: LabelTemplate,
	dpi: Dpi,
	measure: Measure,
	templates: readonly LabelTemplate[] = TEMPLATES
): JobFit {
	const fits = new Map<string, FittedCode>();
	const failed = new Map<string, { reason: string; modules: number | null }>();
	const printable: LabelItem[] = [];
	const problems: FitProblem[] = [];
	for (const item of items) {
		const key = codeKey(item);
		if (!fits.has(key) && !failed.has(key)) {
			const available = symbolRoomMm(template, isMatrix(item.symbology));
			const result = item.problem
				? { reason: item.problem, modules: null }
				: fitOne(item, available, dpi, measure);
			if ('reason' in result) failed.set(key, result);
			else fits.set(key, result);
		}
		const failure = failed.get(key);
		if (!failure) printable.push(item);
		else
			problems.push({
				item,
				reason: failure.reason,
				fitsOn: fitsOn(failure.modules, item.symbology, dpi, templates)
			});
	}
	return { fits, printable, problems };
}

function fitOne(
	item: LabelItem,
	available: number,
	dpi: Dpi,
	measure: Measure
): FittedCode | { reason: string; modules: number | null } {
	let modules: number;
	try {
		modules = measure(item.code, item.symbology);
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return { reason: `cannot be drawn as ${symbologyName(item.symbology)}: ${why}`, modules: null };
	}
	const fit = fitBarcode(modules, item.symbology, available, dpi);
	if (fit.ok) return { ...fit, modules };
	const reason =
		`needs ${formatMm(fit.neededMm)} ${isMatrix(item.symbology) ? 'square' : 'across'} with its quiet zones at the narrowest ${isMatrix(item.symbology) ? 'module' : 'bar'} ` +
		`cheap scanners read on the first try (${formatMm(fit.moduleMm)}, ${fit.dots} dots at ${dpi} dpi); ` +
		`this label has ${formatMm(fit.availableMm)}`;
	return { reason, modules };
}

function fitsOn(
	modules: number | null,
	symbology: Symbology,
	dpi: Dpi,
	templates: readonly LabelTemplate[]
): string[] | null {
	if (modules === null) return null;
	return templates
		.filter((t) => fitBarcode(modules, symbology, symbolRoomMm(t, isMatrix(symbology)), dpi).ok)
		.map((t) => t.name);
}

export function symbologyName(symbology: Symbology): string {
	if (symbology === 'GS1DATAMATRIX') return 'GS1 DataMatrix';
	return symbology === 'EAN13' ? 'EAN-13' : 'Code 128';
}
