// What the store history generator's parts share (event-stream.js): its
// seeded random numbers, the ledger's clock format, the names it draws from,
// and the queue of steps it takes in time order.

export const MONTH_MS = 30 * 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_START = Date.UTC(2023, 0, 2, 8);

/** mulberry32: a small seeded PRNG. @param {number} seed */
export function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The clock stamp the ledger writes (domain/hlc.ts formatHlc). */
export function hlc(
	/** @type {number} */ wall,
	/** @type {number} */ counter,
	/** @type {string} */ device
) {
	return `${String(wall).padStart(16, '0')}.${String(counter).padStart(5, '0')}.${device}`;
}

export const FIRST = [
	'Ann',
	'Bo',
	'Chen',
	'Dara',
	'Eli',
	'Femi',
	'Gus',
	'Hana',
	'Ivo',
	'Jo',
	'Kai',
	'Lea'
];
export const LAST = [
	'Smith',
	'Okafor',
	'Novak',
	'Garcia',
	'Kim',
	'Moreau',
	'Singh',
	'Berg',
	'Rossi'
];
export const KINDS = ['Phone', 'Tablet', 'Laptop', 'Drill', 'Router', 'Camera', 'Console', 'Watch'];
export const EXTRAS = ['Case', 'Charger', 'Cable', 'Screen guard', 'Battery', 'Strap', 'Bag'];
export const METHODS = /** @type {const} */ (['system', 'range', 'manual', 'scan']);

/** A min-heap of steps by time (ties in the order pushed). */
export class Steps {
	constructor() {
		/** @type {{ t: number, seq: number, run: () => void }[]} */
		this.heap = [];
		this.seq = 0;
	}

	/** @param {number} t @param {() => void} run */
	push(t, run) {
		const heap = this.heap;
		heap.push({ t, seq: this.seq++, run });
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.before(i, parent)) break;
			this.swap(i, parent);
			i = parent;
		}
	}

	/** Runs every step due before `end`, soonest first. @param {number} end */
	runUntil(end) {
		const heap = this.heap;
		while (heap.length > 0 && /** @type {{ t: number }} */ (heap[0]).t < end) {
			const top = /** @type {{ run: () => void }} */ (heap[0]);
			const last = /** @type {(typeof heap)[number]} */ (heap.pop());
			if (heap.length > 0) {
				heap[0] = last;
				let i = 0;
				for (;;) {
					const l = 2 * i + 1;
					const r = l + 1;
					let m = i;
					if (l < heap.length && this.before(l, m)) m = l;
					if (r < heap.length && this.before(r, m)) m = r;
					if (m === i) break;
					this.swap(i, m);
					i = m;
				}
			}
			top.run();
		}
	}

	/** @param {number} a @param {number} b */
	before(a, b) {
		const x = /** @type {{ t: number, seq: number }} */ (this.heap[a]);
		const y = /** @type {{ t: number, seq: number }} */ (this.heap[b]);
		return x.t < y.t || (x.t === y.t && x.seq < y.seq);
	}

	/** @param {number} a @param {number} b */
	swap(a, b) {
		const h = this.heap;
		[h[a], h[b]] = [
			/** @type {(typeof h)[number]} */ (h[b]),
			/** @type {(typeof h)[number]} */ (h[a])
		];
	}
}
