import { describe, expect, it, vi } from 'vitest';
import { MemoryDeviceRegistry } from '$lib/ledger/device-registry';
import { Ledger } from '$lib/ledger/ledger';
import { MemoryLogStore } from '$lib/ledger/memory-log-store';
import { OFFLINE, type SyncProvider, type SyncSnapshot } from '$lib/ledger/sync';
import { memoryMirror, StoreDirectory } from './stores';
import { SyncService, type Connect, type ConnectOptions, type SyncView } from './sync-service';

/** A provider the test drives: it records how it was started and emits what the test says. */
class FakeProvider implements SyncProvider {
	snapshot: SyncSnapshot = OFFLINE;
	stopped = false;
	names: string[] = [];
	private listener: ((s: SyncSnapshot) => void) | null = null;
	constructor(readonly options: ConnectOptions) {}
	subscribe(listener: (s: SyncSnapshot) => void) {
		this.listener = listener;
		listener(this.snapshot);
		return () => (this.listener = null);
	}
	setDeviceName(name: string) {
		this.names.push(name);
	}
	async stop() {
		this.stopped = true;
	}
	emit(snapshot: SyncSnapshot) {
		this.snapshot = snapshot;
		this.listener?.(snapshot);
	}
}

interface Device {
	stores: StoreDirectory;
	logs: Map<string, MemoryLogStore>;
}

function newDevice(): Device {
	return {
		stores: new StoreDirectory(new MemoryDeviceRegistry('dev1'), memoryMirror()),
		logs: new Map()
	};
}

/** The current store of `device` opened as the app opens it, with its sync. */
async function setUp(device = newDevice(), connect?: Connect) {
	const store = await device.stores.current();
	let log = device.logs.get(store.id);
	if (!log) {
		log = new MemoryLogStore(store.id);
		device.logs.set(store.id, log);
	}
	const ledger = await Ledger.open(log, { device: await device.stores.registry.device() });
	const providers: FakeProvider[] = [];
	const service = new SyncService(
		ledger,
		device.stores,
		store.id,
		connect ??
			(async (_ledger, options) => {
				const p = new FakeProvider(options);
				providers.push(p);
				return p;
			})
	);
	await service.open();
	let view: SyncView = service.view;
	service.subscribe((v) => (view = v));
	return { ledger, service, providers, device, store, view: () => view };
}

