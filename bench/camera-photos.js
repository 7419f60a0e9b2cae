// The camera on the photographed-like set (tests/fixtures/photo-set.js,
// issue 11): every picture with a code played to the real built app's
// scanner (the header's "Scan with camera") through Chromium's fake camera,
// HOLD frames each (30 a second), and the pictures with no code in a clip
// of their own, DECOY_HOLD frames each. The store is empty, so every scan
// is refused ("No unit or product matches") and the scanner goes on.
//
// In the page, a probe reads which picture the camera shows (the colour
// strip camera-photos.js writes into every frame) at every video frame,
// and sees each "Scanned: CODE" the scanner shows, timed at the next paint.
// A picture is read when its code was shown; a wrong read is a code shown
// that no picture carries; a false positive is anything shown while the
// camera looks at pictures with no code. Time to first read: from the first
// video frame of the picture to the paint that shows its code.
//
// For the yardstick, the same stills decoded whole in Node by each decoder
// alone (still-decoders.js).
import { photoClip, photos, readMarker, MARKER } from '../tests/fixtures/camera-photos.js';
import { CODE_KINDS, photoSet } from '../tests/fixtures/photo-set.js';
import { cameraButton, decoderShown, launchCamera, stockPage } from './camera-lib.js';
import { log, median, round, settle } from './lib.js';
import { asShown, stillDecoders, stillPixels } from './still-decoders.js';

/** Frames each picture with a code is held: 0.67 s, a person holding a label up to a phone. */
const HOLD = 20;
/** Frames each picture with no code is held: 1.5 s, time for a decoder to imagine something. */
const DECOY_HOLD = 45;
const FPS = 30;

/**
 * @typedef {import('../tests/fixtures/camera-photos.js').Photo} Photo
 * @typedef {{ code: string, at: number }} Shown
 * @typedef {{ index: number, at: number }} Seen
 * @typedef {{ decoder: string, label: string, reads: Map<string, number | null>, wrong: string[], falsePositives: string[] }} CameraRun
 */

/** The set, made or found in the cache. */
export async function photoFixtures() {
	const list = await photos(photoSet());
	const coded = list.filter((p) => p.spec.kind !== 'none');
	const decoys = list.filter((p) => p.spec.kind === 'none');
	const [codedClip, decoyClip] = [
		await photoClip(coded, { hold: HOLD }),
		await photoClip(decoys, { hold: DECOY_HOLD })
	];
	return { coded, decoys, codedClip, decoyClip };
}

/**
 * Plays both clips to the scanner with `decoder` (null: the default).
 * @param {string} url
 * @param {import('./camera-lib.js').DecoderKind | null} decoder
 * @param {Awaited<ReturnType<typeof photoFixtures>>} set
 * @returns {Promise<CameraRun>}
 */
export async function cameraRun(url, decoder, set) {
	const coded = await play(url, decoder, set.codedClip, set.coded, HOLD);
	const decoys = await play(url, decoder, set.decoyClip, set.decoys, DECOY_HOLD);
	const truth = new Set(set.coded.map((p) => p.spec.code));
	/** @type {Map<string, number | null>} */
	const reads = new Map();
	for (const photo of set.coded) {
		const shown = coded.shown.find((s) => s.code === photo.spec.code);
		if (!shown) continue;
		const start = coded.seen.find((s) => s.index === photo.spec.index)?.at;
		reads.set(photo.spec.id, start === undefined ? null : shown.at - start);
	}
	return {
		decoder: coded.kind,
		label: coded.label,
		reads,
		wrong: coded.shown.filter((s) => !truth.has(s.code)).map((s) => s.code),
		falsePositives: decoys.shown.map((s) => s.code)
	};
}

/**
 * @param {string} url
 * @param {import('./camera-lib.js').DecoderKind | null} decoder
 * @param {string} clip
 * @param {Photo[]} list
 * @param {number} hold
 */
async function play(url, decoder, clip, list, hold) {
	const browser = await launchCamera(clip);
	try {
		const { page } = await stockPage(browser, url, decoder);
		if (process.env.DEBUGREAD)
			page.on('console', (m) => m.text().startsWith('DEBUGREAD') && console.error(m.text()));
		await settle(page);
		await page.evaluate(installProbe, { marker: MARKER, read: readMarker.toString() });
		await cameraButton(page).click();
		const last = list.at(-1)?.spec.index;
		const seconds = (list.length * hold) / FPS;
		// Until the clip has played through and starts again (plus a moment
		// for the last picture's scan), or twice its length on a stalled
		// machine. A decoder that blocks the page (zxing) may never show the
		// probe the first picture again: the last one held for its time is the end too.
		await page.waitForFunction(
			([last, holdMs]) => {
				const seen = window.__photoProbe.seen;
				const end = seen.findIndex((s) => s.index === last);
				if (end < 0) return false;
				const again = seen.slice(end).find((s) => s.index !== last);
				const since = (again ?? seen[end]).at;
				return performance.now() - since > (again ? 500 : holdMs + 2000);
			},
			[last, (hold / FPS) * 1000],
			{ timeout: (seconds * 2 + 20) * 1000, polling: 250 }
		);
		const kind = await decoderShown(page);
		const label =
			(await page.getByText(/^Decoder:/).innerText())
				.replace(/^Decoder:\s*/, '')
				.split('·')[0]
				?.trim() ?? '';
		/** @type {{ shown: Shown[], seen: Seen[], unread: number }} */
		const probe = await page.evaluate(() => window.__photoProbe);
		const missing = list.filter((p) => !probe.seen.some((s) => s.index === p.spec.index)).length;
		log(
			`camera photos (${kind}): ${probe.seen.length} picture changes seen, ${missing} pictures never seen by the probe, ${probe.unread} frames without a strip, ${probe.shown.length} scans shown`
		);
		// Only the first pass through the clip counts.
		const firstEnd = probe.seen.findIndex((s) => s.index === last);
		const loopAt = probe.seen.slice(firstEnd).find((s) => s.index !== last)?.at ?? Infinity;
		return {
			kind,
			label,
			shown: probe.shown.filter((s) => s.at < loopAt + 500),
			seen: probe.seen.filter(
				(s, i, all) => s.at < loopAt && all.findIndex((o) => o.index === s.index) === i
			)
		};
	} finally {
		await browser.close();
	}
}

