/**
 * Shows a long list a chunk at a time, one chunk a task, so that rendering
 * a thousand labels never blocks the page for long and a progress line is
 * painted between chunks. `shown` grows from the first chunk to `total`.
 *
 * The chunk adapts: each step renders its chunk at once (flushSync) and
 * times it, and the next chunk is sized so a step takes about `budgetMs`.
 * A fast machine finishes in a few frames; a slow or busy one still
 * paints, and answers input, several times a second.
 */
import { flushSync, untrack } from 'svelte';

export type Schedule = (step: () => void) => () => void;

/**
 * The next step as a new task, right after the browser has had its turn:
 * input is handled and, when a frame is due, the page painted (a chunk of
 * about 40 ms lets that happen every step or two). Unlike a frame callback
 * it does not wait for the next frame when none is due.
 */
export const nextTask: Schedule = (step) => {
	const channel = new MessageChannel();
	let cancelled = false;
	channel.port1.onmessage = () => {
		channel.port1.close();
		if (!cancelled) step();
	};
	channel.port2.postMessage(null);
	return () => {
		cancelled = true;
		channel.port1.close();
	};
};

export interface RevealOptions {
	schedule?: Schedule;
	now?: () => number;
	/** Time one step may take to build its chunk, ms. */
	budgetMs?: number;
}

export class ChunkedReveal {
	shown = $state(0);
	total = $state(0);
	#cancel: (() => void) | null = null;
	readonly #schedule: Schedule;
	readonly #now: () => number;
	readonly #budget: number;

	constructor({
		schedule = nextTask,
		now = () => performance.now(),
		budgetMs = 40
	}: RevealOptions = {}) {
		this.#schedule = schedule;
		this.#now = now;
		this.#budget = budgetMs;
	}

	get done(): boolean {
		return this.shown >= this.total;
	}

	/**
	 * Starts over: the first `chunk` at once, then more each step until
	 * `total`. Untracked, so an effect that calls it does not re-run as the
	 * reveal grows.
	 */
	start(total: number, chunk: number): void {
		untrack(() => this.#start(total, Math.max(1, Math.floor(chunk))));
	}

	stop(): void {
		this.#cancel?.();
		this.#cancel = null;
	}

	#start(total: number, first: number): void {
		this.stop();
		this.total = total;
		this.shown = Math.min(total, first);
		let size = first;
		const step = () => {
			this.#cancel = null;
			if (this.shown >= this.total) return;
			this.#cancel = this.#schedule(() => {
				const started = this.#now();
				this.shown = Math.min(this.total, this.shown + size);
				flushSync();
				const took = Math.max(1, this.#now() - started);
				// Towards the budget, at most doubling or halving a step.
				size = Math.max(1, Math.round(size * Math.min(2, Math.max(0.5, this.#budget / took))));
				step();
			});
		};
		step();
	}
}
