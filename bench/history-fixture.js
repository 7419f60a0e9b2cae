// The big store the history benches restore (issue 12, item 10): three years
// of a four-device store (bench/projector-harness/event-stream.js: receipts
// of 1–50 serials, sales of 1–3 lines, refunds, tickets, adjustments, catalog
// edits), appended through the app's own ledger code (src/lib/ledger/ledger.ts,
// one Ledger per device, each on its own clock, each action one append as the
// app's services make it), then written by the app's own backup code
// (src/lib/services/backup-service.ts) into a backup file. No back door into
// the tables: the benches load the file through Settings > Maintenance >
// Restore, as a user would.
//
// The four devices' logs are put together as a device that synced with the
// other three holds them: every update row of every doc.
//
//   node bench/history-fixture.js [--events 1m|10k] [--out FILE]
//
// Cached by preset and generator version (FIXTURE_VERSION): a second run with
// the same version reuses the file.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { log, ROOT } from './lib.js';
import { monthsOfEvents, PRESETS } from './projector-harness/event-stream.js';

/** Bump when the events, the ledger's encoding or the backup format change. */
export const FIXTURE_VERSION = 1;
/** Per preset, on top: the 10k store got the 1M store's catalog. */
const PRESET_VERSION = { '1m': 0, '10k': 1 };

/** Sizes: about a million events, and the 10,000-event store the start ratio compares with. */
export const HISTORY_PRESETS = {
	'1m': { ...PRESETS.events1M, seed: 1 },
	// The same catalog as the 1M store: the ratio compares history, not catalog size.
	'10k': { units: 3_300, sales: 2_450, seed: 1, catalogOf: PRESETS.events1M.units }
};

/** Outside node_modules, which npm ci empties. */
export const CACHE_DIR = join(ROOT, 'bench', '.cache');

/** The backup file of a preset, made if it is not cached yet. @param {keyof typeof HISTORY_PRESETS} preset */
export async function historyFixture(preset) {
	const version = `${FIXTURE_VERSION}${PRESET_VERSION[preset] ? `.${PRESET_VERSION[preset]}` : ''}`;
	const file = join(CACHE_DIR, `history-${preset}-v${version}.unitrack-backup`);
	const held = await stat(file).catch(() => null);
	if (held && held.size > 0) return { file, ...(await readInfo(file)) };
	await mkdir(CACHE_DIR, { recursive: true });
	const info = await generate(HISTORY_PRESETS[preset], file);
	await writeFile(`${file}.json`, JSON.stringify(info));
	return { file, ...info };
}

/** @param {string} file */
async function readInfo(file) {
	return JSON.parse(await readFile(`${file}.json`, 'utf8'));
}

/**
 * @param {{ units: number, sales: number, seed: number, catalogOf?: number }} options
 * @param {string} file
 */
async function generate(options, file) {
	// The app's TypeScript, loaded as the app builds it ($lib as in SvelteKit).
	const vite = await createServer({
		configFile: false,
		logLevel: 'error',
		root: ROOT,
		resolve: { alias: { $lib: join(ROOT, 'src', 'lib') } },
		server: { middlewareMode: true, hmr: false, ws: false },
		optimizeDeps: { noDiscovery: true, include: [] }
	});
	try {
		const { Ledger } = await vite.ssrLoadModule('/src/lib/ledger/ledger.ts');
		const { MemoryLogStore } = await vite.ssrLoadModule('/src/lib/ledger/memory-log-store.ts');
		const { makeBackup } = await vite.ssrLoadModule('/src/lib/services/backup-service.ts');
		const { mergeStateVectors, readStateVector } = await vite.ssrLoadModule(
			'/src/lib/ledger/update-events.ts'
		);

		const started = performance.now();
		const clock = { now: 0 };
		/** @type {Map<string, { ledger: any, store: any }>} */
		const devices = new Map();
		const deviceOf = async (/** @type {string} */ id) => {
			let d = devices.get(id);
			if (!d) {
				const store = new MemoryLogStore('bench-history');
				const ledger = await Ledger.open(store, { device: id, now: () => clock.now });
				d = { ledger, store };
				devices.set(id, d);
			}
			return d;
		};

		let events = 0;
		let appends = 0;
		let month = 0;
		for (const batch of monthsOfEvents(options)) {
			// One action (a sale and its units, a receipt) is one append, as the services make it.
			for (let i = 0; i < batch.length;) {
				const first = batch[i];
				let j = i + 1;
				while (
					j < batch.length &&
					batch[j].device === first.device &&
					batch[j].at.slice(0, 16) === first.at.slice(0, 16)
				)
					j++;
				const { ledger } = await deviceOf(first.device);
				clock.now = Number(first.at.slice(0, 16));
				await ledger.append(
					batch.slice(i, j).map(({ id: _id, at: _at, device: _device, ...event }) => event)
				);
				events += j - i;
				appends++;
				i = j;
			}
			month++;
			if (month % 3 === 0)
				log(
					`history fixture: ${month} months, ${events.toLocaleString('en')} events, ${Math.round((performance.now() - started) / 1000)} s`
				);
		}
		for (const { ledger } of devices.values()) {
			await ledger.settled();
			ledger.close();
		}

		// The store as a device holds it once it synced with the other three.
		const combined = new MemoryLogStore('bench-history');
		const docs = new Set();
		for (const { store } of devices.values())
			for (const s of await store.summaries()) docs.add(s.doc);
		for (const doc of [...docs].sort()) {
			/** @type {Map<number, number> | undefined} */
			let sv;
			/** @type {Uint8Array | null} */
			let encoded = null;
			const seqs = [];
			for (const { store } of devices.values()) {
				const rows = await store.load(doc);
				if (rows.length === 0) continue;
				seqs.push(...(await combined.write(rows.map((r) => ({ doc, bytes: r.bytes })))));
				for (const r of rows) {
					encoded = mergeStateVectors(sv, r.bytes);
					sv = readStateVector(encoded);
				}
			}
			await combined.settle(seqs, encoded ? [{ doc, sv: encoded }] : []);
		}
		const backup = await makeBackup(combined, 'Harbour Road (1M bench)');
		const bytes = new Uint8Array(await backup.blob.arrayBuffer());
		await writeFile(file, bytes);
		const info = {
			events,
			appends,
			devices: devices.size,
			bytes: bytes.byteLength,
			seconds: Math.round((performance.now() - started) / 1000)
		};
		log(`history fixture: ${JSON.stringify(info)} → ${file}`);
		return info;
	} finally {
		await vite.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: { events: { type: 'string', default: '10k' } }
	});
	const preset = /** @type {keyof typeof HISTORY_PRESETS} */ (values.events);
	if (!(preset in HISTORY_PRESETS))
		throw new Error(`--events is one of ${Object.keys(HISTORY_PRESETS)}`);
	const made = await historyFixture(preset);
	console.log(JSON.stringify(made));
}
