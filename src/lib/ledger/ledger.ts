/**
 * The replicated event log of one store (docs/ledger.md).
 *
 * The log is a series of period docs (Yjs docs holding an `events` array, one
 * per calendar month) and a small head doc that says what each device holds
 * of each period. Only the current period and the head are kept in memory;
 * another period is opened when something asks for it (a late event, a peer
 * that lacks it) and let go once nobody holds it.
 *
 * Every change is written before it is applied: a local append is made in an
 * outbox (outbox.ts), written to the log store, and only then applied to its
 * period's doc (and so sent to peers) and handed to the subscribers (the
 * projector). An update from a peer is written before its events are
 * projected; one that cannot be written is not projected, and the doc is
 * read again from storage so the sync protocol asks for it again.
 *
 * Nothing outside this folder knows that periods exist: the subscribers see
 * batches of events, and `history()` streams the whole log in batches.
 */
import * as Y from 'yjs';
import { HybridClock } from '$lib/domain/hlc';
import type { DeviceId, LedgerEvent, NewEvent } from '$lib/domain/types';
import { Emitter } from './emitter';
import { newId } from './ids';
import type { CounterMove, LogStore } from './log-store';
import { OpenDocs, type OpenDoc, LOAD } from './open-docs';
import { Outbox } from './outbox';
import { publishHeld } from './head';
import { HEAD, isPeriodName, periodOf, periodOfTime } from './period';
import {
	eventsOfUpdate,
	itemsIn,
	mergeStateVectors,
	readStateVector,
	type UpdateEvent
} from './update-events';

export type Origin = 'local' | 'remote' | 'catch-up';

export interface EventBatch {
	events: readonly unknown[];
	origin: Origin;
	/**
	 * True for an event whose effects the projection already holds from a
	 * checkpoint: only its idempotent effects may be applied again.
	 */
	isCovered: (eventId: string) => boolean;
}

export type EventsHandler = (batch: EventBatch) => Promise<void>;

/** The device is getting the store's current state (a checkpoint): nothing can be saved yet. */
export class HoldError extends Error {
	constructor() {
		super(
			"This device is still getting the store's stock from the other devices: try again in a moment."
		);
		this.name = 'HoldError';
	}
}

/** Saved, but the projection failed: the screens do not show it yet. */
export class ProjectionError extends Error {
	constructor(readonly cause: unknown) {
		super('Saved, but this screen could not be brought up to date: reload the page.');
		this.name = 'ProjectionError';
	}
}

export interface LedgerNotices extends Record<string, unknown[]> {
	/** A doc's content or summary changed (after a settled write). */
	changed: [doc: string];
	/** A doc was read again from storage (a peer's update could not be written). */
	replaced: [doc: string, next: Y.Doc];
	/** Something could not be written or projected: shown on screen. */
	problem: [message: string | null];
}

export interface AppendOptions {
	/** Ids for the events (a retried append keeps its ids); new ones otherwise. */
	ids?: readonly string[];
	/** Counters this append uses numbers of (receipt, ticket, serial numbers). */
	counters?: Readonly<Record<string, CounterMove>>;
}

export interface LedgerOptions {
	device: DeviceId;
	now?: () => number;
}

const LOCAL = Symbol('local');
/** This device's own entries in the head doc. */
const OWN = Symbol('own');
/** The current period's entry in the head is refreshed at most this often (peers sync it live). */
const PUBLISH_CURRENT_MS = 30 * 60_000;
const PUBLISH_DELAY_MS = 1000;
const CLOCK_KEY = 'clock';
const COVERAGE_KEY = 'coverage';
/** A peer's update is retried this long after it could not be written. */
const RETRY_MS = [1000, 5000, 15000, 60000];
/** How many events go to the projector at once. */
const DISPATCH_BATCH = 5000;

interface Summary {
	sv: Map<number, number>;
	encoded?: Uint8Array;
	rows: number;
	bytes: number;
}

