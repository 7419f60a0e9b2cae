/**
 * What the services and screens use of a store's log, the same whether this
 * tab leads the log (the Ledger itself) or asks the leading tab
 * (LedgerClient, over rpc.ts).
 */
import type { LedgerEvent, NewEvent } from '$lib/domain/types';
import type { Emitter } from './emitter';
import type { AppendOptions } from './ledger';

export interface LedgerApiNotices extends Record<string, unknown[]> {
	changed: [doc: string];
	problem: [message: string | null];
}

export interface LedgerApi {
	readonly device: string;
	/** Events held. */
	readonly size: number;
	/** Every doc this device holds something of, with its state vector. */
	heldDocs(): Map<string, ReadonlyMap<number, number>>;
	readonly notices: Pick<Emitter<LedgerApiNotices>, 'on'>;
	readonly currentProblem: string | null;
	append(events: readonly NewEvent[], options?: AppendOptions): Promise<LedgerEvent[]>;
	counter(key: string): Promise<number>;
	getMeta<T = unknown>(key: string): Promise<T | undefined>;
	setMeta(key: string, value: unknown): Promise<void>;
	settled(): Promise<void>;
}
