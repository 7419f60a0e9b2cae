/**
 * The replicated event log of one store. Events are appended to a Y.Array in
 * the store's Y.Doc; every update to the doc (ours or a peer's) is made
 * durable, and the events it carries are handed to the subscribers (the
 * projector) in arrival order.
 *
 * Nothing outside this folder knows there is a Y.Doc: the plan is to split
 * the log into one doc per period once it grows (DESIGN.md, The ledger).
 */
import * as Y from 'yjs';
import { HybridClock } from '$lib/domain/hlc';
import type { DeviceId, LedgerEvent, NewEvent } from '$lib/domain/types';
import { newId } from './ids';
import type { LedgerPersistence } from './persistence';

export type EventsHandler = (events: unknown[], origin: 'local' | 'remote') => Promise<void>;

const LOAD = Symbol('load');
const LOCAL = Symbol('local');
const COMPACT_AFTER = 200;

export class Ledger {
	readonly doc: Y.Doc;
	private readonly log: Y.Array<unknown>;
	private readonly clock: HybridClock;
	private readonly handlers = new Set<EventsHandler>();
	/** Writes and projections run one after another, in arrival order. */
	private queue: Promise<void> = Promise.resolve();
	/** Keys of the kept updates whose content this doc holds. */
	private keptKeys: number[] = [];
	/** The write queued by the local transaction in progress. */
	private localTask: Promise<void> | null = null;

	private constructor(
		readonly device: DeviceId,
		private readonly persistence: LedgerPersistence,
		now: () => number
	) {
		this.doc = new Y.Doc({ gc: true });
		this.log = this.doc.getArray('events');
		this.clock = new HybridClock(device, now);
		// Yjs calls observers before it emits 'update': the observer notes the
		// events, and the update handler makes them durable before they are
		// projected, so the tables never hold an event the log lacks.
		let added: unknown[] = [];
		this.log.observe((event, transaction) => {
			if (transaction.origin === LOAD) return;
			for (const delta of event.changes.delta)
				if (delta.insert) added.push(...(delta.insert as unknown[]));
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOAD) return;
			const events = added;
			added = [];
			const from = origin === LOCAL ? 'local' : 'remote';
			if (from === 'remote') for (const e of events) this.observeClock(e);
			const task = this.enqueue(async () => {
				await this.persist(update);
				if (events.length > 0) await this.dispatch(events, from);
			});
			if (origin === LOCAL) this.localTask = task;
		});
	}

	/** Opens the log kept by `persistence`, creating the device id on first use. */
	static async open(persistence: LedgerPersistence, now: () => number = Date.now): Promise<Ledger> {
		let device = (await persistence.getMeta('device')) as string | undefined;
		if (!device) {
			device = newId(12);
			await persistence.setMeta('device', device);
		}
		const ledger = new Ledger(device, persistence, now);
		const kept = await persistence.load();
		// Applied one by one in one transaction: merging first would decode
		// and re-encode the whole log only to decode it again.
		ledger.doc.transact(() => {
			for (const { bytes } of kept) Y.applyUpdate(ledger.doc, bytes, LOAD);
		}, LOAD);
		ledger.keptKeys = kept.map((k) => k.seq);
		for (const e of ledger.log.toArray()) ledger.observeClock(e);
		return ledger;
	}

	subscribe(handler: EventsHandler): () => void {
		this.handlers.add(handler);
		return () => this.handlers.delete(handler);
	}

	/**
	 * Stamps and appends events in one transaction. Resolves once they are
	 * durable and every subscriber has handled them.
	 */
	async append(events: NewEvent[]): Promise<LedgerEvent[]> {
		const stamped = events.map((e): LedgerEvent => ({
			...e,
			id: newId(),
			at: this.clock.tick(),
			device: this.device
		}));
		this.doc.transact(() => this.log.push(stamped), LOCAL);
		// The update handler ran inside transact and queued this append's write:
		// a failed write must fail the append, or the screen would say "saved".
		const task = this.localTask;
		this.localTask = null;
		await task;
		return stamped;
	}

	/** Every event in the log, in log order (not clock order). */
	events(): unknown[] {
		return this.log.toArray();
	}

	get size(): number {
		return this.log.length;
	}

	/** Resolves when all writes and projections queued so far are done. */
	settled(): Promise<void> {
		return this.queue;
	}

	getMeta(key: string): Promise<unknown> {
		return this.persistence.getMeta(key);
	}

	setMeta(key: string, value: unknown): Promise<void> {
		return this.persistence.setMeta(key, value);
	}

	close(): void {
		this.doc.destroy();
		this.persistence.close();
	}

	/** Runs `task` after everything queued before it; its own failure is returned, not passed on. */
	private enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.queue.then(task);
		// A failed task must not stop later ones; the failure is reported.
		this.queue = run.catch((error: unknown) => {
			console.error('ledger task failed', error);
		});
		return run;
	}

	private async persist(update: Uint8Array): Promise<void> {
		this.keptKeys.push(await this.persistence.store(update));
		if (this.keptKeys.length >= COMPACT_AFTER) {
			const snapshot = Y.encodeStateAsUpdate(this.doc);
			this.keptKeys = [await this.persistence.compact(snapshot, this.keptKeys)];
		}
	}

	private async dispatch(events: unknown[], origin: 'local' | 'remote'): Promise<void> {
		for (const handler of this.handlers) await handler(events, origin);
	}

	private observeClock(e: unknown): void {
		const at = (e as { at?: unknown } | null)?.at;
		if (typeof at === 'string') {
			try {
				this.clock.observe(at);
			} catch {
				// A malformed clock is the projector's to refuse; it must not stop the log.
			}
		}
	}
}