export class Ledger {
	readonly notices = new Emitter<LedgerNotices>();
	private readonly clock: HybridClock;
	private readonly handlers = new Set<EventsHandler>();
	private readonly outboxes = new Map<string, Outbox>();
	private readonly summaries = new Map<string, Summary>();
	private readonly docs: OpenDocs;
	/** Per doc, the state vector a checkpoint covers (see EventBatch.isCovered). */
	private coverage = new Map<string, Map<number, number>>();
	/** Writes and projections run one after another. */
	private queue: Promise<void> = Promise.resolve();
	private readonly inbox = new Map<string, Uint8Array[]>();
	private draining = false;
	private current: string;
	private failures = 0;
	private lastAt = '';
	private closed = false;
	private readonly timer: ReturnType<typeof setInterval>;

	private constructor(
		readonly store: LogStore,
		readonly device: DeviceId,
		private readonly now: () => number
	) {
		this.clock = new HybridClock(device, now);
		this.current = periodOfTime(now());
		this.docs = new OpenDocs(store, (open, update, origin) => this.onUpdate(open, update, origin));
		// The month turns while the app stays open: the new period becomes the pinned one.
		this.timer = setInterval(() => this.checkPeriod(), 60_000);
	}

	/** Opens the store's log: its head and current period, nothing of the rest. */
	static async open(store: LogStore, options: LedgerOptions): Promise<Ledger> {
		const ledger = new Ledger(store, options.device, options.now ?? Date.now);
		for (const s of await store.summaries())
			ledger.summaries.set(s.doc, {
				sv: readStateVector(s.sv),
				encoded: s.sv,
				rows: s.rows,
				bytes: s.bytes
			});
		const coverage = (await store.getMeta<Record<string, Uint8Array>>(COVERAGE_KEY)) ?? {};
		for (const [doc, sv] of Object.entries(coverage)) ledger.coverage.set(doc, readStateVector(sv));
		const at = await store.getMeta<string>(CLOCK_KEY);
		if (at) ledger.observe(at);
		await ledger.docs.acquire(HEAD, true);
		await ledger.docs.acquire(ledger.current, true);
		return ledger;
	}

	subscribe(handler: EventsHandler): () => void {
		this.handlers.add(handler);
		return () => this.handlers.delete(handler);
	}

	/** The head doc (what each device holds of each period), always open. */
	get head(): Y.Doc {
		return this.docs.get(HEAD)!.doc;
	}

	/** The period new events go to now. */
	get currentPeriod(): string {
		return this.current;
	}

	/**
	 * Stamps and appends events in one write. Resolves once they are durable
	 * and every subscriber has handled them; rejects, with nothing written or
	 * applied anywhere, when the write fails.
	 */
	append(events: readonly NewEvent[], options: AppendOptions = {}): Promise<LedgerEvent[]> {
		return this.enqueue(() => this.appendNow(events, options));
	}

	/**
	 * While held (a joining device waiting for a checkpoint), what peers send
	 * is written but not projected (it stays pending), and local appends are
	 * refused; releasing the hold projects what came meanwhile.
	 */
	async hold(on: boolean): Promise<void> {
		this.holding = on;
		if (!on) await this.catchUp();
	}

	get isHeld(): boolean {
		return this.holding;
	}

	private holding = false;

	/** Runs `task` with nothing else written or projected meanwhile (a checkpoint's build). */
	exclusive<T>(task: () => Promise<T>): Promise<T> {
		return this.enqueue(task);
	}

	/** Every doc held with its encoded state vector (a checkpoint's coverage). */
	encodedDocs(): Map<string, Uint8Array> {
		const out = new Map<string, Uint8Array>();
		for (const [doc, s] of this.summaries) if (s.encoded) out.set(doc, s.encoded);
		return out;
	}

	/** Projects the rows written but not projected (a crash, a failed projection). */
	catchUp(): Promise<number> {
		return this.enqueue(async () => {
			const rows = await this.store.pending();
			let count = 0;
			for (const row of rows) {
				const entries = isPeriodName(row.doc) ? eventsOfUpdate(row.bytes) : [];
				await this.dispatch(entries, row.doc, 'catch-up');
				count += entries.length;
				const open = this.docs.get(row.doc);
				const sv = open
					? Y.encodeStateVector(open.doc)
					: mergeStateVectors(this.summaries.get(row.doc)?.sv, row.bytes);
				await this.store.settle([row.seq], [{ doc: row.doc, sv }], this.clockMeta());
				this.noteSettled(row.doc, sv);
			}
			return count;
		});
	}

