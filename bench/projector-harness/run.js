// The projector harness (a development tool, not a user figure): builds a tiny
// page (page.js) with Vite into a temporary folder, serves it, and in real
// Chromium projects seeded store histories (event-stream.js) through the
// app's rebuildProjection, printing events/s and total ms.
//
//   node bench/projector-harness/run.js [--preset units100k,events1M] [--seed 1]
//        [--cache-rows 60000] [--months 36] [--port 4642] [--json] [--profile FILE.cpuprofile]
//
// Progress goes to stderr; with --json, stdout has one JSON object per run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { build } from 'vite';
import { CHROMIUM_PATH } from '../lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(dirname(HERE));

const { values: flags } = parseArgs({
	options: {
		preset: { type: 'string', default: 'units100k,events1M' },
		seed: { type: 'string', default: '1' },
		'cache-rows': { type: 'string' },
		months: { type: 'string' },
		port: { type: 'string', default: process.env.HARNESS_PORT ?? '4642' },
		json: { type: 'boolean', default: false },
		profile: { type: 'string' },
		raw: { type: 'string' }
	}
});

const log = (/** @type {unknown[]} */ ...parts) => console.error('[harness]', ...parts);

const out = await mkdtemp(join(tmpdir(), 'projector-harness-'));
const profile = await mkdtemp(join(tmpdir(), 'projector-harness-profile-'));
/** @type {import('node:http').Server | null} */
let server = null;
/** @type {import('@playwright/test').BrowserContext | null} */
let context = null;
try {
	log('building the harness page');
	await build({
		configFile: false,
		root: HERE,
		base: './',
		logLevel: 'warn',
		resolve: { alias: { $lib: join(ROOT, 'src/lib') } },
		build: { outDir: out, emptyOutDir: true, target: 'es2022', minify: false }
	});
	const serve = sirv(out, { dev: true });
	server = createServer((req, res) => serve(req, res));
	const port = Number(flags.port);
	await new Promise((resolve) => server?.listen(port, '127.0.0.1', () => resolve(undefined)));
	// A profile on disk: IndexedDB of an incognito context lives in memory, not what a device meets.
	context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--no-first-run']
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (error) => log('page error:', error.message));
	await page.goto(`http://127.0.0.1:${port}/index.html`);
	await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');

	if (flags.raw) {
		// --raw n,bytes,chunk,indexes,add: IndexedDB's floor on this machine now (add 1: bulkAdd).
		const [n = 100_000, bytes = 500, chunk = 10_000, indexes = 2, add = 0] = flags.raw
			.split(',')
			.map(Number);
		const result = await page.evaluate((r) => /** @type {any} */ (window).harness.raw(r), {
			n,
			bytes,
			chunk,
			indexes,
			add: add === 1
		});
		console.log(
			`raw: ${n} rows of ${bytes} bytes, ${indexes} indexes, ${add === 1 ? 'bulkAdd' : 'bulkPut'} by ${chunk}: ${Math.round(result.ms)} ms (${result.perRowUs.toFixed(0)} µs a row), load ${loadavg()[0].toFixed(1)}`
		);
	}
	for (const preset of flags.raw ? [] : flags.preset.split(',')) {
		const load = loadavg()[0].toFixed(1);
		log(`${preset}: projecting (load ${load})`);
		const run = {
			preset,
			seed: Number(flags.seed),
			cacheRows: flags['cache-rows'] ? Number(flags['cache-rows']) : undefined,
			months: flags.months ? Number(flags.months) : undefined
		};
		const cdp = flags.profile ? await context.newCDPSession(page) : null;
		if (cdp) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
			await cdp.send('Profiler.start');
		}
		const result = await page.evaluate((r) => /** @type {any} */ (window).harness.rebuild(r), run);
		if (cdp) {
			const { profile: cpu } = await cdp.send('Profiler.stop');
			await writeFile(flags.profile ?? 'harness.cpuprofile', JSON.stringify(cpu));
			log(`CPU profile written to ${flags.profile}`);
		}
		const line = {
			preset,
			...run,
			...result,
			loadBefore: Number(load),
			loadAfter: Number(loadavg()[0].toFixed(1))
		};
		log('rows read and written', JSON.stringify(result.rows));
		if (flags.json) console.log(JSON.stringify(line));
		else
			console.log(
				`${preset}: ${result.events.toLocaleString('en')} events projected in ${Math.round(result.projectMs).toLocaleString('en')} ms ` +
					`(${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s; generating them took ${Math.round(result.generateMs)} ms more, partly while batches committed: ${Math.round(result.totalMs).toLocaleString('en')} ms in all), ` +
					`${result.units.toLocaleString('en')} units (${result.inStock.toLocaleString('en')} in stock, ${result.sold.toLocaleString('en')} sold), ` +
					`${result.sales.toLocaleString('en')} sales, ${result.conflicts} conflicts, peak heap ${Math.round(result.peakHeapMb)} MB, ` +
					`one sale appended after in ${result.appendMs?.toFixed(1)} ms; load ${line.loadBefore} -> ${line.loadAfter}`
			);
	}
} finally {
	await context?.close();
	server?.close();
	await rm(out, { recursive: true, force: true });
	await rm(profile, { recursive: true, force: true });
}
