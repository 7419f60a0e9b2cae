/**
 * A checkpoint: what a device that joins a store needs to sell from current
 * stock at once, before any of the history (docs/ledger.md, A joining
 * device). A device of the store builds it from its projection (the
 * catalog, every unit that is not sold or written off, open tickets:
 * CheckpointStore, in src/lib/store/) together with the state vector of
 * every doc it had projected: the checkpoint's coverage. The joining device
 * installs the rows, then projects everything else it receives; for an
 * event the coverage says the rows already hold, only its idempotent effects
 * apply again (EventBatch.isCovered). Sold units are not in it: they come
 * with the history, and until then are simply not there — never shown in
 * stock by mistake.
 *
 * On the wire and in the hub: gzip of one JSON document.
 */
import type { Ledger } from './ledger';

export interface CheckpointStore {
	/** The projection's rows a joining device needs, as plain (JSON-safe) data. */
	build(): Promise<unknown>;
	/** Writes those rows into an empty projection. */
	install(rows: unknown): Promise<void>;
}

export interface Checkpoint {
	format: 'unitrack-checkpoint';
	version: 1;
	/** The device that built it. */
	device: string;
	builtAt: number;
	/** Per doc, the state vector the rows hold (bytes as numbers). */
	coverage: [string, number[]][];
	/** Events held when it was built. */
	events: number;
	rows: unknown;
}

export const CHECKPOINT_DOC = 'checkpoint';

/** Builds a checkpoint of what this device has projected, while nothing else is written. */
export async function buildCheckpoint(ledger: Ledger, store: CheckpointStore): Promise<Uint8Array> {
	const checkpoint = await ledger.exclusive(async () => {
		const coverage = [...ledger.encodedDocs()].map(([doc, sv]): [string, number[]] => [
			doc,
			[...sv]
		]);
		const rows = await store.build();
		return {
			format: 'unitrack-checkpoint',
			version: 1,
			device: ledger.device,
			builtAt: Date.now(),
			coverage,
			events: ledger.size,
			rows
		} satisfies Checkpoint;
	});
	return gzip(new TextEncoder().encode(JSON.stringify(checkpoint)));
}

export async function readCheckpoint(bytes: Uint8Array): Promise<Checkpoint> {
	const text = new TextDecoder().decode(await gunzip(bytes));
	const value = JSON.parse(text) as Partial<Checkpoint>;
	if (
		value.format !== 'unitrack-checkpoint' ||
		value.version !== 1 ||
		!Array.isArray(value.coverage)
	)
		throw new Error('Not a checkpoint this version can read.');
	return value as Checkpoint;
}

/**
 * Installs a checkpoint into this device's empty projection and records its
 * coverage; what the log holds meanwhile (pending) is projected after it.
 */
export async function installCheckpoint(
	ledger: Ledger,
	store: CheckpointStore,
	checkpoint: Checkpoint
): Promise<void> {
	await ledger.exclusive(async () => {
		await store.install(checkpoint.rows);
		await ledger.setCoverage(
			new Map(checkpoint.coverage.map(([doc, sv]) => [doc, Uint8Array.from(sv)]))
		);
	});
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new CompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new DecompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}
