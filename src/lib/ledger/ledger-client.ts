/**
 * A store's log as a tab that does not lead it sees it (tab-leader.ts): every
 * append goes to the leading tab, which writes, projects and syncs it and
 * answers once it is saved; what the log holds comes with the leader's
 * notices. When the leading tab closes, an append in flight is made again
 * with the same ids, so it is saved once (Ledger.append checks `recent`);
 * when this tab takes the lead, it uses its own Ledger from then on.
 */
import type { LedgerEvent, NewEvent } from '$lib/domain/types';
import { Emitter } from './emitter';
import { newId } from './ids';
import { HoldError, type AppendOptions, type Ledger } from './ledger';
import type { LedgerApi, LedgerApiNotices } from './ledger-api';
import { CounterMovedError } from './log-store';
import { LeaderGoneError, RpcClient, type RpcServer } from './rpc';

const TARGET = 'ledger';
const CHANGED = 'ledger:changed';
const PROBLEM = 'ledger:problem';
/** A tab has taken the lead: calls still out to the one before are made again. */
export const NEW_LEADER = 'leader:new';
/** A call the leading tab has not answered in this long is made again. */
const CALL_TIMEOUT_MS = 15_000;

interface LedgerState {
	size: number;
	held: [string, [number, number][]][];
	problem: string | null;
}

function stateOf(ledger: Ledger): LedgerState {
	return {
		size: ledger.size,
		held: [...ledger.heldDocs()].map(([doc, sv]) => [doc, [...sv]]),
		problem: ledger.currentProblem
	};
}

/** The leading tab answers the other tabs' calls on its ledger, and tells them what changed. */
export function serveLedger(server: RpcServer, ledger: Ledger): () => void {
	server.serve(TARGET, {
		append: (events: NewEvent[], options: AppendOptions) => ledger.append(events, options),
		counter: (key: string) => ledger.counter(key),
		getMeta: (key: string) => ledger.getMeta(key),
		setMeta: (key: string, value: unknown) => ledger.setMeta(key, value),
		state: () => stateOf(ledger),
		settled: () => ledger.settled()
	});
	let timer: ReturnType<typeof setTimeout> | null = null;
	const offChanged = ledger.notices.on('changed', () => {
		timer ??= setTimeout(() => {
			timer = null;
			server.notify(CHANGED, stateOf(ledger));
		}, 100);
	});
	const offProblem = ledger.notices.on('problem', (message) => server.notify(PROBLEM, message));
	return () => {
		offChanged();
		offProblem();
		if (timer) clearTimeout(timer);
	};
}

/** Errors the ledger's callers tell apart, made again on this side. */
export function ledgerErrors(name: string, _message: string, data: unknown): Error | null {
	if (name === 'CounterMovedError')
		return new CounterMovedError(typeof data === 'string' ? data : '');
	if (name === 'HoldError') return new HoldError();
	return null;
}

export class LedgerClient implements LedgerApi {
	readonly notices = new Emitter<LedgerApiNotices>();
	private local: Ledger | null = null;
	private state: LedgerState = { size: 0, held: [], problem: null };
	private readonly offs: (() => void)[] = [];

	constructor(
		readonly device: string,
		private readonly rpc: RpcClient
	) {
		this.offs.push(
			rpc.on(NEW_LEADER, () => rpc.abandon()),
			rpc.on(CHANGED, (payload) => {
				this.state = payload as LedgerState;
				this.notices.emit('changed', '');
			}),
			rpc.on(PROBLEM, (payload) => {
				this.state = { ...this.state, problem: payload as string | null };
				this.notices.emit('problem', this.state.problem);
			})
		);
	}

	/** Reads what the log holds from the leading tab (resolves once it answers). */
	async open(): Promise<void> {
		this.state = await this.call<LedgerState>('state');
		this.notices.emit('changed', '');
	}

	/** This tab now leads: its own ledger answers from here on. */
	takeOver(ledger: Ledger): void {
		this.local = ledger;
		this.rpc.abandon();
		for (const off of this.offs.splice(0)) off();
		this.offs.push(
			ledger.notices.on('changed', (doc) => this.notices.emit('changed', doc)),
			ledger.notices.on('problem', (message) => this.notices.emit('problem', message))
		);
		this.notices.emit('changed', '');
	}

	get size(): number {
		return this.local ? this.local.size : this.state.size;
	}

	heldDocs(): Map<string, ReadonlyMap<number, number>> {
		if (this.local) return this.local.heldDocs();
		return new Map(this.state.held.map(([doc, sv]) => [doc, new Map(sv)]));
	}

	get currentProblem(): string | null {
		return this.local ? this.local.currentProblem : this.state.problem;
	}

	append(events: readonly NewEvent[], options: AppendOptions = {}): Promise<LedgerEvent[]> {
		// Ids given here, so that the same append made again is known as the same.
		const ids = options.ids ?? events.map(() => newId());
		return this.call('append', [events, { ...options, ids }], (ledger) =>
			ledger.append(events, { ...options, ids })
		);
	}

	counter(key: string): Promise<number> {
		return this.call('counter', [key], (ledger) => ledger.counter(key));
	}

	getMeta<T = unknown>(key: string): Promise<T | undefined> {
		return this.call('getMeta', [key], (ledger) => ledger.getMeta<T>(key));
	}

	setMeta(key: string, value: unknown): Promise<void> {
		return this.call('setMeta', [key, value], (ledger) => ledger.setMeta(key, value));
	}

	settled(): Promise<void> {
		return this.call('settled', [], (ledger) => ledger.settled());
	}

	/** Calls the leading tab; made again if it closes first (or on this tab's own ledger). */
	private async call<T>(
		method: string,
		args: unknown[] = [],
		local?: (ledger: Ledger) => Promise<T>
	): Promise<T> {
		for (;;) {
			if (this.local && local) return local(this.local);
			try {
				return await withTimeout(this.rpc.call<T>(TARGET, method, args), CALL_TIMEOUT_MS);
			} catch (error) {
				if (!(error instanceof LeaderGoneError)) throw error;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new LeaderGoneError()), ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		);
	});
}
