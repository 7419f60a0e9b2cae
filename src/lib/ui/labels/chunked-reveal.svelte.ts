/**
 * Shows a long list a chunk at a time, one chunk a frame, so that rendering
 * a thousand labels never blocks the page for long and a progress line can
 * be painted between chunks. `shown` grows from the first chunk to `total`.
 */
import { untrack } from 'svelte';

export type Schedule = (step: () => void) => () => void;

/** One step per animation frame: each chunk is painted before the next is built. */
export const nextFrame: Schedule = (step) => {
	const id = requestAnimationFrame(step);
	return () => cancelAnimationFrame(id);
};

export class ChunkedReveal {
	shown = $state(0);
	total = $state(0);
	#cancel: (() => void) | null = null;

	constructor(private readonly schedule: Schedule = nextFrame) {}

	get done(): boolean {
		return this.shown >= this.total;
	}

	/**
	 * Starts over: the first `chunk` at once, `chunk` more each step until
	 * `total`. Untracked, so an effect that calls it does not re-run as the
	 * reveal grows.
	 */
	start(total: number, chunk: number): void {
		untrack(() => this.#start(total, chunk));
	}

	#start(total: number, chunk: number): void {
		this.stop();
		const size = Math.max(1, Math.floor(chunk));
		this.total = total;
		this.shown = Math.min(total, size);
		const step = () => {
			this.#cancel = null;
			if (this.shown >= this.total) return;
			this.#cancel = this.schedule(() => {
				this.shown = Math.min(this.total, this.shown + size);
				step();
			});
		};
		step();
	}

	stop(): void {
		this.#cancel?.();
		this.#cancel = null;
	}
}
