// The hub's storage of docs, as a Hocuspocus extension: every update a
// device sends is written to the database BEFORE Hocuspocus applies it and
// acknowledges it.
//
// How Hocuspocus 3.4 acknowledges: after it applies a sync message carrying
// an update (sync step 2 or update) it sends the provider a SyncStatus
// message, and the provider counts that change as synced
// (`unsyncedChanges`). It applies a message only once the
// `beforeHandleMessage` hooks have resolved (Connection.handleMessage), so
// this extension writes the update there and resolves once the write is
// durable: an update that was acknowledged is in the database. (Its
// onStoreDocument, debounced by 2 s to 10 s, is not used: an update it had
// not stored yet would be lost with the process.)
//
// Stored is only what the hub's copy lacks (Y.diffUpdate against its state
// vector): a device that syncs again costs no row. The rows of one doc are
// merged into one once there are many (compaction): it reads and writes that
// doc only. Changes the hub makes itself (its entries in a store's head) are
// stored after they are applied; changes from another hub process (Redis)
// were stored by that process.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { isKeptDoc, parseDocName } from './doc-names.js';

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Rows of one doc past which they are merged into one. */
const COMPACT_ROWS = 200;
export const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
const LOADING = Symbol('loading');

/**
 * The Yjs update a message from a provider carries, or null.
 * @param {Uint8Array} message
 */
export function updateOfMessage(message) {
	const decoder = decoding.createDecoder(message);
	decoding.readVarString(decoder);
	const type = decoding.readVarUint(decoder);
	if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
	const step = decoding.readVarUint(decoder);
	if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) return null;
	return decoding.readVarUint8Array(decoder);
}

/**
 * Applies a doc's rows. A row that cannot be applied (it should not exist:
 * every row was read whole before it was written) is left out and logged,
 * so that one bad row cannot keep a store's doc from loading.
 * @param {Y.Doc} document @param {string} name @param {{ seq: number, bytes: Uint8Array }[]} stored
 */
function applyRows(document, name, stored) {
	try {
		document.transact(() => {
			for (const row of stored) Y.applyUpdate(document, row.bytes, LOADING);
		}, LOADING);
		return;
	} catch (error) {
		console.error(`a row of ${name} cannot be applied; reading its rows one by one`, error);
	}
	const fresh = new Y.Doc({ gc: document.gc });
	for (const row of stored) {
		try {
			const probe = new Y.Doc({ gc: document.gc });
			Y.applyUpdate(probe, Y.encodeStateAsUpdate(fresh));
			Y.applyUpdate(probe, row.bytes);
			Y.applyUpdate(fresh, row.bytes);
		} catch {
			console.error(`left out row ${row.seq} of ${name}: it is not a Yjs update`);
		}
	}
	Y.applyUpdate(document, Y.encodeStateAsUpdate(fresh), LOADING);
}

/** An update that adds nothing: no structs, no deletions. @param {Uint8Array} u */
const isEmpty = (u) => u.byteLength === 2 && u[0] === 0 && u[1] === 0;

/**
 * @param {{ storage: import('./storage/schema.js').HubStorage, compactRows?: number,
 *   onStored?: (documentName: string) => void }} options
 *   onStored: a doc's content changed (for the hub's entries in the store's head)
 */
export function persistence({ storage, compactRows = COMPACT_ROWS, onStored = () => {} }) {
	/**
	 * Per loaded copy of a kept doc, the rows it holds (by the copy: a doc
	 * unloaded and loaded again at once is another copy).
	 * @type {WeakMap<Y.Doc, number[]>}
	 */
	const rows = new WeakMap();
	/** @type {WeakSet<Y.Doc>} */
	const compacting = new WeakSet();

	/** @param {string} name @param {number} seq @param {Y.Doc} document */
	function noteRow(name, seq, document) {
		rows.get(document)?.push(seq);
		compactIfMany(name, document);
	}

	/** @param {string} name @param {Y.Doc} document */
	function compactIfMany(name, document) {
		const seqs = rows.get(document);
		if (seqs && seqs.length >= compactRows && !compacting.has(document)) {
			compacting.add(document);
			// After this turn: the update being written is applied by then.
			setTimeout(() => {
				compact(name, document).finally(() => compacting.delete(document));
			}, 0);
		}
	}

	/** Replaces the rows the doc's copy holds by one: its whole state. */
	async function compact(/** @type {string} */ name, /** @type {Y.Doc} */ document) {
		const seqs = rows.get(document);
		if (!seqs || seqs.length < 2) return;
		const merged = Y.encodeStateAsUpdate(document);
		const taken = seqs.splice(0, seqs.length);
		try {
			seqs.unshift(await storage.replace(name, taken, merged));
		} catch (error) {
			console.error(`compaction of ${name} failed; tried again later`, error);
			seqs.unshift(...taken);
		}
	}

	/** @type {import('@hocuspocus/server').Extension} */
	const extension = {
		// The head is overwritten entry by entry and may forget old values;
		// a period keeps everything, as on the devices (ledger/open-docs.ts).
		async onLoadDocument({ documentName, document }) {
			const parsed = parseDocName(documentName);
			if (!parsed) throw new Error('not a doc of a store');
			document.gc = !parsed.doc.startsWith('p/');
			// The checkpoint doc is passed between devices online, never kept.
			if (!isKeptDoc(documentName)) return;
			const stored = await storage.load(documentName);
			applyRows(document, documentName, stored);
			rows.set(
				document,
				stored.map((r) => r.seq)
			);
			compactIfMany(documentName, document);
		},

		async afterLoadDocument({ documentName }) {
			onStored(documentName);
		},

		async beforeHandleMessage({ documentName, document, update: message }) {
			if (!isKeptDoc(documentName)) return;
			const update = updateOfMessage(message);
			if (!update) return;
			// Throws on a malformed update: the connection is closed, nothing is written.
			const news = Y.diffUpdate(update, Y.encodeStateVector(document));
			if (isEmpty(news)) return;
			const seq = await storage.append(documentName, news);
			noteRow(documentName, seq, document);
		},

		async onChange({ documentName, document, update, transactionOrigin }) {
			const fromDevice =
				typeof transactionOrigin === 'object' &&
				transactionOrigin !== null &&
				'webSocket' in transactionOrigin;
			if (
				isKeptDoc(documentName) &&
				!fromDevice &&
				transactionOrigin !== REDIS_ORIGIN &&
				transactionOrigin !== LOADING
			) {
				const seq = await storage.append(documentName, update);
				noteRow(documentName, seq, document);
			}
			onStored(documentName);
		}
	};
	return extension;
}
