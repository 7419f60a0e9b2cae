/**
 * Sync of one store's log, period by period (docs/ledger.md, Sync by period).
 *
 * Always synced: the head (what each device holds of each period, and who
 * is there) and the current period, live. A closed period is synced only
 * while some device lacks part of it: this device fetches the periods where
 * the head says others hold events it lacks, newest first, a few at a time,
 * and opens the periods its peers say they are fetching (their presence's
 * `wants`) so the two meet. Each is let go once nobody lacks anything of it.
 * A device that joins thus gets the current period at once and the closed
 * ones in the background; one that was apart for months sends what it wrote
 * in them the same way.
 */
import { CHECKPOINT_DOC, type CheckpointStore } from './checkpoint';
import { CheckpointExchange } from './checkpoint-exchange';
import type { DocLink, DocTransport, HeadLink, Presence } from './doc-transport';
import { historyProgress, periodsLacking } from './head';
import type { Ledger } from './ledger';
import { periodOfTime, periodStart, isPeriodName } from './period';
import {
	logDigest,
	OFFLINE,
	sameSnapshot,
	summarise,
	type SyncProvider,
	type SyncSnapshot
} from './sync';

export interface StoreSyncOptions {
	/** Closed periods fetched at once. */
	fetchAtOnce?: number;
	/** Closed periods opened at once for peers that fetch them. */
	serveAtOnce?: number;
	/** A fetch that gains nothing this long gives its place to the next period for a while. */
	stallMs?: number;
	now?: () => number;
	/** Builds checkpoints for joining devices, and installs one when this device joins. */
	checkpoints?: CheckpointStore;
	/** This device has just joined: it waits for a checkpoint before projecting anything. */
	awaitingCheckpoint?: boolean;
	/** The wait is over: a checkpoint was installed, or none came (full history then). */
	onCheckpointDone?: (how: 'installed' | 'none') => void;
	/** Connected this long with no checkpoint offered, a joining device takes the history instead. */
	checkpointWaitMs?: number;
}

/** How often a device says its presence again (with its clock's time). */
const PRESENCE_REFRESH_MS = 10_000;

/** The previous period stays live for the first days of a month (clocks a little apart). */
const GRACE_MS = 3 * 24 * 60 * 60 * 1000;

interface Held {
	link: DocLink;
	/** For fetches: items held at the last progress, and when. */
	have: number;
	since: number;
}

export class StoreSync implements SyncProvider {
	snapshot: SyncSnapshot = OFFLINE;
	private readonly head: HeadLink;
	private readonly live = new Map<string, Held>();
	private readonly fetching = new Map<string, Held>();
	private readonly serving = new Map<string, Held>();
	/** Periods whose fetch stalled, and until when they wait. */
	private readonly resting = new Map<string, number>();
	private readonly listeners = new Set<(s: SyncSnapshot) => void>();
	private readonly offs: (() => void)[] = [];
	private planTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly tick: ReturnType<typeof setInterval>;
	private stopped = false;
	private readonly fetchAtOnce: number;
	private readonly serveAtOnce: number;
	private readonly stallMs: number;
	private readonly now: () => number;
	private readonly checkpoints: CheckpointExchange;

	constructor(
		private readonly ledger: Ledger,
		private readonly transport: DocTransport,
		private name: string,
		private readonly options: StoreSyncOptions = {}
	) {
		this.fetchAtOnce = options.fetchAtOnce ?? 2;
		this.serveAtOnce = options.serveAtOnce ?? 2;
		this.stallMs = options.stallMs ?? 20_000;
		this.now = options.now ?? Date.now;
		this.head = transport.attachHead(ledger.head);
		this.checkpoints = new CheckpointExchange(ledger, transport, this.head, {
			...options,
			now: this.now,
			replan: () => this.planSoon()
		});
		this.offs.push(
			ledger.notices.on('changed', () => this.planSoon()),
			ledger.notices.on('replaced', (doc, next) => this.reattach(doc, next)),
			transport.onChange(() => this.planSoon())
		);
		const onHead = () => this.planSoon();
		ledger.head.on('update', onHead);
		this.offs.push(() => ledger.head.off('update', onHead));
		this.tick = setInterval(() => this.planSoon(), 5000);
		this.plan();
	}

	subscribe(listener: (s: SyncSnapshot) => void): () => void {
		this.listeners.add(listener);
		listener(this.snapshot);
		return () => this.listeners.delete(listener);
	}

	setDeviceName(name: string): void {
		this.name = name;
		this.plan();
	}

	/** Plans again now (after the ledger changed). */
	plan(): void {
		void this.refresh().catch((error: unknown) => console.error('sync planning failed', error));
	}

