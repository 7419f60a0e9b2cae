/**
 * One print job on the label screen: what to print (the source), how (the
 * device's label settings, copies, start position), and what follows from
 * that — the labels, their barcode fit, the pages — rendered into the
 * preview a chunk at a time. Create it during component initialisation.
 */
import type { Dpi } from '$lib/labels/barcode-fit';
import { cachedMeasure, fitJob, type JobFit, type Measure } from '$lib/labels/job-fit';
import {
	gs1UnitLabelItems,
	productLabelItems,
	unitLabelItems,
	type LabelItem
} from '$lib/labels/label-content';
import type { LabelSettings } from '$lib/labels/label-settings.svelte';
import { modulesAcross, type BarcodeRenderer } from '$lib/labels/renderer';
import { clampCopies, clampStartAt, layoutPages, type LabelPage } from '$lib/labels/sheet-layout';
import { labelsPerPage, templateById, TEMPLATES, type LabelTemplate } from '$lib/labels/templates';
import type { LabelSource } from '$lib/store/label-queries';
import { ChunkedReveal } from './chunked-reveal.svelte';

/** The most labels one job renders: a browser holds that many pages comfortably. */
export const MAX_JOB_LABELS = 2000;
/** Labels in the first chunk of the preview; later chunks size themselves (ChunkedReveal). */
const FIRST_CHUNK_LABELS = 30;

export interface LabelJobInputs {
	settings: LabelSettings;
	source: () => LabelSource | null;
	renderer: () => BarcodeRenderer | null;
	formatPrice: (minor: number) => string;
}

export class LabelJob {
	copies = $state(1);
	startAt = $state(1);
	/** The first label of the source in this job (1-based), when the source holds more than one job. */
	from = $state(1);
	readonly reveal = new ChunkedReveal();
	readonly #in: LabelJobInputs;

	constructor(inputs: LabelJobInputs) {
		this.#in = inputs;
		$effect(() => {
			const pages = this.pages;
			const first = Math.max(1, Math.round(FIRST_CHUNK_LABELS / labelsPerPage(this.template)));
			this.reveal.start(pages.length, first);
			return () => this.reveal.stop();
		});
	}

	readonly template: LabelTemplate = $derived.by(
		() => templateById(this.#in.settings.template) ?? TEMPLATES[0]!
	);
	readonly dpi: Dpi = $derived.by(() => this.#in.settings.dpi);
	readonly effectiveCopies = $derived(clampCopies(this.copies));
	readonly effectiveStartAt = $derived(clampStartAt(this.template, this.startAt));

	/** Every label the source asks for, before the job's window and the fit. */
	readonly allItems: LabelItem[] = $derived.by(() => {
		const source = this.#in.source();
		if (!source) return [];
		const { fields, storeName, unitBarcode } = this.#in.settings;
		const price = this.#in.formatPrice;
		if (!source.serials)
			return productLabelItems(source.product, source.quantity, fields, storeName, price);
		return unitBarcode === 'gs1datamatrix'
			? gs1UnitLabelItems(
					source.product,
					source.serials,
					source.lotExpiry,
					fields,
					storeName,
					price
				)
			: unitLabelItems(source.product, source.serials, fields, storeName, price);
	});

	/** True when the source is units (by serial), not product labels. */
	readonly unitLabels = $derived.by(() => Boolean(this.#in.source()?.serials));

	/** How many of the source's labels one job takes with these copies. */
	readonly window = $derived(Math.max(1, Math.floor(MAX_JOB_LABELS / this.effectiveCopies)));
	readonly firstIndex = $derived(
		Math.min(Math.max(0, Math.trunc(this.from) - 1 || 0), Math.max(0, this.allItems.length - 1))
	);
	readonly items: LabelItem[] = $derived(
		this.allItems.slice(this.firstIndex, this.firstIndex + this.window)
	);

	/** The renderer's encoder, remembering each code (a template switch does not encode again). */
	readonly #measure: Measure | null = $derived.by(() => {
		const renderer = this.#in.renderer();
		return renderer
			? cachedMeasure((code, symbology) => modulesAcross(renderer.encode(code, symbology)))
			: null;
	});

	readonly fit: JobFit | null = $derived.by(() =>
		this.#measure ? fitJob(this.items, this.template, this.dpi, this.#measure) : null
	);

	readonly pages: LabelPage[] = $derived(
		this.fit
			? layoutPages(
					this.template,
					this.fit.printable.length,
					this.effectiveCopies,
					this.effectiveStartAt
				)
			: []
	);

	readonly labelCount = $derived((this.fit?.printable.length ?? 0) * this.effectiveCopies);

	/** Labels in the pages the preview shows so far. */
	readonly labelsShown = $derived(
		this.pages.slice(0, this.reveal.shown).reduce((sum, page) => sum + page.labels.length, 0)
	);

	readonly ready = $derived(this.fit !== null && this.labelCount > 0 && this.reveal.done);
}
