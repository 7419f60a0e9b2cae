/**
 * The backup file of a store's log (docs/ledger.md, Backup): gzip of a
 * sequence of records, each
 *
 *   u32 length of payload (big-endian) | u8 kind | payload | u32 CRC-32 of kind+payload
 *
 * kinds: 1 header (JSON: format, version, store), 2 one stored row of a doc
 * (u16 name length, name, the Yjs update), 3 meta (JSON: counters and other
 * values the log keeps), 9 trailer (JSON: how many rows and bytes came
 * before, and a CRC-32 over every record's CRC). A reader checks every CRC,
 * the order of the records and the trailer, so a cut, damaged or foreign
 * file is refused before anything it holds is used.
 *
 * CRC-32 is written here (IEEE 802.3 polynomial, reflected, table-driven):
 * WebCrypto's digests are not available on plain-http pages, where shops
 * also run the app, and nothing else is needed.
 */

export const BACKUP_FORMAT = 'unitrack-backup';
export const BACKUP_VERSION = 1;

export const KIND_HEADER = 1;
export const KIND_ROW = 2;
export const KIND_META = 3;
export const KIND_TRAILER = 9;

export interface BackupHeader {
	format: string;
	version: number;
	store: { id: string; name: string };
	createdAt: number;
	/** Events the log held, for the progress of a restore. */
	events: number;
}

export interface BackupTrailer {
	rows: number;
	bytes: number;
	crc: number;
}

const TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(bytes: Uint8Array, seed = 0): number {
	let c = (seed ^ 0xffffffff) >>> 0;
	for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeRecord(kind: number, payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(4 + 1 + payload.length + 4);
	const view = new DataView(out.buffer);
	view.setUint32(0, payload.length);
	out[4] = kind;
	out.set(payload, 5);
	view.setUint32(5 + payload.length, crc32(out.subarray(4, 5 + payload.length)));
	return out;
}

export function jsonPayload(value: unknown): Uint8Array {
	return encoder.encode(JSON.stringify(value));
}

export function rowPayload(doc: string, bytes: Uint8Array): Uint8Array {
	const name = encoder.encode(doc);
	const out = new Uint8Array(2 + name.length + bytes.length);
	new DataView(out.buffer).setUint16(0, name.length);
	out.set(name, 2);
	out.set(bytes, 2 + name.length);
	return out;
}

export function readRowPayload(payload: Uint8Array): { doc: string; bytes: Uint8Array } {
	if (payload.length < 2) throw new BackupError('A row of the backup is cut short.');
	const length = new DataView(payload.buffer, payload.byteOffset).getUint16(0);
	if (payload.length < 2 + length) throw new BackupError('A row of the backup is cut short.');
	return {
		doc: decoder.decode(payload.subarray(2, 2 + length)),
		bytes: payload.slice(2 + length)
	};
}

export function readJson<T>(payload: Uint8Array): T {
	try {
		return JSON.parse(decoder.decode(payload)) as T;
	} catch {
		throw new BackupError('The backup file is damaged: a part of it cannot be read.');
	}
}

/** A backup that cannot be used, with the reason in the shop assistant's words. */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface BackupRecord {
	kind: number;
	payload: Uint8Array;
	crc: number;
}

/** Reads records from a stream of (decompressed) bytes, checking each one's CRC. */
export async function* readRecords(
	stream: ReadableStream<Uint8Array>,
	onBytes: (n: number) => void = () => {}
): AsyncGenerator<BackupRecord> {
	const reader = stream.getReader();
	let buffer = new Uint8Array(0);
	let done = false;
	const fill = async (need: number) => {
		while (buffer.length < need && !done) {
			const next = await reader.read().catch(() => {
				throw new BackupError('The backup file is damaged: it is not a complete gzip file.');
			});
			if (next.done) {
				done = true;
				break;
			}
			onBytes(next.value.length);
			const joined = new Uint8Array(buffer.length + next.value.length);
			joined.set(buffer);
			joined.set(next.value, buffer.length);
			buffer = joined;
		}
		return buffer.length >= need;
	};
	try {
		for (;;) {
			if (!(await fill(5))) {
				if (buffer.length === 0) return;
				throw new BackupError('The backup file is cut short.');
			}
			const length = new DataView(buffer.buffer, buffer.byteOffset).getUint32(0);
			if (!(await fill(4 + 1 + length + 4))) throw new BackupError('The backup file is cut short.');
			const body = buffer.subarray(4, 5 + length);
			const crc = new DataView(buffer.buffer, buffer.byteOffset).getUint32(5 + length);
			if (crc32(body) !== crc)
				throw new BackupError('The backup file is damaged: a checksum does not match.');
			yield { kind: body[0]!, payload: body.slice(1), crc };
			buffer = buffer.slice(4 + 1 + length + 4);
		}
	} finally {
		reader.releaseLock();
	}
}
