import { describe, expect, it } from 'vitest';
import { MemoryDeviceRegistry } from '$lib/ledger/device-registry';
import { Ledger } from '$lib/ledger/ledger';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { OFFLINE, type SyncProvider } from '$lib/ledger/sync';
import { hubSocketUrl, type Grant, type HubApi, type HubResult } from './hub-api';
import { memoryMirror, StoreDirectory } from './stores';
import { SyncService, type ConnectOptions } from './sync-service';

/** A hub that knows some tokens: each names its store. */
function fakeHub(tokens: Record<string, Grant>): HubApi & { asked: string[] } {
	const asked: string[] = [];
	const no = { ok: false, error: 'The hub does not accept this token.' } as const;
	return {
		asked,
		async whoami(url, token): Promise<HubResult<Grant>> {
			asked.push(url);
			const grant = tokens[token];
			return grant ? { ok: true, value: grant } : no;
		},
		issue: async () => no,
		list: async () => no,
		revoke: async () => no
	};
}

async function setUp(
	hub: HubApi,
	stores = new StoreDirectory(new MemoryDeviceRegistry('dev1'), memoryMirror())
) {
	const store = await stores.current();
	const ledger = await Ledger.open(new MemoryLogStore(store.id), { device: 'dev1' });
	const started: ConnectOptions[] = [];
	const connect = async (_l: Ledger, options: ConnectOptions): Promise<SyncProvider> => {
		started.push(options);
		return {
			snapshot: OFFLINE,
			subscribe: (l) => (l(OFFLINE), () => undefined),
			setDeviceName: () => undefined,
			stop: async () => undefined
		};
	};
	const service = new SyncService(ledger, stores, store.id, connect, undefined, hub);
	await service.open();
	return { service, started, stores, store };
}

const grant = (store: string, storeName = 'Main Street'): Grant => ({
	store,
	storeName,
	deviceName: 'Till 1',
	expiresAt: null
});

describe('hub addresses', () => {
	it('takes what staff type and gives the WebSocket address', () => {
		expect(hubSocketUrl('hq.example.com')).toBe('wss://hq.example.com/hub');
		expect(hubSocketUrl('https://hq.example.com/')).toBe('wss://hq.example.com/hub');
		expect(hubSocketUrl('http://10.0.0.2:4173')).toBe('ws://10.0.0.2:4173/hub');
		expect(hubSocketUrl('wss://hq.example.com/hub')).toBe('wss://hq.example.com/hub');
		expect(hubSocketUrl('ftp://x')).toBeNull();
		expect(hubSocketUrl('  ')).toBeNull();
	});
});

describe('SyncService through a hub', () => {
	it("syncs this store through the hub with its own token, peers' secret or not", async () => {
		const stores = new StoreDirectory(new MemoryDeviceRegistry('dev1'), memoryMirror());
		const id = (await stores.current()).id;
		const hub = fakeHub({ tok: grant(id) });
		const { service, started } = await setUp(hub, stores);
		expect(await service.useHub('hq.example.com', 'wrong')).toEqual({
			ok: false,
			error: 'The hub does not accept this token.'
		});
		expect(await service.useHub('', 'tok')).toMatchObject({ ok: false });
		expect(started).toEqual([]);
		expect(await service.useHub('https://hq.example.com', ' tok ')).toEqual({ ok: true });
		expect(started.at(-1)).toMatchObject({
			room: id,
			secret: '',
			hub: { url: 'wss://hq.example.com/hub', token: 'tok' }
		});
		expect(service.view.store?.hub?.url).toBe('wss://hq.example.com/hub');
		// Never named on this device: it takes the name its token was issued for.
		expect(service.view.deviceName).toBe('Till 1');
		// Without a hub and without peers' secret, it syncs no more.
		expect(await service.stopHub()).toEqual({ ok: true });
		expect(service.view.store).toBeNull();
	});

	it('keeps peer sync beside the hub, and after the hub is stopped', async () => {
		const stores = new StoreDirectory(new MemoryDeviceRegistry('dev1'), memoryMirror());
		const office = fakeHub({ all: grant('*', 'Head office') });
		const { service, started } = await setUp(office, stores);
		await service.createStore('Main Street', 'https://pc:4173/');
		const secret = service.view.store?.secret;
		await service.setDeviceName('Office PC');
		expect(await service.useHub('https://hq.example.com', 'all')).toEqual({ ok: true });
		expect(service.view.deviceName).toBe('Office PC');
		expect(started.at(-1)).toMatchObject({ secret, hub: { token: 'all' } });
		await service.stopHub();
		expect(started.at(-1)?.secret).toBe(secret);
		expect(started.at(-1)?.hub).toBeUndefined();
		expect(service.view.store?.name).toBe('Main Street');
	});

	it("joins the token's store when it is another one, through the hub only", async () => {
		const stores = new StoreDirectory(new MemoryDeviceRegistry('dev1'), memoryMirror());
		const other = 'H'.repeat(22);
		const { service } = await setUp(fakeHub({ tok: grant(other, 'Harbour Road') }), stores);
		expect(await service.useHub('hq.example.com', 'tok')).toEqual({ ok: true, reload: true });
		const now = await stores.current();
		expect(now.id).toBe(other);
		expect(now.name).toBe('Harbour Road');
		expect(now.sync).toMatchObject({ room: other, secret: '', hub: { token: 'tok' } });
	});
});
