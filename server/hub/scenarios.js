// Runs of simulated devices against hub processes, shared by the tests
// (durability.test.js) and the benchmarks (bench/hub.js).
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { issueToken, spawnHub, storeId, until } from './hub-fixtures.js';
import { SimDevice } from './sim-device.js';

/** Acknowledged events before the kill, at least (when the hub keeps up less than this, it waits). */
const MIN_ACKED = 50;

/** The period the simulated devices write to: this month's, as on a device. */
export const periodNow = () => `p/${new Date().toISOString().slice(0, 7)}`;

/** A sale as the app logs it, about the size of a real one. */
function saleEvent(/** @type {string} */ id, /** @type {string} */ device) {
	const now = Date.now();
	return {
		id,
		type: 'sale.completed',
		at: `${String(now).padStart(16, '0')}.00000.${device}`,
		device,
		sentAt: now,
		saleId: `sale-${id}`,
		lines: [{ productId: 'p-bench', serial: `SN-${id}`, price: 19900, quantity: 1 }],
		payment: { method: 'card', amount: 19900 },
		customer: { name: '', phone: '' }
	};
}

/**
 * Five devices append 1,000 events between them (every 2–6 ms each); the hub
 * is killed (SIGKILL) once half are appended and at least 50 acknowledged
 * (or after the last append, if it is slower than that), and started again on the same
 * database. Returns the events acknowledged before the kill, and those of
 * them that a fresh device does not find on the restarted hub; then lets the
 * devices come back and waits for the hub to hold all of them.
 * @param {{ data?: string, database?: string, root?: string, devices?: number, perDevice?: number }} options
 */
export async function killDuringAppends({
	data,
	database,
	root,
	devices: count = 5,
	perDevice = 200
}) {
	const period = periodNow();
	let hub = await spawnHub({ data, database, root });
	try {
		const store = storeId('kill');
		const { token } = await issueToken(hub.base, { store });
		const devices = Array.from(
			{ length: count },
			(_, i) => new SimDevice({ url: hub.url, store, token, name: `d${i}` })
		);
		await Promise.all(devices.map((d) => d.open(period)));
		// Their first syncs acknowledged: from here each acknowledgement is one append's.
		await until(() => devices.every((d) => d.isSettled(period)), 10_000, 'devices settled');
		let appended = 0;
		/** @type {string[]} */
		let acked = [];
		/** @type {Promise<void> | null} */
		let killing = null;
		const kill = () => {
			acked = devices.flatMap((x) => x.acknowledged(period));
			killing = hub.stop('SIGKILL');
		};
		// Killed once half are appended and some are acknowledged (else the check checks nothing).
		const isTime = () =>
			appended >= (count * perDevice) / 2 &&
			devices.reduce((n, x) => n + x.acknowledged(period).length, 0) >= MIN_ACKED;
		await Promise.all(
			devices.map(async (d, i) => {
				for (let n = 0; n < perDevice; n++) {
					d.append(period, saleEvent(`d${i}-${n}`, `d${i}`));
					appended++;
					if (!killing && isTime()) kill();
					await new Promise((r) => setTimeout(r, 2 + Math.random() * 4));
				}
			})
		);
		if (!killing) kill();
		await killing;
		const docs = devices.map((d) => d.docs.get(period)?.doc ?? new Y.Doc());
		for (const d of devices) d.destroy();

		hub = await spawnHub({ data, database, root, port: hub.port });
		const checker = new SimDevice({ url: hub.url, store, token, name: 'checker' });
		await checker.open(period);
		const held = new Set(checker.events(period).map((e) => e.id));
		const lost = acked.filter((id) => !held.has(id));

		const back = docs.map((_, i) => new SimDevice({ url: hub.url, store, token, name: `b${i}` }));
		await Promise.all(back.map((d, i) => d.open(period, docs[i])));
		await until(
			() => new Set(checker.events(period).map((e) => e.id)).size === count * perDevice,
			30_000,
			'all events on the restarted hub'
		);
		for (const d of [...back, checker]) d.destroy();
		return { acked, lost, total: count * perDevice };
	} finally {
		await hub.stop();
	}
}

/**
 * `stores` stores of `perStore` devices each; every device appends one sale a
 * second for `seconds`. Each event carries the wall time it was appended;
 * every other device of its store notes when it arrived. Returns those
 * latencies, the events missing on some device of their store once all is
 * quiet (waiting up to 20 s), and the hub process's resident memory then.
 * @param {{ url: string, base: string, pid: number, stores?: number, perStore?: number, seconds?: number, log?: (...a: unknown[]) => void }} options
 */
export async function loadRun({
	url,
	base,
	pid,
	stores = 10,
	perStore = 5,
	seconds = 60,
	log = () => {}
}) {
	const period = periodNow();
	/** @type {number[]} */
	const latencies = [];
	/** @type {{ store: string, devices: SimDevice[], appended: string[] }[]} */
	const groups = [];
	for (let s = 0; s < stores; s++) {
		const store = storeId(`load${s}`);
		const { token } = await issueToken(base, { store, storeName: `Store ${s}` });
		const devices = Array.from(
			{ length: perStore },
			(_, i) => new SimDevice({ url, store, token, name: `s${s}d${i}` })
		);
		await Promise.all(devices.flatMap((d) => [d.open('head'), d.open(period)]));
		for (const d of devices) {
			const events = d.docs.get(period)?.doc.getArray('events');
			events?.observe((change, transaction) => {
				if (transaction.local) return;
				const now = Date.now();
				for (const item of change.changes.added)
					for (const e of item.content.getContent()) {
						const sentAt = /** @type {{ sentAt?: number }} */ (e).sentAt;
						if (typeof sentAt === 'number') latencies.push(now - sentAt);
					}
			});
		}
		groups.push({ store, devices, appended: [] });
	}
	log(`${stores * perStore} devices connected; appending for ${seconds} s`);
	const start = Date.now();
	await Promise.all(
		groups.flatMap((g) =>
			g.devices.map(async (d, i) => {
				// Spread over the second, as tills are.
				await new Promise((r) => setTimeout(r, Math.random() * 1000));
				for (let n = 0; Date.now() - start < seconds * 1000; n++) {
					const id = `${d.name}-${n}`;
					d.append(period, saleEvent(id, d.name));
					g.appended.push(id);
					const next = start + (n + 1) * 1000 + i * 7;
					await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
				}
			})
		)
	);
	const missing = () =>
		groups.reduce((n, g) => {
			for (const d of g.devices) {
				const held = new Set(d.events(period).map((e) => e.id));
				n += g.appended.filter((id) => !held.has(id)).length;
			}
			return n;
		}, 0);
	await until(() => missing() === 0, 20_000, 'every event on every device').catch(() => undefined);
	const lost = missing();
	const rssMb = residentMb(pid);
	const appended = groups.reduce((n, g) => n + g.appended.length, 0);
	for (const g of groups) for (const d of g.devices) d.destroy();
	return { latencies, lost, rssMb, appended };
}

/** A process's resident memory (VmRSS), in MB. @param {number} pid */
export function residentMb(pid) {
	return readStatus(pid, 'VmRSS');
}

/** A process's peak resident memory (VmHWM), in MB. @param {number} pid */
export function peakResidentMb(pid) {
	return readStatus(pid, 'VmHWM');
}

/** @param {number} pid @param {string} field */
function readStatus(pid, field) {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${field}:`));
	return Number(/(\d+)\s*kB/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}