	/** A counter's value now; an append moves it with `counters` (see LogStore.write). */
	counter(key: string): Promise<number> {
		return this.store.counter(key);
	}

	getMeta<T = unknown>(key: string): Promise<T | undefined> {
		return this.store.getMeta<T>(key);
	}

	setMeta(key: string, value: unknown): Promise<void> {
		return this.store.setMeta(key, value);
	}

	/** Resolves when every write and projection queued so far is done. */
	settled(): Promise<void> {
		return this.queue;
	}

	/** Events held, from the docs' state vectors (every event is one item). */
	get size(): number {
		let n = 0;
		for (const [doc, s] of this.summaries) if (isPeriodName(doc)) n += itemsIn(s.sv);
		return n;
	}

	/** Every doc this device holds something of, with its state vector. */
	heldDocs(): Map<string, ReadonlyMap<number, number>> {
		return new Map([...this.summaries].map(([doc, s]) => [doc, s.sv]));
	}

	/** Opens a doc for sync; `release` lets it go. */
	acquire(name: string): Promise<Y.Doc> {
		return this.docs.acquire(name, false).then((open) => open.doc);
	}

	release(name: string): void {
		this.docs.release(name);
	}

	isOpen(name: string): boolean {
		return this.docs.get(name) !== undefined;
	}

	/**
	 * The whole log, period by period, oldest first, each event once: for a
	 * rebuild or a backup. One period is in memory at a time.
	 */
	async *history(batchSize = 2000): AsyncGenerator<unknown[]> {
		const periods = [...this.summaries.keys()].filter(isPeriodName).sort();
		for (const period of periods) {
			const rows = await this.store.load(period);
			if (rows.length === 0) continue;
			const merged = rows.length === 1 ? rows[0]!.bytes : Y.mergeUpdates(rows.map((r) => r.bytes));
			const seen = new Set<string>();
			let batch: unknown[] = [];
			for (const { event } of eventsOfUpdate(merged)) {
				const id = (event as { id?: unknown } | null)?.id;
				if (typeof id === 'string') {
					if (seen.has(id)) continue;
					seen.add(id);
				}
				batch.push(event);
				if (batch.length >= batchSize) {
					yield batch;
					batch = [];
				}
			}
			if (batch.length > 0) yield batch;
		}
	}

	/** Records what a checkpoint installed in the projection covers (doc → state vector). */
	async setCoverage(coverage: ReadonlyMap<string, Uint8Array>): Promise<void> {
		await this.store.setMeta(COVERAGE_KEY, Object.fromEntries(coverage));
		this.coverage = new Map([...coverage].map(([doc, sv]) => [doc, readStateVector(sv)]));
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		clearInterval(this.timer);
		if (this.publishTimer) clearTimeout(this.publishTimer);
		this.docs.destroy();
		for (const outbox of this.outboxes.values()) outbox.renew();
		this.store.close();
	}

	// ------------------------------------------------------------------ writes

