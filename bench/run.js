// The benchmark runner: serves the built app, runs each figure group in real
// Chromium and prints the figures. Figures are reported, not judged: the exit
// code is non-zero only when the bench itself breaks.
//
//   node bench/run.js [--json] [--only name,name]
//
// --json   one JSON object per figure and line on stdout, nothing else
// --only   figure or group names; a group whose store another group makes
//          (needs) runs that group first, without printing its figures
//
// To add a figure group: write bench/<group>.js exporting a Group, and list it
// in GROUPS below.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle } from './bundle.js';
import { camera } from './camera.js';
import { firstVisit } from './first-visit.js';
import { gs1 } from './gs1.js';
import { history } from './history.js';
import { hub } from './hub.js';
import { labels } from './labels.js';
import { log, snapshotApp, startServer } from './lib.js';
import { lookup } from './lookup.js';
import { pos } from './pos.js';
import { receive } from './receive.js';
import { scanToScreen, scanWedge } from './scan.js';
import { stockList } from './stock-list.js';
import { sync } from './sync.js';

/**
 * @typedef {{ name: string, value: number, unit: string, budget: string }} Figure
 * @typedef {(name: string, value: number, unit: string, budget: string) => void} Report
 * @typedef {object} GroupContext
 * @property {string} url the app's base URL, without a trailing slash
 * @property {string} root the folder the app is served from (server/ and build/),
 *   for groups that start a server of their own
 * @property {string} storeDir a browser profile folder shared by the groups of
 *   one run: empty when the first group that uses it starts
 * @property {Report} report
 * @typedef {object} Group
 * @property {string} name
 * @property {string[]} figures the names it reports, for --only
 * @property {string} [needs] the group that must have run first in this
 *   storeDir (it makes the store this group reads)
 * @property {(ctx: GroupContext) => Promise<void>} run
 */

/** In run order: a group that needs another comes after it. @type {Group[]} */
const GROUPS = [
	bundle,
	firstVisit,
	receive,
	lookup,
	stockList,
	camera,
	scanWedge,
	scanToScreen,
	pos,
	gs1,
	sync,
	hub,
	labels,
	history
];

const { values: flags } = parseArgs({
	options: {
		json: { type: 'boolean', default: false },
		only: { type: 'string' },
		help: { type: 'boolean', short: 'h', default: false }
	}
});

if (flags.help) {
	console.error('Usage: node bench/run.js [--json] [--only figure-or-group,...]');
	for (const g of GROUPS) console.error(`  ${g.name}: ${g.figures.join(', ')}`);
	process.exit(0);
}

const wanted = flags.only
	? new Set(
			flags.only
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		)
	: null;
const isWanted = (/** @type {string} */ name, /** @type {Group} */ group) =>
	!wanted || wanted.has(name) || wanted.has(group.name);

if (wanted) {
	const known = new Set(GROUPS.flatMap((g) => [g.name, ...g.figures]));
	const unknown = [...wanted].filter((n) => !known.has(n));
	if (unknown.length > 0) {
		console.error(
			`Unknown figure or group: ${unknown.join(', ')}. Known: ${[...known].join(', ')}`
		);
		process.exit(2);
	}
}

// The selected groups and, transitively, the groups whose store they read.
const toRun = new Set(GROUPS.filter((g) => g.figures.some((f) => isWanted(f, g))));
for (const g of [...GROUPS].reverse()) {
	if (toRun.has(g) && g.needs) toRun.add(GROUPS.find((n) => n.name === g.needs) ?? g);
}

/** @type {Figure[]} */
const figures = [];
/** @type {string[]} */
const failures = [];
const started = performance.now();
const storeDir = await mkdtemp(join(tmpdir(), 'unitrack-bench-store-'));
let server;
let app;
try {
	app = await snapshotApp();
	server = await startServer(app.root);
	log(`app at ${server.url}`);
	const done = new Set();
	for (const group of GROUPS.filter((g) => toRun.has(g))) {
		if (group.needs && !done.has(group.needs)) {
			failures.push(`${group.name}: skipped, ${group.needs} did not complete`);
			log(`skipping ${group.name}: it reads the store that ${group.needs} makes`);
			continue;
		}
		log(`group ${group.name} (load average ${loadavg()[0].toFixed(1)})`);
		const t0 = performance.now();
		try {
			await group.run({
				url: server.url,
				root: app.root,
				storeDir,
				report: (name, value, unit, budget) => {
					if (!isWanted(name, group)) return;
					const figure = { name, value, unit, budget };
					figures.push(figure);
					if (flags.json) console.log(JSON.stringify(figure));
					log(`${name} = ${value} ${unit} (budget ${budget})`);
				}
			});
			done.add(group.name);
		} catch (error) {
			failures.push(`${group.name}: ${error instanceof Error ? error.stack : String(error)}`);
			log(`group ${group.name} broke:`, error);
		}
		log(`group ${group.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	}
} catch (error) {
	failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
	await server?.stop();
	await app?.remove();
	await rm(storeDir, { recursive: true, force: true });
}

if (!flags.json) printTable(figures);
log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) {
	for (const f of failures) console.error(`bench broke: ${f}`);
	process.exit(1);
}

/** @param {Figure[]} rows */
function printTable(rows) {
	const cells = rows.map((f) => [f.name, String(f.value), f.unit, f.budget, verdict(f)]);
	const head = ['figure', 'value', 'unit', 'budget', ''];
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (/** @type {string[]} */ c) =>
		c
			.map((v, i) => (i === 1 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	console.log(line(head));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const c of cells) console.log(line(c));
}

/**
 * Says whether a figure is within its budget; information, not a verdict on
 * the run.
 * @param {Figure} f
 */
function verdict(f) {
	const m = /^(<=|>=|=)\s*([\d.]+)$/.exec(f.budget);
	if (!m) return '';
	const limit = Number(m[2]);
	const ok =
		m[1] === '<=' ? f.value <= limit : m[1] === '>=' ? f.value >= limit : f.value === limit;
	if (ok) return 'within';
	return m[1] === '=' ? 'OFF BUDGET' : 'OVER BUDGET';
}
