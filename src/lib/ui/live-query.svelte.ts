/**
 * Dexie's liveQuery as a runes object: `current` holds the latest result and
 * the query re-runs when the tables it read change, or when `deps` (read in
 * an effect, so reactive) change. Unsubscribes when its component goes.
 * Create it during component initialisation.
 */
import { liveQuery } from 'dexie';

export class LiveQuery<T, D = void> {
	current = $state<T | undefined>(undefined);
	error = $state<unknown>(null);
	loading = $state(true);

	constructor(query: (deps: D) => Promise<T>, deps: () => D = () => undefined as D) {
		$effect(() => {
			const args = deps();
			this.loading = true;
			const sub = liveQuery(() => query(args)).subscribe({
				next: (value) => {
					this.current = value;
					this.error = null;
					this.loading = false;
				},
				error: (error: unknown) => {
					this.error = error;
					this.loading = false;
				}
			});
			return () => sub.unsubscribe();
		});
	}
}