/**
 * In the page: records each picture change the camera shows and each
 * "Scanned: CODE" the scanner shows (at the next frame after it is in the DOM).
 * @param {{ marker: { x: number, y: number, block: number, bits: number, indexBits: number }, read: string }} args
 */
function installProbe({ marker, read }) {
	const readMarker = /** @type {(rgba: Uint8ClampedArray, m: typeof marker) => number} */ (
		new Function(`return (${read})`)()
	);
	/** @type {{ shown: { code: string, at: number }[], seen: { index: number, at: number }[], unread: number }} */
	const probe = { shown: [], seen: [], unread: 0 };
	window.__photoProbe = probe;
	let lastCode = '';
	new MutationObserver(() => {
		const code = document.querySelector('dialog[open] [role="status"] strong')?.textContent ?? '';
		if (!code || code === lastCode) return;
		lastCode = code;
		requestAnimationFrame(() => probe.shown.push({ code, at: performance.now() }));
	}).observe(document, { childList: true, subtree: true, characterData: true });
	const canvas = document.createElement('canvas');
	canvas.width = marker.block * marker.bits;
	canvas.height = marker.block;
	const ctx = /** @type {CanvasRenderingContext2D} */ (
		canvas.getContext('2d', { willReadFrequently: true })
	);
	let lastIndex = -1;
	/** @param {HTMLVideoElement} video */
	const watch = (video) => {
		/** @type {VideoFrameRequestCallback} */
		const onFrame = (now, metadata) => {
			ctx.drawImage(
				video,
				marker.x,
				marker.y,
				canvas.width,
				canvas.height,
				0,
				0,
				canvas.width,
				canvas.height
			);
			const index = readMarker(ctx.getImageData(0, 0, canvas.width, canvas.height).data, marker);
			if (index < 0) probe.unread++;
			else if (index !== lastIndex) {
				lastIndex = index;
				// When the camera took the frame, where the browser says (else when it is shown).
				const taken = metadata.captureTime;
				probe.seen.push({
					index,
					at: taken && taken <= performance.now() && taken > now - 2000 ? taken : performance.now()
				});
			}
			if (video.isConnected) video.requestVideoFrameCallback(onFrame);
		};
		video.requestVideoFrameCallback(onFrame);
	};
	const find = setInterval(() => {
		const video = document.querySelector('dialog[open] video');
		if (video instanceof HTMLVideoElement && video.srcObject) {
			clearInterval(find);
			watch(video);
		}
	}, 5);
}

/**
 * What each decoder alone reads from the whole still pictures.
 * @param {Photo[]} list
 */
export async function stillReads(list) {
	const decoders = await stillDecoders();
	/** @type {Record<string, { reads: Set<string>, wrong: string[] }>} */
	const out = {};
	for (const name of Object.keys(decoders)) out[name] = { reads: new Set(), wrong: [] };
	for (const photo of list) {
		const { rgba, gray } = await stillPixels(photo.still);
		for (const [name, decode] of Object.entries(decoders)) {
			const result = out[name];
			if (!result) continue;
			for (const read of await decode(rgba, gray)) {
				if (asShown(read.code) === photo.spec.code) result.reads.add(photo.spec.id);
				else result.wrong.push(`${photo.spec.id}: ${read.format} ${read.code}`);
			}
		}
	}
	return out;
}

/**
 * The per-kind table of bench/README.md, Markdown, for the log.
 * @param {Photo[]} coded
 * @param {CameraRun[]} runs
 * @param {Awaited<ReturnType<typeof stillReads>>} still
 */
export function kindTable(coded, runs, still) {
	const rows = [];
	const head = [
		'kind',
		...runs.map((r) => `camera, ${r.label}: read, median / max first read`),
		...Object.keys(still).map((n) => `still, ${n}`)
	];
	rows.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
	for (const kind of [...CODE_KINDS, 'all']) {
		const ofKind = coded.filter((p) => kind === 'all' || p.spec.kind === kind);
		const cells = [kind];
		for (const run of runs) {
			const times = ofKind
				.map((p) => run.reads.get(p.spec.id))
				.filter((t) => typeof t === 'number');
			const read = ofKind.filter((p) => run.reads.has(p.spec.id)).length;
			cells.push(
				`${read}/${ofKind.length}, ${times.length ? `${round(median(times), 0)} / ${round(Math.max(...times), 0)} ms` : '—'}`
			);
		}
		for (const result of Object.values(still))
			cells.push(`${ofKind.filter((p) => result.reads.has(p.spec.id)).length}/${ofKind.length}`);
		rows.push(`| ${cells.join(' | ')} |`);
	}
	return rows.join('\n');
}
