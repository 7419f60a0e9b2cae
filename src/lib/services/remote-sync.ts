/**
 * Sync as a tab that does not lead the store's log sees it: the leading tab
 * runs the sync (SyncService) and sends every change of its view; settings
 * made here are carried out there. When this tab takes the lead, its own
 * SyncService answers from then on.
 */
import type { StoreConfig } from '$lib/ledger/pairing';
import { LeaderGoneError, type RpcClient, type RpcServer } from '$lib/ledger/rpc';
import { OFFLINE } from '$lib/ledger/sync';
import type { Result, SyncApi, SyncView } from './sync-service';

const TARGET = 'sync';
const VIEW = 'sync:view';

/** The leading tab serves its sync to the other tabs. */
export function serveSync(server: RpcServer, sync: SyncApi): () => void {
	server.serve(TARGET, {
		view: () => sync.view,
		createStore: (name: string, pageUrl: string) => sync.createStore(name, pageUrl),
		joinStore: (config: StoreConfig) => sync.joinStore(config),
		leaveStore: () => sync.leaveStore(),
		setDeviceName: (name: string) => sync.setDeviceName(name),
		setOptions: (signaling: string, ice: string[]) => sync.setOptions(signaling, ice),
		useHub: (address: string, token: string) => sync.useHub(address, token),
		stopHub: () => sync.stopHub()
	});
	return sync.subscribe((view) => server.notify(VIEW, view));
}

export class RemoteSync implements SyncApi {
	view: SyncView;
	private local: SyncApi | null = null;
	private readonly listeners = new Set<(view: SyncView) => void>();
	private offLocal: (() => void) | null = null;
	private readonly offRemote: () => void;

	constructor(
		private readonly rpc: RpcClient,
		device: string
	) {
		this.view = {
			storeId: '',
			storeName: '',
			store: null,
			device,
			deviceName: '',
			iceServers: [],
			snapshot: OFFLINE,
			known: [],
			problem: null,
			joining: false
		};
		this.offRemote = rpc.on(VIEW, (view) => this.set(view as SyncView));
	}

	async open(): Promise<void> {
		this.set(await this.call<SyncView>('view', [], (s) => Promise.resolve(s.view)));
	}

	takeOver(sync: SyncApi): void {
		this.offRemote();
		this.local = sync;
		this.offLocal = sync.subscribe((view) => this.set(view));
	}

	subscribe(listener: (view: SyncView) => void): () => void {
		this.listeners.add(listener);
		listener(this.view);
		return () => this.listeners.delete(listener);
	}

	createStore(name: string, pageUrl: string): Promise<Result> {
		return this.call('createStore', [name, pageUrl], (s) => s.createStore(name, pageUrl));
	}
	joinStore(config: StoreConfig): Promise<Result> {
		return this.call('joinStore', [config], (s) => s.joinStore(config));
	}
	leaveStore(): Promise<Result> {
		return this.call('leaveStore', [], (s) => s.leaveStore());
	}
	setDeviceName(name: string): Promise<Result> {
		return this.call('setDeviceName', [name], (s) => s.setDeviceName(name));
	}
	setOptions(signaling: string, iceServers: string[]): Promise<Result> {
		return this.call('setOptions', [signaling, iceServers], (s) =>
			s.setOptions(signaling, iceServers)
		);
	}

	useHub(address: string, token: string): Promise<Result> {
		return this.call('useHub', [address, token], (s) => s.useHub(address, token));
	}
	stopHub(): Promise<Result> {
		return this.call('stopHub', [], (s) => s.stopHub());
	}

	close(): void {
		this.offRemote();
		this.offLocal?.();
	}

	private set(view: SyncView): void {
		this.view = view;
		for (const listener of this.listeners) listener(view);
	}

	private async call<T>(
		method: string,
		args: unknown[],
		local: (s: SyncApi) => Promise<T>
	): Promise<T> {
		for (;;) {
			if (this.local) return local(this.local);
			try {
				return await this.rpc.call<T>(TARGET, method, args);
			} catch (error) {
				if (!(error instanceof LeaderGoneError)) throw error;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	}
}