	private async appendNow(
		events: readonly NewEvent[],
		{ ids, counters }: AppendOptions
	): Promise<LedgerEvent[]> {
		this.checkPeriod();
		if (this.holding) throw new HoldError();
		// Made again with the same ids (its tab's leading tab closed before it
		// answered): saved already, or not at all.
		if (ids && ids.length === events.length && ids.length > 0) {
			const saved = await this.store.recent(ids);
			if (saved.length === ids.length) return saved as LedgerEvent[];
		}
		const stamped = events.map((e, i): LedgerEvent => ({
			...e,
			id: ids?.[i] ?? newId(),
			at: this.clock.tick(),
			device: this.device
		}));
		const byDoc = new Map<string, LedgerEvent[]>();
		for (const e of stamped) {
			const doc = periodOf(e.at);
			const list = byDoc.get(doc);
			if (list) list.push(e);
			else byDoc.set(doc, [e]);
		}
		const builds = [...byDoc].map(([doc, evs]) => ({ doc, bytes: this.outbox(doc).build(evs) }));
		let seqs: number[];
		try {
			seqs = await this.store.write(builds, { counters, events: stamped });
		} catch (error) {
			// Nothing was written: the outboxes forget these appends.
			for (const b of builds) this.outbox(b.doc).renew();
			throw error;
		}
		this.lastAt = stamped.at(-1)?.at ?? this.lastAt;
		const opened: OpenDoc[] = [];
		try {
			for (const b of builds) {
				const open = await this.docs.acquire(b.doc, false);
				opened.push(open);
				Y.applyUpdate(open.doc, b.bytes, LOCAL);
			}
			try {
				await this.dispatch(
					stamped.map((event) => ({ event, client: 0, clock: -1 })),
					'',
					'local'
				);
			} catch (error) {
				// Durable and sent, but not on screen yet: caught up at the next start.
				this.setProblem('Saved, but the screens could not be updated: reload the page.');
				throw new ProjectionError(error);
			}
			const svs = opened.map((o) => ({ doc: o.name, sv: Y.encodeStateVector(o.doc) }));
			await this.store.settle(seqs, svs, this.clockMeta());
			builds.forEach((b, i) => this.docs.noteRow(b.doc, seqs[i]!, b.bytes));
			for (const s of svs) this.noteSettled(s.doc, s.sv);
		} finally {
			for (const o of opened) this.docs.release(o.name);
		}
		this.compactLater();
		return stamped;
	}

	private outbox(doc: string): Outbox {
		let outbox = this.outboxes.get(doc);
		if (!outbox) {
			outbox = new Outbox();
			this.outboxes.set(doc, outbox);
		}
		return outbox;
	}

	/** An update of an open doc that did not come from this ledger: a peer's. */
	private onUpdate(open: OpenDoc, update: Uint8Array, origin: unknown): void {
		if (origin === LOAD || origin === LOCAL) return;
		const held = this.inbox.get(open.name) ?? [];
		held.push(update);
		this.inbox.set(open.name, held);
		if (!this.draining) {
			this.draining = true;
			void this.enqueue(() => this.drain());
		}
	}

	/** Writes what peers sent, then projects it: every doc's updates of the moment in one write. */
	private async drain(): Promise<void> {
		this.draining = false;
		const batches = [...this.inbox];
		this.inbox.clear();
		for (const [doc, updates] of batches) {
			const open = this.docs.get(doc);
			if (!open) continue;
			let seqs: number[];
			try {
				seqs = await this.store.write(updates.map((bytes) => ({ doc, bytes })));
			} catch (error) {
				this.writeFailed(doc, error);
				continue;
			}
			this.failures = 0;
			// Held: kept pending, projected once the checkpoint is in (hold(false)).
			if (this.holding && isPeriodName(doc)) continue;
			const entries = isPeriodName(doc) ? updates.flatMap((u) => eventsOfUpdate(u)) : [];
			try {
				await this.dispatch(entries, doc, 'remote');
			} catch (error) {
				// Kept pending: projected at the next catch-up.
				console.error('could not project what a peer sent', error);
				this.setProblem('Changes from other devices could not be shown: reload the page.');
				continue;
			}
			const sv = Y.encodeStateVector(open.doc);
			await this.store.settle(seqs, [{ doc, sv }], this.clockMeta());
			updates.forEach((u, i) => this.docs.noteRow(doc, seqs[i]!, u));
			this.noteSettled(doc, sv);
		}
		this.compactLater();
	}

	/**
	 * A peer's update could not be written: the doc holds what the log lacks.
	 * Read it again from storage (after a pause), which makes the sync
	 * protocol ask the peers for the missing part again.
	 */
	private writeFailed(doc: string, error: unknown): void {
		console.error(`could not keep what a peer sent (${doc})`, error);
		// The head is rebuilt from what the periods hold: it is not read again.
		if (doc === HEAD) return;
		this.setProblem(
			"This device's storage is full or failing: changes from other devices are not being kept."
		);
		const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
		this.failures++;
		setTimeout(() => {
			if (this.closed) return;
			void this.enqueue(async () => {
				const next = await this.docs.reload(doc);
				if (next) this.notices.emit('replaced', doc, next.doc);
			});
		}, wait);
	}

