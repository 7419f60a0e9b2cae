// The hub's own entries in each store's head doc: for every period it holds,
// its state vector, under the device name `hub` (`p/2026-12|hub`), as the
// devices publish theirs (src/lib/ledger/head.ts). A device compares them
// with what it holds: a period whose events the hub lacks (written while the
// device was offline) is pushed to it, and what the hub holds that the device
// lacks is fetched (src/lib/ledger/store-sync.ts).
//
// Written when the hub loads a period and when one changes, a little later
// (a burst of sales is one entry); the current month at most once a minute,
// since the devices sync it live anyway.
import * as Y from 'yjs';
import { parseDocName } from './doc-names.js';

export const HUB_DEVICE = 'hub';
export const HUB_ORIGIN = 'unitrack-hub';
const DEBOUNCE_MS = 1000;
const CURRENT_MS = 60_000;

/**
 * @param {{ hocuspocus: () => import('@hocuspocus/server').Hocuspocus, now?: () => number,
 *   debounceMs?: number, currentMs?: number }} options
 */
export function hubHeld({
	hocuspocus,
	now = Date.now,
	debounceMs = DEBOUNCE_MS,
	currentMs = CURRENT_MS
}) {
	/** @type {Map<string, ReturnType<typeof setTimeout>>} */
	const timers = new Map();
	/** @type {Map<string, number>} */
	const lastAt = new Map();
	let stopped = false;

	/** @param {string} documentName a period doc that changed or loaded */
	function changed(documentName) {
		const parsed = parseDocName(documentName);
		if (!parsed || parsed.doc === 'head' || timers.has(documentName) || stopped) return;
		const month = new Date(now()).toISOString().slice(0, 7);
		const isCurrent = parsed.doc === `p/${month}`;
		const wait = isCurrent
			? Math.max(debounceMs, (lastAt.get(documentName) ?? 0) + currentMs - now())
			: debounceMs;
		timers.set(
			documentName,
			setTimeout(() => {
				timers.delete(documentName);
				lastAt.set(documentName, now());
				publish(parsed.store, parsed.doc, documentName).catch((error) =>
					console.error(`could not note ${documentName} in its head`, error)
				);
			}, wait)
		);
	}

	/** @param {string} store @param {string} period @param {string} documentName */
	async function publish(store, period, documentName) {
		const instance = hocuspocus();
		const doc = instance.documents.get(documentName);
		if (!doc || stopped) return;
		const sv = Y.encodeStateVector(doc);
		const headName = `${store}/head`;
		const write = (/** @type {Y.Doc} */ head) => {
			const held = head.getMap('held');
			const key = `${period}|${HUB_DEVICE}`;
			const before = held.get(key);
			if (before instanceof Uint8Array && Buffer.compare(before, sv) === 0) return;
			head.transact(() => held.set(key, sv), HUB_ORIGIN);
		};
		const head = instance.documents.get(headName);
		if (head && !head.isLoading) return write(head);
		const direct = await instance.openDirectConnection(headName, {});
		try {
			if (direct.document) write(direct.document);
		} finally {
			await direct.disconnect();
		}
	}

	return {
		changed,
		stop() {
			stopped = true;
			for (const t of timers.values()) clearTimeout(t);
			timers.clear();
		}
	};
}
