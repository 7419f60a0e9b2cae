// The harness page: generates a seeded store history month by month
// (event-stream.js) and projects it with the app's own rebuildProjection into
// a fresh IndexedDB database, timing the projection apart from the
// generation. Driven by run.js through window.harness.
import Dexie from 'dexie';
import { UnitrackDb } from '../../src/lib/store/db.ts';
import {
	DEFAULT_CACHE_ROWS,
	projectEvents,
	rebuildProjection
} from '../../src/lib/store/projector.ts';
import { monthsOfEvents, PRESETS } from './event-stream.js';

/**
 * @typedef {object} RebuildRun
 * @property {keyof typeof PRESETS} preset
 * @property {number} seed
 * @property {number} [cacheRows]
 * @property {number} [months]
 */

const heapMb = () =>
	/** @type {{ memory?: { usedJSHeapSize: number } }} */ (performance).memory?.usedJSHeapSize / 1e6;

/** @param {RebuildRun} run */
async function rebuild(run) {
	const db = new UnitrackDb(`harness-${run.preset}-${Date.now()}`);
	await db.open();
	let generateMs = 0;
	let events = 0;
	let peakHeap = heapMb() ?? 0;
	const months = monthsOfEvents({ ...PRESETS[run.preset], seed: run.seed, months: run.months });
	const batches = {
		async *[Symbol.asyncIterator]() {
			for (;;) {
				const t = performance.now();
				const next = months.next();
				generateMs += performance.now() - t;
				if (next.done) return;
				events += next.value.length;
				yield next.value;
			}
		}
	};
	const state = /** @type {HTMLElement} */ (document.getElementById('state'));
	const started = performance.now();
	const stats = await rebuildProjection(
		db,
		batches,
		(p) => {
			peakHeap = Math.max(peakHeap, heapMb() ?? 0);
			state.textContent = `${p.batches} months, ${p.events} events`;
		},
		{ cacheRows: run.cacheRows ?? DEFAULT_CACHE_ROWS }
	);
	const totalMs = performance.now() - started;
	const projectMs = totalMs - generateMs;

	const [units, sales, conflicts, products] = await Promise.all([
		db.units.count(),
		db.sales.count(),
		db.conflicts.count(),
		db.products.toArray()
	]);
	const inStock = products.reduce((n, p) => n + (p.counts.in_stock ?? 0), 0);
	const sold = products.reduce((n, p) => n + (p.counts.sold ?? 0), 0);

	// One sale on the rebuilt store, as the POS appends it: the single-append path.
	const unit = await db.units.where('[productId+serial]').above(['', '']).first();
	const appendMs = unit ? await appendSale(db, unit) : null;
	db.close();
	await indexedDBDelete(db.name);
	return {
		events,
		totalMs,
		generateMs,
		projectMs,
		eventsPerSecond: events / (projectMs / 1000),
		units,
		inStock,
		sold,
		sales,
		conflicts,
		peakHeapMb: peakHeap,
		rows: stats,
		appendMs
	};
}

/**
 * @param {UnitrackDb} db
 * @param {import('../../src/lib/store/db').UnitRow} unit
 */
async function appendSale(db, unit) {
	const device = 'harnessdev01';
	const stamp = (/** @type {number} */ n) =>
		`${String(Date.now() + 1e12).padStart(16, '0')}.${String(n).padStart(5, '0')}.${device}`;
	const base = { device, productId: unit.productId, serials: [unit.serial], note: '' };
	const t = performance.now();
	await projectEvents(db, [
		{
			...base,
			id: 'harnessA1',
			at: stamp(0),
			type: 'units.changed',
			action: 'reserve',
			ref: { kind: 'cart', id: 'hcart' }
		},
		{
			...base,
			id: 'harnessA2',
			at: stamp(1),
			type: 'units.changed',
			action: 'sell',
			ref: { kind: 'sale', id: 'hcart' }
		}
	]);
	return performance.now() - t;
}

/** @param {string} name */
function indexedDBDelete(name) {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = request.onerror = request.onblocked = () => resolve(undefined);
	});
}

/**
 * IndexedDB's own floor here: `n` rows of about `bytes` bytes put with one
 * bulkPut per `chunk` rows, in one transaction, with `indexes` indexes.
 * @param {{ n: number, bytes: number, chunk: number, indexes: number, add: boolean }} run
 */
async function raw({ n, bytes, chunk, indexes, add }) {
	const db = new Dexie(`harness-raw-${Date.now()}`);
	db.version(1).stores({
		rows: ['id', ...Array.from({ length: indexes }, (_, i) => `i${i}`)].join(', ')
	});
	await db.open();
	const pad = 'x'.repeat(bytes);
	const rows = Array.from({ length: n }, (_, i) => {
		/** @type {Record<string, string | number>} */
		const row = { id: `row-${i}`, pad };
		for (let k = 0; k < indexes; k++) row[`i${k}`] = `v${k}-${i % 1000}`;
		return row;
	});
	const t = performance.now();
	await db.transaction('rw', db.table('rows'), async () => {
		for (let i = 0; i < n; i += chunk) {
			const part = rows.slice(i, i + chunk);
			await (add ? db.table('rows').bulkAdd(part) : db.table('rows').bulkPut(part));
		}
	});
	const ms = performance.now() - t;
	db.close();
	await indexedDBDelete(db.name);
	return { ms, perRowUs: (ms * 1000) / n };
}

/** @type {Window & { harness?: { rebuild: typeof rebuild, raw: typeof raw } }} */ (
	window
).harness = {
	rebuild,
	raw
};
/** @type {HTMLElement} */ (document.getElementById('state')).textContent = 'ready';
