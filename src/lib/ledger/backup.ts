/**
 * Backup and restore of a store's whole log (every doc, every period) in one
 * file (backup-format.ts). Both stream: a backup reads one doc's rows at a
 * time and hands them out as chunks of the file; a restore writes the rows
 * it reads as it goes. Nothing outside this folder knows the file holds
 * periods.
 */
import * as Y from 'yjs';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	BackupError,
	crc32,
	encodeRecord,
	jsonPayload,
	KIND_HEADER,
	KIND_META,
	KIND_ROW,
	KIND_TRAILER,
	readJson,
	readRecords,
	readRowPayload,
	rowPayload,
	type BackupHeader,
	type BackupTrailer
} from './backup-format';
import type { LogStore } from './log-store';
import { itemsIn, mergeStateVectors, readStateVector } from './update-events';

/** Meta of the log that a backup carries (not this device's transient state). */
export const BACKED_UP_META = [
	'saleCounter',
	'ticketCounter',
	'systemSerialCounter',
	'syncDevices',
	'iceServers'
];

export interface BackupProgress {
	(done: number, total: number): void;
}

/**
 * The backup of `store` as chunks of the (uncompressed) file, one doc at a
 * time: the caller compresses and keeps them (a Blob) or sends them on.
 */
export async function* backupChunks(
	store: LogStore,
	name: string,
	progress: BackupProgress = () => {}
): AsyncGenerator<Uint8Array> {
	const summaries = await store.summaries();
	const events = summaries.reduce((n, s) => n + itemsIn(readStateVector(s.sv)), 0);
	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		store: { id: store.storeId, name },
		createdAt: Date.now(),
		events
	};
	let crc = 0;
	let rows = 0;
	let bytes = 0;
	const record = (kind: number, payload: Uint8Array) => {
		const r = encodeRecord(kind, payload);
		crc = crc32(r.subarray(r.length - 4), crc);
		return r;
	};
	yield record(KIND_HEADER, jsonPayload(header));
	const meta: Record<string, unknown> = {};
	for (const key of BACKED_UP_META) {
		const value = await store.getMeta(key);
		if (value !== undefined) meta[key] = value;
	}
	yield record(KIND_META, jsonPayload(meta));
	const total = summaries.reduce((n, s) => n + s.bytes, 0);
	for (const summary of [...summaries].sort((a, b) => (a.doc < b.doc ? -1 : 1))) {
		const held = await store.load(summary.doc);
		const parts = held.map((row) => record(KIND_ROW, rowPayload(row.doc, row.bytes)));
		for (const row of held) {
			rows++;
			bytes += row.bytes.byteLength;
		}
		yield concat(parts);
		progress(bytes, total);
	}
	const trailer: BackupTrailer = { rows, bytes, crc };
	yield encodeRecord(KIND_TRAILER, jsonPayload(trailer));
}

export interface RestoredLog {
	header: BackupHeader;
	rows: number;
}

/**
 * Reads a backup (decompressed bytes) and writes its rows into `store`,
 * settled (the caller rebuilds the projection from the log). Refuses, with
 * a BackupError saying why, a file of another format, of a newer version,
 * or damaged anywhere; the caller then removes what was written.
 */
export async function restoreChunks(
	stream: ReadableStream<Uint8Array>,
	openStore: (header: BackupHeader) => Promise<LogStore>,
	progress: BackupProgress = () => {},
	size = 0
): Promise<RestoredLog> {
	let header: BackupHeader | null = null;
	let store: LogStore | null = null;
	let crc = 0;
	let rows = 0;
	let bytes = 0;
	let read = 0;
	let trailer: BackupTrailer | null = null;
	let batch: { doc: string; bytes: Uint8Array }[] = [];
	let batchBytes = 0;
	// What each doc holds, from its rows' updates: the log's summaries need it.
	const svs = new Map<string, Map<number, number>>();
	const flush = async () => {
		if (!store || batch.length === 0) return;
		const touched = new Set<string>();
		for (const row of batch) {
			svs.set(row.doc, readStateVector(mergeStateVectors(svs.get(row.doc), row.bytes)));
			touched.add(row.doc);
		}
		const seqs = await store.write(batch);
		await store.settle(
			seqs,
			[...touched].map((doc) => ({ doc, sv: Y.encodeStateVector(svs.get(doc)!) }))
		);
		batch = [];
		batchBytes = 0;
	};
	for await (const record of readRecords(stream, (n) => {
		read += n;
		progress(read, size);
	})) {
		if (trailer) throw new BackupError('The backup file is damaged: it goes on after its end.');
		if (!header) {
			if (record.kind !== KIND_HEADER) throw new BackupError('This is not a Unitrack backup file.');
			const h = readJson<Partial<BackupHeader>>(record.payload);
			if (h.format !== BACKUP_FORMAT) throw new BackupError('This is not a Unitrack backup file.');
			if (typeof h.version !== 'number' || h.version > BACKUP_VERSION)
				throw new BackupError(
					'This backup was made by a newer version of Unitrack: update this device first.'
				);
			if (typeof h.store?.id !== 'string' || typeof h.store.name !== 'string')
				throw new BackupError('The backup file is damaged: it does not say which store it holds.');
			header = h as BackupHeader;
			crc = crc32(tail(record.crc), crc);
			store = await openStore(header);
			continue;
		}
		if (record.kind === KIND_TRAILER) {
			trailer = readJson<BackupTrailer>(record.payload);
			if (trailer.rows !== rows || trailer.bytes !== bytes || trailer.crc !== crc)
				throw new BackupError('The backup file is damaged: parts of it are missing.');
			continue;
		}
		crc = crc32(tail(record.crc), crc);
		if (record.kind === KIND_META) {
			const meta = readJson<Record<string, unknown>>(record.payload);
			for (const key of BACKED_UP_META) if (key in meta) await store!.setMeta(key, meta[key]);
		} else if (record.kind === KIND_ROW) {
			const row = readRowPayload(record.payload);
			rows++;
			bytes += row.bytes.byteLength;
			batch.push(row);
			batchBytes += row.bytes.byteLength;
			if (batchBytes > 4 * 1024 * 1024) await flush();
		} else {
			throw new BackupError('The backup file holds a part this version cannot read.');
		}
	}
	if (!header) throw new BackupError('The file is empty: it is not a Unitrack backup.');
	if (!trailer) throw new BackupError('The backup file is cut short.');
	await flush();
	return { header, rows };
}

function tail(crc: number): Uint8Array {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, crc);
	return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
