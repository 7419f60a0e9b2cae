/**
 * The one save flow of the product and supplier forms: the values as typed,
 * the service's errors beside their fields (FormErrors), "Saved" after an
 * edit is saved, and whether anything typed is unsaved — which keeps a scan
 * from opening another screen over it (typed-work.svelte.ts).
 * Create it during component initialisation.
 */
import type { ScanBus } from '$lib/scan/scan-bus';
import type { SaveResult } from '$lib/services/catalog';
import { FormErrors } from './form-errors.svelte';
import { keepTypedWork } from './typed-work.svelte';

export interface CatalogFormOptions<F> {
	/** The record's id; null for a new one. */
	id: string | null;
	/** What the form edits, for messages: 'The product'. */
	what: string;
	/** The unsaved typing as a scan's refusal names it: 'the new product'. */
	unsaved: string;
	/** The input each of the service's error keys belongs to. */
	fieldIds: Record<string, string>;
	save: (values: F) => Promise<SaveResult>;
	/** After a save: where to go (an edit stays, a new record opens). */
	saved: (id: string, isNew: boolean) => Promise<void>;
	bus: Pick<ScanBus, 'protect'>;
}

export class CatalogForm<F extends object> {
	values: F;
	/** An edit was saved and nothing has been typed since. */
	saved = $state(false);
	readonly problems: FormErrors;
	#baseline = $state('');
	readonly #options: CatalogFormOptions<F>;

	/** Typed and not saved yet. */
	readonly dirty = $derived.by(() => JSON.stringify(this.values) !== this.#baseline);

	constructor(initial: F, options: CatalogFormOptions<F>) {
		this.values = $state(initial);
		this.#baseline = JSON.stringify(initial);
		this.#options = options;
		this.problems = new FormErrors(options.fieldIds);
		keepTypedWork(options.bus, () => (this.dirty ? options.unsaved : null));
	}

	/** Typing after a save: the "Saved" note goes. */
	edited(): void {
		this.saved = false;
	}

	async submit(): Promise<void> {
		this.saved = false;
		const snapshot = $state.snapshot(this.values) as unknown;
		const id = await this.problems.save(this.#options.what, () =>
			this.#options.save(snapshot as F)
		);
		if (!id) return;
		this.#baseline = JSON.stringify(snapshot);
		const isNew = this.#options.id === null;
		if (!isNew) this.saved = true;
		await this.#options.saved(id, isNew);
	}
}
