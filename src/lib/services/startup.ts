/**
 * Long work that must finish before the screens can be used (an upgrade of
 * this device's data, a rebuild, a restore): what it is and how far it got,
 * for the root layout to show as a progress bar. Only the app runtime and
 * the Maintenance actions report to it.
 */
export interface StartupTask {
	/** What is being done, in the shop assistant's words. */
	title: string;
	done: number;
	total: number;
}

type Listener = (task: StartupTask | null) => void;

export class StartupProgress {
	private task: StartupTask | null = null;
	private readonly listeners = new Set<Listener>();

	get current(): StartupTask | null {
		return this.task;
	}

	report(task: StartupTask | null): void {
		this.task = task;
		for (const listener of this.listeners) listener(task);
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		listener(this.task);
		return () => this.listeners.delete(listener);
	}
}
