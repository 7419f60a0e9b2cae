/**
 * The errors of one form, as the screens show them: next to each field
 * (`described` gives the field its aria attributes) and in a summary that
 * takes focus, because on a phone the Save button sits far below the first
 * field. Services return `errors` keyed by field; `fieldIds` says which input
 * each key belongs to.
 */
import { tick } from 'svelte';
import type { SaveResult } from '$lib/services/catalog';
import { saveFailure } from '$lib/services/save-failure';

export class FormErrors {
	errors = $state<Record<string, string>>({});
	summary = $state<HTMLElement | null>(null);
	/** Set while `save` runs: the form's Save button waits. */
	saving = $state(false);

	constructor(readonly fieldIds: Record<string, string>) {}

	get any(): boolean {
		return Object.keys(this.errors).length > 0;
	}

	idOf(key: string): string {
		return this.fieldIds[key] ?? key;
	}

	/** aria attributes of an input: its hint (when it has one) and its error. */
	described(key: string, hint = false) {
		const id = this.idOf(key);
		const ids = [hint ? `${id}-hint` : '', this.errors[key] ? `${id}-error` : ''].filter(Boolean);
		return {
			'aria-describedby': ids.join(' ') || undefined,
			'aria-invalid': this.errors[key] ? true : undefined
		};
	}

	async show(found: Record<string, string>): Promise<void> {
		this.errors = found;
		await tick();
		this.summary?.focus();
	}

	/**
	 * An unexpected failure (IndexedDB refused the write ...), said in words a
	 * shop assistant understands (`saveFailure`); what was typed stays, and
	 * the form's own button tries again.
	 */
	showFailure(what: string, error: unknown): Promise<void> {
		console.error(what, error);
		return this.show({ form: saveFailure(error, what) });
	}

	clear(): void {
		this.errors = {};
	}

	/**
	 * Runs one save of the form (a second press while it runs does nothing):
	 * the service's errors, or a failure in words, show in the form. Returns
	 * the saved record's id, or null when nothing was saved.
	 */
	async save(what: string, run: () => Promise<SaveResult>): Promise<string | null> {
		if (this.saving) return null;
		this.saving = true;
		try {
			const result = await run();
			if (!result.ok) {
				await this.show(result.errors);
				return null;
			}
			this.clear();
			return result.id;
		} catch (error) {
			await this.showFailure(`${what} was not saved`, error);
			return null;
		} finally {
			this.saving = false;
		}
	}
}
