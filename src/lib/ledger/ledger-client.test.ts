import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '$lib/domain/types';
import { Ledger } from './ledger';
import { LedgerClient, ledgerErrors, NEW_LEADER, serveLedger } from './ledger-client';
import { CounterMovedError } from './log-store';
import { MemoryLogStore } from './memory-log-store';
import { RpcClient, RpcServer } from './rpc';

const supplier = (n: number): NewEvent => ({
	type: 'supplier.upserted',
	supplierId: `s${n}`,
	fields: { name: `Supplier ${n}` }
});

const channels: BroadcastChannel[] = [];
function channel(name: string): BroadcastChannel {
	const c = new BroadcastChannel(name);
	channels.push(c);
	return c;
}
afterEach(() => {
	for (const c of channels.splice(0)) c.close();
});

async function leaderOf(store: MemoryLogStore, name: string) {
	const ledger = await Ledger.open(store, { device: 'dev1' });
	const projected: unknown[] = [];
	ledger.subscribe(async ({ events }) => void projected.push(...events));
	const server = new RpcServer(channel(name));
	serveLedger(server, ledger);
	server.notify(NEW_LEADER, null);
	return { ledger, projected, server };
}

function clientOf(name: string) {
	return new LedgerClient('dev1', new RpcClient(channel(name), ledgerErrors));
}

describe('a tab that does not lead the log', () => {
	it('appends through the leading tab, which writes and projects it', async () => {
		const name = `t-${Math.random()}`;
		const leader = await leaderOf(new MemoryLogStore(), name);
		const client = clientOf(name);
		await client.open();
		const [saved] = await client.append([supplier(1)]);
		expect(saved?.device).toBe('dev1');
		expect(leader.projected).toEqual([saved]);
		await expect.poll(() => client.size).toBe(1);
	});

	it('gets the counter refusal as the leading tab raised it', async () => {
		const name = `t-${Math.random()}`;
		await leaderOf(new MemoryLogStore(), name);
		const client = clientOf(name);
		await client.append([supplier(1)], { counters: { n: { from: 0, to: 1 } } });
		const refused = client.append([supplier(2)], { counters: { n: { from: 0, to: 1 } } });
		await expect(refused).rejects.toBeInstanceOf(CounterMovedError);
		expect(await client.counter('n')).toBe(1);
	});

	it('makes an append again when the leading tab closes before answering, and it is saved once', async () => {
		const name = `t-${Math.random()}`;
		const store = new MemoryLogStore();
		// The first leader writes the append but closes before it answers.
		const first = await leaderOf(store, name);
		first.server.close();
		const quiet = new RpcServer(channel(name));
		quiet.serve('ledger', {
			append: async (events: NewEvent[], options: { ids: string[] }) => {
				await first.ledger.append(events, options);
				return new Promise(() => {}); // never answers: the tab is gone
			}
		});
		const client = clientOf(name);
		const pending = client.append([supplier(1)]);
		await expect.poll(() => store.rows.length).toBeGreaterThan(0);
		quiet.close();
		first.ledger.close();
		// The next tab takes the lead on the same log, and the append is made again.
		const second = await leaderOf(store, name);
		const [saved] = await pending;
		expect(second.projected).toEqual([]);
		const ids: string[] = [];
		for await (const batch of second.ledger.history())
			for (const e of batch) ids.push((e as { id: string }).id);
		expect(ids).toEqual([saved!.id]);
		expect(second.ledger.size).toBe(1);
	});
});
