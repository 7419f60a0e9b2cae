import { describe, expect, it, vi } from 'vitest';
import { Ledger } from '$lib/ledger/ledger';
import { MemoryPersistence } from '$lib/ledger/persistence';
import { OFFLINE, type SyncProvider, type SyncSnapshot } from '$lib/ledger/sync';
import type { WebrtcSyncOptions } from '$lib/ledger/webrtc-sync';
import { SyncService, type Connect, type SyncView } from './sync-service';

/** A provider the test drives: it records how it was started and emits what the test says. */
class FakeProvider implements SyncProvider {
	snapshot: SyncSnapshot = OFFLINE;
	stopped = false;
	names: string[] = [];
	private listener: ((s: SyncSnapshot) => void) | null = null;
	constructor(readonly options: WebrtcSyncOptions) {}
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

async function setUp(persistence = new MemoryPersistence(), connect?: Connect) {
	const ledger = await Ledger.open(persistence);
	const providers: FakeProvider[] = [];
	const service = new SyncService(
		ledger,
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
	return { ledger, service, providers, persistence, view: () => view };
}

describe('SyncService', () => {
	it('does not sync until the device belongs to a store', async () => {
		const { providers, view } = await setUp();
		expect(view().store).toBeNull();
		expect(view().deviceName).toMatch(/^Device [A-Z0-9]{4}$/);
		expect(providers).toEqual([]);
	});

	it('creates a store with signaling beside the app, syncs with its secret, and keeps it across a restart', async () => {
		const { service, providers, persistence, view } = await setUp();
		expect(await service.createStore('  ', 'https://pc:4173/settings')).toEqual({
			ok: false,
			error: 'Give the store a name.'
		});
		expect(await service.createStore('Main Street', 'https://pc:4173/settings')).toEqual({
			ok: true
		});
		const store = view().store!;
		expect(store).toMatchObject({ name: 'Main Street', signaling: 'wss://pc:4173/signal' });
		expect(providers[0]?.options).toMatchObject({
			room: store.room,
			secret: store.secret,
			signaling: store.signaling,
			iceServers: []
		});
		expect(await service.createStore('Other', 'https://pc:4173/')).toMatchObject({ ok: false });

		const again = await setUp(persistence);
		expect(again.view().store).toEqual(store);
		expect(again.providers[0]?.options.room).toBe(store.room);
	});

	it('joins another store (the old provider stops) and leaves it', async () => {
		const { service, providers, view } = await setUp();
		await service.createStore('Main Street', 'http://localhost:4173/');
		const other = {
			room: 'r'.repeat(22),
			secret: 's'.repeat(22),
			name: 'Harbour Road',
			signaling: 'wss://pc/signal'
		};
		expect(await service.joinStore(other)).toEqual({ ok: true });
		expect(providers[0]?.stopped).toBe(true);
		expect(providers[1]?.options.room).toBe(other.room);
		expect(view().store).toEqual(other);
		expect(await service.joinStore(other)).toMatchObject({ ok: false });
		await service.leaveStore();
		expect(providers[1]?.stopped).toBe(true);
		expect(view().store).toBeNull();
	});

	it('names this device, and remembers the devices seen and when each was last in sync', async () => {
		const { service, providers, persistence, view } = await setUp();
		await service.createStore('Main Street', 'http://localhost:4173/');
		expect(await service.setDeviceName('Till 1')).toEqual({ ok: true });
		expect(providers[0]?.names).toEqual(['Till 1']);
		vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
		providers[0]?.emit({
			state: 'syncing',
			signaling: true,
			connections: 2,
			refused: 0,
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
		const again = await setUp(persistence);
		expect(again.view().deviceName).toBe('Till 1');
		expect(again.view().known.map((k) => k.name)).toEqual(['Counter tablet', 'Phone']);
	});

	it('says why sync cannot run, and checks its options', async () => {
		const failing: Connect = async () => {
			throw new Error('Sync needs a secure address');
		};
		const { service, view } = await setUp(new MemoryPersistence(), failing);
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
