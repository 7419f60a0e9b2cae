/** A small typed event emitter for the ledger's own notices. */
type AnyListener = (...args: unknown[]) => void;

export class Emitter<Events extends Record<string, unknown[]>> {
	private readonly listeners = new Map<keyof Events, Set<AnyListener>>();

	on<K extends keyof Events>(name: K, listener: (...args: Events[K]) => void): () => void {
		let set = this.listeners.get(name);
		if (!set) {
			set = new Set();
			this.listeners.set(name, set);
		}
		const held = listener as unknown as AnyListener;
		set.add(held);
		return () => set.delete(held);
	}

	emit<K extends keyof Events>(name: K, ...args: Events[K]): void {
		for (const listener of this.listeners.get(name) ?? []) {
			try {
				listener(...args);
			} catch (error) {
				console.error('a ledger listener failed', error);
			}
		}
	}
}
