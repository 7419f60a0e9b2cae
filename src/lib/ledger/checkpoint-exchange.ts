/**
 * The checkpoint exchange of a store's sync (checkpoint.ts): a device that
 * has just joined waits for a checkpoint before projecting anything (its
 * ledger is held), announces that it wants one, installs the first that
 * comes and then takes the history in the background; if none comes while
 * it is connected for a while, it takes the whole history instead. A device
 * whose peer wants one builds it (or offers the one it built a minute ago)
 * and puts it in the checkpoint doc, which is never kept on disk.
 */
import * as Y from 'yjs';
import {
	buildCheckpoint,
	CHECKPOINT_DOC,
	installCheckpoint,
	readCheckpoint,
	type CheckpointStore
} from './checkpoint';
import type { DocLink, DocTransport, HeadLink } from './doc-transport';
import type { Ledger } from './ledger';

/** A checkpoint built this recently is offered again as it is. */
const CHECKPOINT_FRESH_MS = 60_000;

export interface CheckpointExchangeOptions {
	checkpoints?: CheckpointStore;
	awaitingCheckpoint?: boolean;
	onCheckpointDone?: (how: 'installed' | 'none') => void;
	checkpointWaitMs?: number;
	now: () => number;
	replan: () => void;
}

export class CheckpointExchange {
	awaiting: boolean;
	/** The doc checkpoints travel in, while one is wanted or offered. */
	private checkpointDoc: Y.Doc | null = null;
	private checkpointLink: DocLink | null = null;
	private builtAt = 0;
	private building: Promise<void> | null = null;
	private installing = false;
	private connectedSince: number | null = null;

	constructor(
		private readonly ledger: Ledger,
		private readonly transport: DocTransport,
		private readonly head: HeadLink,
		private readonly options: CheckpointExchangeOptions
	) {
		this.awaiting = Boolean(options.awaitingCheckpoint && options.checkpoints);
	}

	/** Joining: wait for a peer's checkpoint, install the first that comes, or give up after a while. */
	await(now: number): void {
		const doc = this.openCheckpointDoc();
		const offered = [...doc.getMap<Uint8Array>('checkpoints').values()].filter(
			(v) => v instanceof Uint8Array
		);
		if (offered.length > 0 && !this.installing) {
			this.installing = true;
			void this.install(offered).finally(() => (this.installing = false));
			return;
		}
		const connected = this.transport.state.connections > 0;
		if (!connected) this.connectedSince = null;
		else this.connectedSince ??= now;
		const wait = this.options.checkpointWaitMs ?? 30_000;
		if (this.connectedSince !== null && now - this.connectedSince > wait && !this.installing)
			void this.finishWaiting('none');
	}

	private async install(offered: Uint8Array[]): Promise<void> {
		for (const bytes of offered) {
			try {
				const checkpoint = await readCheckpoint(bytes);
				await installCheckpoint(this.ledger, this.options.checkpoints!, checkpoint);
				await this.finishWaiting('installed');
				return;
			} catch (error) {
				console.warn('a checkpoint could not be installed; trying the next', error);
			}
		}
	}

	private async finishWaiting(how: 'installed' | 'none'): Promise<void> {
		if (!this.awaiting) return;
		this.awaiting = false;
		this.close();
		await this.ledger.hold(false);
		this.options.onCheckpointDone?.(how);
		this.options.replan();
	}

	/** A peer that joins asks for a checkpoint: build one (or offer the fresh one) and open the doc. */
	serve(): void {
		const store = this.options.checkpoints;
		const asked = this.head.presences().some((p) => p.wants.includes(CHECKPOINT_DOC));
		if (!store || !asked) {
			this.close();
			return;
		}
		const doc = this.openCheckpointDoc();
		if (this.building || this.options.now() - this.builtAt < CHECKPOINT_FRESH_MS) return;
		this.building = buildCheckpoint(this.ledger, store)
			.then((bytes) => {
				this.builtAt = this.options.now();
				doc.getMap<Uint8Array>('checkpoints').set(this.ledger.device, bytes);
			})
			.catch((error: unknown) => console.error('could not build a checkpoint', error))
			.finally(() => (this.building = null));
	}

	private openCheckpointDoc(): Y.Doc {
		if (!this.checkpointDoc) {
			this.checkpointDoc = new Y.Doc();
			this.checkpointDoc.on('update', () => this.options.replan());
			this.checkpointLink = this.transport.attach(CHECKPOINT_DOC, this.checkpointDoc);
		}
		return this.checkpointDoc;
	}

	close(): void {
		this.checkpointLink?.destroy();
		this.checkpointLink = null;
		this.checkpointDoc?.destroy();
		this.checkpointDoc = null;
		this.builtAt = 0;
	}
}
