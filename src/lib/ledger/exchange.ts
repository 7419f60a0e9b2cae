/**
 * For tests: two ledgers meet and exchange everything each lacks, doc by
 * doc, as the sync protocol would, without a network.
 */
import * as Y from 'yjs';
import type { Ledger } from './ledger';

export async function exchange(a: Ledger, b: Ledger): Promise<void> {
	const names = new Set([
		...a.heldDocs().keys(),
		...b.heldDocs().keys(),
		a.currentPeriod,
		b.currentPeriod
	]);
	for (const name of names) {
		const [docA, docB] = await Promise.all([a.acquire(name), b.acquire(name)]);
		Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)), 'peer');
		Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)), 'peer');
		a.release(name);
		b.release(name);
	}
	await Promise.all([a.settled(), b.settled()]);
}
