/**
 * The real sync provider, imported on first use: the period planner
 * (store-sync.ts) over peers (y-webrtc), a hub (Hocuspocus), or both, as the
 * store's settings say. A store with a secret syncs with its peers; one with
 * a hub, through the hub; one with both, both ways on the same docs.
 */
import type { Connect } from './sync-service';

export const connectSync: Connect = async (ledger, options) => {
	const [{ StoreSync }, { CombinedTransport }] = await Promise.all([
		import('$lib/ledger/store-sync'),
		import('$lib/ledger/combined-transport')
	]);
	const parts = [];
	const peerProblem = options.secret ? peerSyncProblem() : null;
	if (options.secret && !peerProblem) {
		const { WebrtcTransport } = await import('$lib/ledger/webrtc-transport');
		parts.push(new WebrtcTransport(options));
	}
	if (options.hub) {
		const { HubTransport } = await import('$lib/ledger/hub-transport');
		parts.push(new HubTransport({ ...options.hub, store: options.room }));
	}
	// Peer sync that cannot run here stops sync only when there is no hub to go on with.
	if (peerProblem && parts.length === 0) throw new Error(peerProblem);
	const transport = parts.length === 1 ? parts[0]! : new CombinedTransport(parts);
	return new StoreSync(ledger, transport, options.deviceName, {
		checkpoints: options.checkpoints,
		awaitingCheckpoint: options.awaitingCheckpoint,
		onCheckpointDone: options.onCheckpointDone
	});
};

/** Why this browser cannot sync with peers, or null. */
function peerSyncProblem(): string | null {
	// The secret's key is derived with WebCrypto, which browsers give only to
	// secure pages; RTCPeerConnection is missing in some locked-down browsers.
	if (!globalThis.isSecureContext || !globalThis.crypto?.subtle)
		return 'Sync needs a secure address: open Unitrack over https (see README, Running on a store PC), or at localhost.';
	if (typeof RTCPeerConnection === 'undefined')
		return 'This browser has no WebRTC: it cannot sync.';
	return null;
}
