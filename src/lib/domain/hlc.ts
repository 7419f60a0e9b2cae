/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks and
 * Consistent Snapshots in Globally Distributed Databases", 2014).
 *
 * A timestamp is wall-clock milliseconds, a counter that breaks ties within
 * one millisecond (or when a peer's clock runs ahead of ours), and the device
 * id that breaks the last tie. It is written as a fixed-width string so that
 * plain string comparison gives the clock's total order:
 * `0001764133200000.00000.device`.
 */
import type { DeviceId, Hlc } from './types';

const WALL_WIDTH = 16;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 10 ** COUNTER_WIDTH - 1;
/** How far ahead of this device's time a peer's clock may pull it: a day. */
export const MAX_LEAD_MS = 24 * 60 * 60 * 1000;

export interface HlcParts {
	wall: number;
	counter: number;
	device: DeviceId;
}

export function formatHlc({ wall, counter, device }: HlcParts): Hlc {
	return `${String(wall).padStart(WALL_WIDTH, '0')}.${String(counter).padStart(COUNTER_WIDTH, '0')}.${device}`;
}

export function parseHlc(hlc: Hlc): HlcParts {
	const first = hlc.indexOf('.');
	const second = hlc.indexOf('.', first + 1);
	if (first !== WALL_WIDTH || second !== WALL_WIDTH + 1 + COUNTER_WIDTH) {
		throw new Error(`Not a clock timestamp: ${hlc}`);
	}
	return {
		wall: Number(hlc.slice(0, first)),
		counter: Number(hlc.slice(first + 1, second)),
		device: hlc.slice(second + 1)
	};
}

export function isHlc(value: unknown): value is Hlc {
	return typeof value === 'string' && /^\d{16}\.\d{5}\.[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** Wall time of a timestamp, in milliseconds since the epoch. */
export function hlcWall(hlc: Hlc): number {
	return Number(hlc.slice(0, WALL_WIDTH));
}

export function compareHlc(a: Hlc, b: Hlc): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One device's clock. `now` is injected so tests control time.
 * `tick` stamps a local event; `observe` folds in a timestamp seen from a
 * peer so that our next stamp orders after it.
 */
export class HybridClock {
	private wall = 0;
	private counter = 0;

	constructor(
		readonly device: DeviceId,
		private readonly now: () => number = Date.now
	) {}

	tick(): Hlc {
		const physical = this.now();
		if (physical > this.wall) {
			this.wall = physical;
			this.counter = 0;
		} else {
			this.bump();
		}
		return formatHlc({ wall: this.wall, counter: this.counter, device: this.device });
	}

	/**
	 * Folds in a peer's timestamp. One further ahead of this device's time
	 * than MAX_LEAD_MS is not followed (and false returned): a peer whose
	 * clock is set years ahead, or a hostile one, must not drag every later
	 * stamp of this device into its future.
	 */
	observe(remote: Hlc): boolean {
		const { wall, counter } = parseHlc(remote);
		const physical = this.now();
		if (wall > physical + MAX_LEAD_MS) return false;
		if (physical > this.wall && physical > wall) {
			this.wall = physical;
			this.counter = 0;
		} else if (wall > this.wall) {
			this.wall = wall;
			this.counter = counter;
			this.bump();
		} else if (wall === this.wall) {
			this.counter = Math.max(this.counter, counter);
			this.bump();
		} else {
			this.bump();
		}
		return true;
	}

	private bump(): void {
		if (this.counter >= MAX_COUNTER) {
			// More than 100k stamps in one millisecond: borrow the next one.
			this.wall += 1;
			this.counter = 0;
		} else {
			this.counter += 1;
		}
	}
}
