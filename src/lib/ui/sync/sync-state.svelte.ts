/**
 * The sync service as runes state, for the header and the settings: `view`
 * follows the service (null until it has opened). One per page, made by the
 * root layout and handed down by context.
 */
import { getContext, setContext } from 'svelte';
import type { SyncApi, SyncView } from '$lib/services/sync-service';

export class SyncState {
	view = $state<SyncView | null>(null);
	error = $state<string | null>(null);
	service = $state.raw<SyncApi | null>(null);
	private unsubscribe: (() => void) | null = null;
	private gone = false;

	constructor(service: Promise<SyncApi>) {
		service.then(
			(s) => {
				if (this.gone) return;
				this.service = s;
				this.unsubscribe = s.subscribe((view) => (this.view = view));
			},
			(error: unknown) => (this.error = error instanceof Error ? error.message : String(error))
		);
	}

	destroy(): void {
		this.gone = true;
		this.unsubscribe?.();
	}
}

const KEY = Symbol('sync');

export function provideSync(state: SyncState): void {
	setContext(KEY, state);
}

export function useSync(): SyncState {
	const state = getContext<SyncState | undefined>(KEY);
	if (!state) throw new Error('useSync outside the root layout');
	return state;
}
