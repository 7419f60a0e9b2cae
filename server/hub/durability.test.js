// Writes are durable before the hub acknowledges them: five devices append
// 1,000 events between them, the hub process is killed (SIGKILL) half way,
// and after a restart the hub holds every event that a device had seen
// acknowledged. Then the devices come back and the hub ends with all 1,000.
// Run against the embedded database and against PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../tests/fixtures/services.js';
import { killDuringAppends } from './scenarios.js';

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

/** @type {[string, () => Promise<{ data?: string, database?: string }>][]} */
const backends = [
	[
		'embedded',
		async () => {
			const data = mkdtempSync(join(tmpdir(), 'unitrack-hub-kill-'));
			cleanups.push(async () => rmSync(data, { recursive: true, force: true }));
			return { data };
		}
	],
	[
		'PostgreSQL',
		async () => {
			const pg = await startPostgres();
			cleanups.push(() => pg.stop());
			return { database: pg.url };
		}
	]
];

describe.each(backends)('the hub killed during appends (%s)', (_name, where) => {
	it('keeps every event it acknowledged, and gets the rest once the devices are back', async () => {
		const { acked, lost } = await killDuringAppends(await where());
		// Some were acknowledged before the kill: the check checks something.
		expect(acked.length).toBeGreaterThanOrEqual(50);
		expect(acked.length).toBeLessThan(1000);
		expect(lost).toEqual([]);
	}, 120_000);
});
