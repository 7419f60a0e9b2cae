import { describe, expect, it } from 'vitest';
import { ChunkedReveal } from './chunked-reveal.svelte';

/** A scheduler the test steps by hand, and a clock that moves `stepMs` during each step. */
function manual(stepMs = 0) {
	const queue: (() => void)[] = [];
	let time = 0;
	let calls = 0;
	return {
		queue,
		schedule: (step: () => void) => {
			queue.push(step);
			return () => void queue.splice(queue.indexOf(step), 1);
		},
		// Each step reads the clock twice: before and after building its chunk.
		now: () => (calls++ % 2 === 0 ? time : (time += stepMs)),
		next: () => queue.shift()?.()
	};
}

describe('ChunkedReveal', () => {
	it('shows the first chunk at once, then more a step until all are shown', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock);
		reveal.start(10, 4);
		expect([reveal.shown, reveal.done]).toEqual([4, false]);
		clock.next();
		expect(reveal.shown).toBe(8);
		clock.next();
		expect([reveal.shown, reveal.done]).toEqual([10, true]);
		expect(clock.queue).toHaveLength(0);
	});

	it('sizes the chunks to the time budget: doubling when fast, halving when slow', () => {
		const fast = manual(5);
		const quick = new ChunkedReveal({ ...fast, budgetMs: 40 });
		quick.start(1000, 10);
		fast.next(); // 10 more, took 5 ms: next step twice as big
		fast.next();
		expect(quick.shown).toBe(40);

		const slow = manual(160);
		const busy = new ChunkedReveal({ ...slow, budgetMs: 40 });
		busy.start(1000, 40);
		slow.next(); // 40 more, took 160 ms: next step half as big
		slow.next();
		expect(busy.shown).toBe(100);
	});

	it('starting over cancels the run before', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock);
		reveal.start(100, 10);
		reveal.start(3, 10);
		expect([reveal.shown, reveal.done]).toEqual([3, true]);
		expect(clock.queue).toHaveLength(0);
	});

	it('stops', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock);
		reveal.start(5, 1);
		reveal.stop();
		expect(clock.queue).toHaveLength(0);
		expect(reveal.shown).toBe(1);
	});
});
