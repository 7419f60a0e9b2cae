/**
 * Makes the Yjs update of a local append without touching the doc it is
 * for, so that the update can be written to IndexedDB before it is applied
 * anywhere (DESIGN.md: durable before applied).
 *
 * The outbox is a doc of its own, with its own Yjs client id, that only ever
 * holds this ledger's appends to one period. Each append pushes onto its
 * array; the update of that push is the append. Once written, the update is
 * applied to the period's doc, whose copy then matches the outbox's. If the
 * write fails, the outbox is thrown away: its next update would build on the
 * failed one (Yjs would hold it back as pending forever), so the next
 * append starts a fresh outbox with a new client id and stands on its own.
 * The outbox is also renewed after many appends, so it does not keep a
 * second copy of a busy period in memory.
 */
import * as Y from 'yjs';
import { EVENTS_ARRAY } from './update-events';

const RENEW_AFTER = 2000;

export class Outbox {
	private doc = new Y.Doc({ gc: true });
	private held = 0;

	/** The update that appends `events`; the outbox now assumes it was written. */
	build(events: readonly unknown[]): Uint8Array {
		if (this.held >= RENEW_AFTER) this.renew();
		const before = Y.encodeStateVector(this.doc);
		this.doc.getArray(EVENTS_ARRAY).push([...events]);
		this.held += events.length;
		return Y.encodeStateAsUpdate(this.doc, before);
	}

	/** The last update was not written: start again with a new client id. */
	renew(): void {
		this.doc.destroy();
		this.doc = new Y.Doc({ gc: true });
		this.held = 0;
	}

	get clientId(): number {
		return this.doc.clientID;
	}
}
