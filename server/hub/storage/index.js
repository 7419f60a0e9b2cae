// Where the hub keeps its docs and tokens: PostgreSQL when given a URL,
// else the embedded database in the data folder.
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

/**
 * @param {{ data: string, database?: string }} options
 * @returns {Promise<import('./schema.js').HubStorage>}
 */
export function openStorage({ data, database }) {
	if (database) {
		if (!/^postgres(ql)?:\/\//.test(database))
			throw new Error('--database takes a PostgreSQL URL: postgres://user:password@host:port/db');
		return openPostgres(database);
	}
	return openSqlite(data);
}
