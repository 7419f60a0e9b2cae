// The hub's own entries in each store's head doc: for every period it holds,
// its state vector, under the device name `hub` (`p/2026-12|hub`), as the
// devices publish theirs (src/lib/ledger/head.ts). A device compares them
// with what it holds: a period whose events the hub lacks (written while the
// device was offline) is pushed to it, and what the hub holds that the device
// lacks is fetched (src/lib/ledger/store-sync.ts).
//
// Written when the hub loads a period and when one changes, a little later
// (a burst of sales is one entry); the current month at most once a minute,
// since the devices sync it live anyway. Only the hub writes these entries:
// one that a device sends (a device that last saw the hub before it was
// restored from an older backup, or a device lying) makes the hub read that
// period from its database and write what it really holds, so devices push
// what the hub lost.
import * as Y from 'yjs';
import { parseDocName } from './doc-names.js';

export const HUB_DEVICE = 'hub';
export const HUB_ORIGIN = 'unitrack-hub';
const DEBOUNCE_MS = 1000;
const CURRENT_MS = 60_000;
const SUFFIX = `|${HUB_DEVICE}`;

/** A change a device sent (Hocuspocus's origin for it is the device's connection). @param {unknown} origin */
const isFromDevice = (origin) =>
	typeof origin === 'object' && origin !== null && 'webSocket' in origin;

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
		const doc = hocuspocus().documents.get(documentName);
		if (!doc || stopped) return;
		await write(store, period, Y.encodeStateVector(doc));
	}

	/**
	 * A device sent an entry of the hub's: writes what the hub holds of that
	 * period (read from the database when it is not loaded).
	 * @param {string} store @param {string} period
	 */
	async function verify(store, period) {
		const documentName = `${store}/${period}`;
		const instance = hocuspocus();
		if (stopped) return;
		if (instance.documents.has(documentName)) return changed(documentName);
		const direct = await instance.openDirectConnection(documentName, {});
		try {
			if (direct.document) await write(store, period, Y.encodeStateVector(direct.document));
		} finally {
			await direct.disconnect();
		}
	}

	/** @param {string} store @param {string} period @param {Uint8Array} sv */
	async function write(store, period, sv) {
		if (stopped) return;
		const instance = hocuspocus();
		const headName = `${store}/head`;
		const put = (/** @type {Y.Doc} */ head) => {
			const held = head.getMap('held');
			const key = `${period}|${HUB_DEVICE}`;
			const before = held.get(key);
			if (before instanceof Uint8Array && Buffer.compare(before, sv) === 0) return;
			head.transact(() => held.set(key, sv), HUB_ORIGIN);
		};
		const head = instance.documents.get(headName);
		if (head && !head.isLoading) return put(head);
		const direct = await instance.openDirectConnection(headName, {});
		try {
			if (direct.document) put(direct.document);
		} finally {
			await direct.disconnect();
		}
	}

	/** @type {import('@hocuspocus/server').Extension} */
	const extension = {
		async afterLoadDocument({ documentName, document }) {
			const parsed = parseDocName(documentName);
			if (parsed?.doc !== 'head') return;
			document.getMap('held').observe((event, transaction) => {
				if (!isFromDevice(transaction.origin)) return;
				for (const key of event.keysChanged) {
					const period = key.endsWith(SUFFIX) ? key.slice(0, -SUFFIX.length) : '';
					if (!parseDocName(`${parsed.store}/${period}`)?.doc.startsWith('p/')) continue;
					verify(parsed.store, period).catch((error) =>
						console.error(`could not check ${parsed.store}/${period} against its head`, error)
					);
				}
			});
		}
	};

	return {
		extension,
		changed,
		stop() {
			stopped = true;
			for (const t of timers.values()) clearTimeout(t);
			timers.clear();
		}
	};
}
