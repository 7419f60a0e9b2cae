import { describe, expect, it } from 'vitest';
import type { NewEvent } from '$lib/domain/types';
import { backupChunks, restoreChunks } from './backup';
import { BackupError, crc32 } from './backup-format';
import { Ledger } from './ledger';
import { MemoryLogStore } from './memory-log-store';

const receipt = (serial: string): NewEvent => ({
	type: 'stock.received',
	receiptId: `r-${serial}`,
	productId: 'p1',
	supplierId: 's1',
	reference: '',
	unitCost: null,
	warrantyDays: 30,
	method: 'manual',
	serials: [serial]
});

async function storeOverMonths(): Promise<MemoryLogStore> {
	const store = new MemoryLogStore('shop');
	let now = Date.UTC(2026, 0, 5);
	const ledger = await Ledger.open(store, { device: 'dev1', now: () => now });
	for (let i = 0; i < 90; i++) {
		await ledger.append([receipt(`S${i}`)], { counters: { saleCounter: { from: i, to: i + 1 } } });
		now += 2 * 24 * 60 * 60 * 1000;
	}
	ledger.close();
	return store;
}

async function fileOf(store: MemoryLogStore): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	for await (const chunk of backupChunks(store, 'Main Street')) parts.push(chunk);
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const streamOf = (bytes: Uint8Array, chunk = 777) =>
	new ReadableStream<Uint8Array>({
		start(controller) {
			for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
			controller.close();
		}
	});

async function eventsOf(store: MemoryLogStore): Promise<unknown[]> {
	const ledger = await Ledger.open(store, { device: 'dev2', now: () => Date.UTC(2026, 6, 1) });
	const out: unknown[] = [];
	for await (const batch of ledger.history()) out.push(...batch);
	ledger.close();
	return out;
}

describe('backup and restore', () => {
	it('round-trips every period of the log and its counters', async () => {
		const store = await storeOverMonths();
		const file = await fileOf(store);
		const target = new MemoryLogStore('restored');
		const { header, rows } = await restoreChunks(streamOf(file), async () => target);
		expect(header.store).toEqual({ id: 'shop', name: 'Main Street' });
		expect(header.events).toBe(90);
		expect(rows).toBe(store.rows.length);
		expect(await eventsOf(target)).toEqual(await eventsOf(store));
		// The restored log knows what it holds (its size and fingerprint come from this).
		const summaries = async (s: MemoryLogStore) =>
			(await s.summaries()).map(({ doc, sv }) => [doc, [...sv]]).sort();
		expect(await summaries(target)).toEqual(await summaries(store));
		expect(await target.counter('saleCounter')).toBe(90);
		expect(new Set(target.rows.map((r) => r.doc)).size).toBeGreaterThanOrEqual(6);
		expect(await target.pending()).toEqual([]);
	});

	it('refuses a damaged, cut, foreign or newer file, each with its reason', async () => {
		const file = await fileOf(await storeOverMonths());
		const refuse = async (bytes: Uint8Array) => {
			try {
				await restoreChunks(streamOf(bytes), async () => new MemoryLogStore());
				return 'restored';
			} catch (error) {
				expect(error).toBeInstanceOf(BackupError);
				return (error as Error).message;
			}
		};
		const flipped = file.slice();
		flipped[Math.floor(file.length / 2)]! ^= 0x55;
		expect(await refuse(flipped)).toMatch(/damaged|cut short/);
		expect(await refuse(file.slice(0, file.length - 10))).toMatch(/cut short/);
		expect(await refuse(new TextEncoder().encode('id,name\n1,Phone\n'))).toMatch(
			/not a Unitrack backup|cut short/
		);
		expect(await refuse(new Uint8Array())).toMatch(/empty/);
		// A header from a newer version (with a valid checksum).
		const header = new TextEncoder().encode(
			JSON.stringify({ format: 'unitrack-backup', version: 99, store: { id: 'x', name: 'x' } })
		);
		const record = new Uint8Array(4 + 1 + header.length + 4);
		const view = new DataView(record.buffer);
		view.setUint32(0, header.length);
		record[4] = 1;
		record.set(header, 5);
		view.setUint32(5 + header.length, crc32(record.subarray(4, 5 + header.length)));
		expect(await refuse(record)).toMatch(/newer version/);
	});
});