	/** Plans again and resolves once the docs to sync are attached (tests wait on it). */
	async refresh(): Promise<void> {
		if (this.stopped) return;
		this.ledger.checkPeriod();
		this.ledger.publishPending();
		const run = this.planning.then(() => this.planNow());
		this.planning = run.catch(() => undefined);
		await run;
	}

	private planning: Promise<void> = Promise.resolve();

	async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.tick);
		if (this.planTimer) clearTimeout(this.planTimer);
		for (const off of this.offs) off();
		for (const map of [this.live, this.fetching, this.serving])
			for (const name of [...map.keys()]) this.drop(map, name);
		this.checkpoints.close();
		this.head.destroy();
		await this.transport.stop();
		this.snapshot = OFFLINE;
		this.emit();
	}

	private planSoon(): void {
		if (this.stopped || this.planTimer) return;
		this.planTimer = setTimeout(() => {
			this.planTimer = null;
			this.plan();
		}, 50);
	}

	private async planNow(): Promise<void> {
		const now = this.now();
		const current = this.ledger.currentPeriod;
		const liveNames = new Set([current]);
		const previous = periodOfTime(periodStart(current as `p/${string}`) - 1);
		if (now - periodStart(current as `p/${string}`) < GRACE_MS) liveNames.add(previous);
		await this.keep(this.live, liveNames);

		const held = this.ledger.heldDocs();
		if (this.checkpoints.awaiting) {
			this.checkpoints.await(now);
			this.announce(held, [CHECKPOINT_DOC]);
			return;
		}
		this.checkpoints.serve();
		const lacking = periodsLacking(this.ledger.head, held).filter((n) => !liveNames.has(n.period));
		for (const [name, until] of this.resting) if (until <= now) this.resting.delete(name);
		// A fetch that gains nothing for a while (nobody online holds what it lacks) rests.
		for (const [name, h] of this.fetching) {
			const need = lacking.find((l) => l.period === name);
			if (!need) continue;
			if (need.have > h.have) {
				h.have = need.have;
				h.since = now;
			} else if (now - h.since > this.stallMs) this.resting.set(name, now + 3 * this.stallMs);
		}
		const wants = lacking
			.filter((l) => !this.resting.has(l.period))
			.slice(0, this.fetchAtOnce)
			.map((l) => l.period);
		await this.keep(this.fetching, new Set(wants), (name) => ({
			have: lacking.find((l) => l.period === name)?.have ?? 0,
			since: now
		}));

		const asked = new Set<string>();
		for (const p of this.head.presences())
			for (const w of p.wants)
				if (isPeriodName(w) && held.has(w) && !liveNames.has(w) && !this.fetching.has(w))
					asked.add(w);
		await this.keep(this.serving, new Set([...asked].sort().reverse().slice(0, this.serveAtOnce)));

		this.announce(held, wants);
	}

	private announce(held: ReadonlyMap<string, ReadonlyMap<number, number>>, wants: string[]): void {
		const now = this.now();
		const presence: Presence = {
			device: this.ledger.device,
			name: this.name,
			digest: logDigest(held),
			events: this.ledger.size,
			wants,
			// Said again every PRESENCE_REFRESH_MS, so peers can tell how far their clocks are.
			time: now - (now % PRESENCE_REFRESH_MS)
		};
		this.head.setPresence(presence);
		const next = summarise(
			presence,
			this.head.presences(),
			this.transport.state,
			historyProgress(this.ledger.head, held),
			now
		);
		if (!sameSnapshot(next, this.snapshot)) {
			this.snapshot = next;
			this.emit();
		}
	}

	/** Syncs exactly the docs named in `wanted` among those in `map`. */
	private async keep(
		map: Map<string, Held>,
		wanted: ReadonlySet<string>,
		init: (name: string) => { have: number; since: number } = () => ({ have: 0, since: 0 })
	): Promise<void> {
		for (const name of [...map.keys()]) if (!wanted.has(name)) this.drop(map, name);
		for (const name of wanted) {
			if (map.has(name) || this.stopped) continue;
			const doc = await this.ledger.acquire(name);
			if (this.stopped || map.has(name)) {
				this.ledger.release(name);
				continue;
			}
			map.set(name, { link: this.transport.attach(name, doc), ...init(name) });
		}
	}

	private drop(map: Map<string, Held>, name: string): void {
		const held = map.get(name);
		if (!held) return;
		map.delete(name);
		held.link.destroy();
		this.ledger.release(name);
	}

	/** The ledger read a doc again from storage: sync the new copy (which asks for what it lacks). */
	private reattach(name: string, next: import('yjs').Doc): void {
		for (const map of [this.live, this.fetching, this.serving]) {
			const held = map.get(name);
			if (!held) continue;
			held.link.destroy();
			held.link = this.transport.attach(name, next);
		}
	}

	private emit(): void {
		for (const listener of this.listeners) listener(this.snapshot);
	}
}
