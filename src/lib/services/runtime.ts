/**
 * Wires the layers of one device together: the ledger (log) feeds the one
 * projector, which writes the Dexie tables the screens read. Screens read
 * `db` straight away; anything that writes awaits `runtime()`, which opens
 * the log and first projects whatever the log holds that the tables lack
 * (after a crash between the two writes, or a rebuild).
 */
import { Ledger } from '$lib/ledger/ledger';
import { IndexedDbPersistence, type LedgerPersistence } from '$lib/ledger/persistence';
import { UnitrackDb } from '$lib/store/db';
import { projectEvents } from '$lib/store/projector';
import { unreflectedEvents } from '$lib/store/reflected';

export interface Runtime {
	db: UnitrackDb;
	ledger: Ledger;
}

export async function openRuntime(
	db: UnitrackDb,
	persistence: LedgerPersistence
): Promise<Runtime> {
	const ledger = await Ledger.open(persistence);
	ledger.subscribe(async (events) => {
		await projectEvents(db, events);
	});
	await catchUp(db, ledger);
	return { db, ledger };
}

/** Projects the events of the log that the tables do not reflect yet. */
export async function catchUp(db: UnitrackDb, ledger: Ledger): Promise<number> {
	// The projection keeps no table of applied events: each event's rows tell.
	const missing = await unreflectedEvents(db, ledger.events());
	const BATCH = 5000;
	for (let i = 0; i < missing.length; i += BATCH)
		await projectEvents(db, missing.slice(i, i + BATCH));
	return missing.length;
}

let db: UnitrackDb | null = null;
let opening: Promise<Runtime> | null = null;

/** The projected tables of this device, ready to read at once. */
export function database(): UnitrackDb {
	db ??= new UnitrackDb();
	return db;
}

/** The whole runtime, opened once per page load. */
export function runtime(): Promise<Runtime> {
	opening ??= openRuntime(database(), new IndexedDbPersistence('unitrack-ledger'));
	return opening;
}
