/**
 * The docs of a store held in memory: the head and the current period
 * (pinned), and any other period while something holds it (a late event, a
 * peer's back-fill). A doc nobody holds is let go after a short idle time,
 * so a period opened for one late event is not read again for the next.
 *
 * Each open doc also keeps its small settled rows, to merge them into one
 * from time to time (compaction.ts): no write ever rewrites a whole doc.
 */
import * as Y from 'yjs';
import { mergeRows, rowsToMerge, SMALL_ROW, type SmallRow } from './compaction';
import type { LogStore } from './log-store';
import { HEAD } from './period';

export const LOAD = Symbol('load');

/** A doc nobody holds any more is let go after this long. */
const IDLE_MS = 30_000;

export interface OpenDoc {
	name: string;
	doc: Y.Doc;
	refs: number;
	pinned: boolean;
	small: SmallRow[];
	idleTimer: ReturnType<typeof setTimeout> | null;
}

type UpdateListener = (open: OpenDoc, update: Uint8Array, origin: unknown) => void;

export class OpenDocs {
	private readonly open = new Map<string, OpenDoc>();
	private readonly loading = new Map<string, Promise<OpenDoc>>();

	constructor(
		private readonly store: LogStore,
		private readonly onUpdate: UpdateListener
	) {}

	get(name: string): OpenDoc | undefined {
		return this.open.get(name);
	}

	/** Holds a doc (reading it from storage if it is not in memory); `pinned` holds it for good. */
	async acquire(name: string, pinned: boolean): Promise<OpenDoc> {
		let open = this.open.get(name);
		if (!open) {
			let loading = this.loading.get(name);
			if (!loading) {
				loading = this.load(name).finally(() => this.loading.delete(name));
				this.loading.set(name, loading);
			}
			open = await loading;
		}
		if (open.idleTimer) {
			clearTimeout(open.idleTimer);
			open.idleTimer = null;
		}
		if (pinned) open.pinned = true;
		else open.refs++;
		return open;
	}

	release(name: string): void {
		const open = this.open.get(name);
		if (!open) return;
		open.refs = Math.max(0, open.refs - 1);
		this.idleLater(open);
	}

	unpin(name: string): void {
		const open = this.open.get(name);
		if (!open) return;
		open.pinned = false;
		this.idleLater(open);
	}

	/** Reads a doc again from storage, dropping what memory held beyond it. */
	async reload(name: string): Promise<OpenDoc | null> {
		const old = this.open.get(name);
		if (!old) return null;
		this.open.delete(name);
		const next = await this.load(name);
		next.refs = old.refs;
		next.pinned = old.pinned;
		old.doc.destroy();
		return next;
	}

	/** A settled row now in storage: remembered if small, to merge later. */
	noteRow(name: string, seq: number, bytes: Uint8Array): void {
		const open = this.open.get(name);
		if (open && bytes.byteLength < SMALL_ROW) open.small.push({ seq, bytes });
	}

	needingCompaction(): string[] {
		return [...this.open.values()].filter((o) => rowsToMerge(o.small)).map((o) => o.name);
	}

	/**
	 * Merges a run of the doc's small rows into one row. The head is small and
	 * its entries are overwritten: it is rewritten whole from memory, where
	 * the overwritten values are gone.
	 */
	async compact(name: string): Promise<void> {
		const open = this.open.get(name);
		const run = open && rowsToMerge(open.small);
		if (!open || !run) return;
		if (name === HEAD) {
			const all = await this.store.load(HEAD);
			if (all.some((r) => r.pending)) return;
			const snapshot = Y.encodeStateAsUpdate(open.doc);
			const seq = await this.store.compact(
				HEAD,
				all.map((r) => r.seq),
				snapshot
			);
			open.small = snapshot.byteLength < SMALL_ROW ? [{ seq, bytes: snapshot }] : [];
			return;
		}
		const merged = mergeRows(run);
		const seq = await this.store.compact(
			name,
			run.map((r) => r.seq),
			merged
		);
		const gone = new Set(run.map((r) => r.seq));
		open.small = open.small.filter((r) => !gone.has(r.seq));
		if (merged.byteLength < SMALL_ROW) open.small.unshift({ seq, bytes: merged });
	}

	destroy(): void {
		for (const open of this.open.values()) {
			if (open.idleTimer) clearTimeout(open.idleTimer);
			open.doc.destroy();
		}
		this.open.clear();
	}

	private async load(name: string): Promise<OpenDoc> {
		const rows = await this.store.load(name);
		// Period docs keep deleted content: an event is never deleted, and a
		// peer that sends a deletion must not make this device forget events.
		const doc = new Y.Doc({ gc: name === HEAD });
		doc.transact(() => {
			for (const row of rows) Y.applyUpdate(doc, row.bytes, LOAD);
		}, LOAD);
		const open: OpenDoc = {
			name,
			doc,
			refs: 0,
			pinned: false,
			small: rows
				.filter((r) => !r.pending && r.bytes.byteLength < SMALL_ROW)
				.map((r) => ({ seq: r.seq, bytes: r.bytes })),
			idleTimer: null
		};
		doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(open, update, origin));
		this.open.set(name, open);
		return open;
	}

	private idleLater(open: OpenDoc): void {
		if (open.pinned || open.refs > 0 || open.idleTimer) return;
		open.idleTimer = setTimeout(() => {
			open.idleTimer = null;
			if (open.pinned || open.refs > 0 || this.open.get(open.name) !== open) return;
			this.open.delete(open.name);
			open.doc.destroy();
		}, IDLE_MS);
	}
}
