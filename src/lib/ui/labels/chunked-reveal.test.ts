import { describe, expect, it } from 'vitest';
import { ChunkedReveal } from './chunked-reveal.svelte';

/** A scheduler the test steps by hand. */
function manual() {
	const queue: (() => void)[] = [];
	return {
		queue,
		schedule: (step: () => void) => {
			queue.push(step);
			return () => queue.splice(queue.indexOf(step), 1);
		},
		next: () => queue.shift()?.()
	};
}

describe('ChunkedReveal', () => {
	it('shows the first chunk at once and one more a step', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock.schedule);
		reveal.start(10, 4);
		expect([reveal.shown, reveal.done]).toEqual([4, false]);
		clock.next();
		expect(reveal.shown).toBe(8);
		clock.next();
		expect([reveal.shown, reveal.done]).toEqual([10, true]);
		expect(clock.queue).toHaveLength(0);
	});

	it('starting over cancels the run before', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock.schedule);
		reveal.start(100, 10);
		reveal.start(3, 10);
		expect([reveal.shown, reveal.done]).toEqual([3, true]);
		expect(clock.queue).toHaveLength(0);
	});

	it('stops', () => {
		const clock = manual();
		const reveal = new ChunkedReveal(clock.schedule);
		reveal.start(5, 1);
		reveal.stop();
		expect(clock.queue).toHaveLength(0);
		expect(reveal.shown).toBe(1);
	});
});
