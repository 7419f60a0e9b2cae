// Finding one serial among 100,000+ stored units, the way the app does it
// (queries.ts unitsBySerial: db.units.where('serial').equals(s).toArray(),
// which is one IndexedDB index('serial').getAll(s) in a readonly
// transaction), timed inside the page on the app's own database.
import { SEEDED_RANGES, serialOf } from './receive.js';
import { launchStore, log, median, percentile, round, settle } from './lib.js';

const LOOKUPS = 200;
const WARM_UP = 10;

/** @type {import('./run.js').Group} */
export const lookup = {
	name: 'lookup',
	figures: ['lookup_serial_100k_ms'],
	needs: 'receive',
	async run({ url, storeDir, report }) {
		const context = await launchStore(storeDir);
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${url}/stock`);
			await page.getByRole('table', { name: 'Stock' }).getByRole('link').first().waitFor();
			// The app opens its log in the background; let that finish first.
			await settle(page);
			const serials = pickSerials(LOOKUPS + WARM_UP);
			const times = await page.evaluate(async (serials) => {
				/** @type {IDBDatabase} */
				const db = await new Promise((resolve, reject) => {
					const open = indexedDB.open('unitrack');
					open.onsuccess = () => resolve(open.result);
					open.onerror = () => reject(open.error);
				});
				const times = [];
				for (const serial of serials) {
					const t0 = performance.now();
					const rows = await new Promise((resolve, reject) => {
						const get = db
							.transaction('units', 'readonly')
							.objectStore('units')
							.index('serial')
							.getAll(serial);
						get.onsuccess = () => resolve(get.result);
						get.onerror = () => reject(get.error);
					});
					times.push(performance.now() - t0);
					if (rows.length !== 1) throw new Error(`${serial}: ${rows.length} units, expected 1`);
				}
				db.close();
				return times;
			}, serials);
			const counted = times.slice(WARM_UP);
			log(
				`lookup: median ${round(median(counted), 2)} ms, p95 ${round(percentile(counted, 0.95), 2)} ms, max ${round(Math.max(...counted), 2)} ms over ${counted.length}`
			);
			report('lookup_serial_100k_ms', round(median(counted), 2), 'ms', '<= 5');
		} finally {
			await context.close();
		}
	}
};

/**
 * Serials known to be in the store, drawn with a fixed seed so that every run
 * looks up the same ones.
 * @param {number} n
 */
function pickSerials(n) {
	const all = SEEDED_RANGES.flatMap((range) =>
		Array.from({ length: range.to - range.from + 1 }, (_, i) => serialOf(range, range.from + i))
	);
	let seed = 0x2545f491;
	const random = () => {
		// xorshift32
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		return (seed >>> 0) / 2 ** 32;
	};
	return Array.from({ length: n }, () => all[Math.floor(random() * all.length)]);
}
