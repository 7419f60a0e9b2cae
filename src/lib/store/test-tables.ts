/**
 * For tests of the projection: throwaway databases, and every projected
 * table's rows, to compare two projections whole.
 */
import { UnitrackDb } from './db';

/** Every projected table's rows, by table name. */
export async function dumpTables(db: UnitrackDb): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of db.projected) out[table.name] = await table.toArray();
	return out;
}

export interface TestDatabases {
	/** A new, empty database. */
	fresh: (name?: string) => UnitrackDb;
	/** Deletes the databases made so far. */
	deleteAll: () => Promise<void>;
}

/** Databases with unique names under `prefix`, deleted together. */
export function testDatabases(prefix: string): TestDatabases {
	let made: UnitrackDb[] = [];
	return {
		fresh: (name = '') => {
			const db = new UnitrackDb(`${prefix}-${name}${made.length}-${Math.random()}`);
			made.push(db);
			return db;
		},
		deleteAll: async () => {
			const gone = made;
			made = [];
			for (const db of gone) await db.delete();
		}
	};
}