describe('SyncService', () => {
	it('does not sync a store that was never shared', async () => {
		const { providers, view } = await setUp();
		expect(view().store).toBeNull();
		expect(view().deviceName).toMatch(/^Device [A-Z0-9]{4}$/);
		expect(providers).toEqual([]);
	});

	it('shares this device’s store with signaling beside the app, syncs with its secret, and keeps it across a restart', async () => {
		const { service, providers, device, store: local, view } = await setUp();
		expect(await service.createStore('  ', 'https://pc:4173/settings')).toEqual({
			ok: false,
			error: 'Give the store a name.'
		});
		expect(await service.createStore('Main Street', 'https://pc:4173/settings')).toEqual({
			ok: true
		});
		const store = view().store!;
		// The store this device held is the one shared: its id is the room.
		expect(store).toMatchObject({
			room: local.id,
			name: 'Main Street',
			signaling: 'wss://pc:4173/signal'
		});
		expect(providers[0]?.options).toMatchObject({
			room: store.room,
			secret: store.secret,
			signaling: store.signaling,
			iceServers: []
		});
		expect(await service.createStore('Other', 'https://pc:4173/')).toMatchObject({ ok: false });

		const again = await setUp(device);
		expect(again.view().store).toEqual(store);
		expect(again.providers[0]?.options.room).toBe(store.room);
	});

	it('after leaving a shared store, a new store starts empty and apart from it', async () => {
		const first = await setUp();
		await first.service.createStore('Store A', 'http://localhost:4173/');
		await first.ledger.append([
			{ type: 'supplier.upserted', supplierId: 's1', fields: { name: 'A’s supplier' } }
		]);
		await first.service.leaveStore();
		expect(first.providers[0]?.stopped).toBe(true);
		expect(first.view().store).toBeNull();
		// Creating store B now makes a new store and switches to it.
		expect(await first.service.createStore('Store B', 'http://localhost:4173/')).toEqual({
			ok: true,
			reload: true
		});
		const b = await setUp(first.device);
		expect(b.store.id).not.toBe(first.store.id);
		expect(b.view().store?.name).toBe('Store B');
		expect(b.ledger.size).toBe(0);
		// A is still on the device, with its events.
		expect((await first.device.stores.list()).map((s) => s.name)).toEqual(['Store A', 'Store B']);
		expect(first.device.logs.get(first.store.id)?.rows.length).toBeGreaterThan(0);
	});

	it('joins another store as a store of its own on this device, and can leave it', async () => {
		const { service, providers, device } = await setUp();
		await service.createStore('Main Street', 'http://localhost:4173/');
		const other = {
			room: 'r'.repeat(22),
			secret: 's'.repeat(22),
			name: 'Harbour Road',
			signaling: 'wss://pc/signal'
		};
		expect(await service.joinStore(other)).toEqual({ ok: true, reload: true });
		const joined = await setUp(device);
		expect(joined.store.id).toBe(other.room);
		expect(joined.providers[0]?.options.room).toBe(other.room);
		expect(joined.view().store).toEqual(other);
		expect(await joined.service.joinStore(other)).toMatchObject({ ok: false });
		await joined.service.leaveStore();
		expect(joined.providers[0]?.stopped).toBe(true);
		expect(joined.view().store).toBeNull();
		// Main Street still syncs on its own when switched back to.
		expect(providers).toHaveLength(1);
		expect((await device.stores.list()).map((s) => s.name)).toEqual([
			'Main Street',
			'Harbour Road'
		]);
	});

	it('names this device, and remembers the devices seen and when each was last in sync', async () => {
		const { service, providers, device, view } = await setUp();
		await service.createStore('Main Street', 'http://localhost:4173/');
		expect(await service.setDeviceName('Till 1')).toEqual({ ok: true });
		expect(providers[0]?.names).toEqual(['Till 1']);
		vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
		providers[0]?.emit({
			state: 'syncing',
			signaling: true,
			connections: 2,
			refused: 0,
			history: { have: 0, want: 0 },
			clocks: [],
			devices: [
				{ device: 'tablet', name: 'Counter tablet', inSync: true, events: 10 },
				{ device: 'phone', name: 'Phone', inSync: false, events: 3 }
			]
		});
		vi.useRealTimers();
		expect(view().known).toEqual([
			{ device: 'tablet', name: 'Counter tablet', lastSyncedAt: 1_700_000_000_000 },
			{ device: 'phone', name: 'Phone', lastSyncedAt: null }
		]);
		await Promise.resolve();
		const again = await setUp(device);
		expect(again.view().deviceName).toBe('Till 1');
		expect(again.view().known.map((k) => k.name)).toEqual(['Counter tablet', 'Phone']);
	});

	it('says why sync cannot run, and checks its options', async () => {
		const failing: Connect = async () => {
			throw new Error('Sync needs a secure address');
		};
		const { service, view } = await setUp(newDevice(), failing);
		await service.createStore('Main Street', 'http://10.0.0.2:4173/');
		expect(view().problem).toBe('Sync needs a secure address');
		expect(await service.setOptions('http://pc/signal', [])).toMatchObject({
			ok: false,
			error: /ws:\/\//
		});
		expect(await service.setOptions('wss://pc/signal', ['https://stun'])).toMatchObject({
			ok: false,
			error: /STUN or TURN/
		});
		expect(await service.setOptions('wss://pc/signal', ['stun:stun.example.com:3478', ''])).toEqual(
			{ ok: true }
		);
		expect(view().iceServers).toEqual(['stun:stun.example.com:3478']);
		expect(view().store?.signaling).toBe('wss://pc/signal');
	});
});