	private async dispatch(
		entries: readonly UpdateEvent[],
		doc: string,
		origin: Origin
	): Promise<void> {
		if (entries.length === 0) return;
		const covered = this.coverage.get(doc);
		const coveredIds = new Set<string>();
		for (const { event, client, clock } of entries) {
			const e = event as { id?: unknown; at?: unknown } | null;
			if (origin !== 'local' && typeof e?.at === 'string') this.observe(e.at);
			if (covered && (covered.get(client) ?? 0) > clock && typeof e?.id === 'string')
				coveredIds.add(e.id);
		}
		const isCovered = (id: string) => coveredIds.has(id);
		for (let i = 0; i < entries.length; i += DISPATCH_BATCH) {
			const events = entries.slice(i, i + DISPATCH_BATCH).map((x) => x.event);
			for (const handler of this.handlers) await handler({ events, origin, isCovered });
		}
		this.setProblem(null);
	}

	private problem: string | null = null;

	private setProblem(message: string | null): void {
		if (message === this.problem) return;
		this.problem = message;
		this.notices.emit('problem', message);
	}

	/** What is wrong with the log on this device right now, in words for the screen. */
	get currentProblem(): string | null {
		return this.problem;
	}

	private noteSettled(doc: string, sv: Uint8Array): void {
		const held: Summary = this.summaries.get(doc) ?? { sv: new Map(), rows: 0, bytes: 0 };
		held.sv = readStateVector(sv);
		held.encoded = sv;
		this.summaries.set(doc, held);
		if (isPeriodName(doc)) this.publishLater(doc);
		this.notices.emit('changed', doc);
	}

	private readonly toPublish = new Set<string>();
	private readonly publishedAt = new Map<string, number>();
	private publishTimer: ReturnType<typeof setTimeout> | null = null;

	/** Tells the other devices, through the head, what this device now holds of a period. */
	private publishLater(period: string): void {
		this.toPublish.add(period);
		this.publishTimer ??= setTimeout(() => {
			this.publishTimer = null;
			this.publishPending();
		}, PUBLISH_DELAY_MS);
	}

	/**
	 * Writes to the head what this device now holds of the periods that
	 * changed (the current one at most every PUBLISH_CURRENT_MS): done a
	 * moment after each change, and whenever sync plans, so a peer that
	 * lacks something learns it before it plans its own fetches.
	 */
	publishPending(): void {
		if (this.closed) return;
		const now = this.now();
		for (const p of [...this.toPublish]) {
			const last = this.publishedAt.get(p) ?? 0;
			if (p === this.current && now - last < PUBLISH_CURRENT_MS) continue;
			const sv = this.summaries.get(p)?.encoded;
			this.toPublish.delete(p);
			if (!sv) continue;
			this.publishedAt.set(p, now);
			publishHeld(this.head, p, this.device, sv, OWN);
		}
	}

	private compactLater(): void {
		for (const name of this.docs.needingCompaction())
			void this.enqueue(() => this.docs.compact(name)).catch((error: unknown) =>
				console.warn('compaction failed; it is tried again later', error)
			);
	}

	private clockMeta(): Record<string, unknown> {
		return this.lastAt ? { [CLOCK_KEY]: this.lastAt } : {};
	}

	private observe(at: string): void {
		try {
			if (this.clock.observe(at) && at > this.lastAt) this.lastAt = at;
		} catch {
			// A malformed clock is the projector's to refuse; it must not stop the log.
		}
	}

	/** Notices that the month turned: the new period becomes the pinned one. */
	checkPeriod(): void {
		const next = periodOfTime(this.now());
		if (next === this.current || this.closed) return;
		const previous = this.current;
		this.current = next;
		void this.docs.acquire(next, true).then(() => this.docs.unpin(previous));
		// The period just closed: its final state goes to the head at once.
		this.publishedAt.delete(previous);
		this.publishLater(previous);
		this.notices.emit('changed', next);
	}

	/** Runs `task` after everything queued before it; a failure goes to the caller only. */
	private enqueue<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(task);
		this.queue = run.then(
			() => undefined,
			() => undefined
		);
		return run;
	}
}
