/**
 * Settings > Maintenance > Backup and Restore.
 *
 * A backup is one file holding the store's whole log (backup.ts), gzip
 * compressed, made as the log is read (one doc at a time in memory; the file
 * itself is kept by the browser as a Blob, which it spills to disk).
 *
 * A restore makes a store of its own on this device from the file: its log
 * written as it is read, then its projection rebuilt from that log, then the
 * device switches to it. A file that is not a backup, of a newer version,
 * or damaged anywhere, is refused with the reason, and whatever was written
 * of it is removed: nothing is left. A backup of a store this device already
 * holds is restored beside it, as a new store, never into it.
 */
import Dexie from 'dexie';
import { backupChunks, restoreChunks } from '$lib/ledger/backup';
import { BackupError, type BackupHeader } from '$lib/ledger/backup-format';
import { newStoreId } from '$lib/ledger/device-registry';
import { IdbLogStore, logDatabaseName } from '$lib/ledger/idb-log-store';
import { Ledger } from '$lib/ledger/ledger';
import type { LogStore } from '$lib/ledger/log-store';
import { UnitrackDb } from '$lib/store/db';
import { rebuildFromLog } from './rebuild';
import type { StartupProgress } from './startup';
import { projectionName, type StoreDirectory } from './stores';

export interface BackupFile {
	blob: Blob;
	filename: string;
}

/** The backup of a store, compressed, ready to download. */
export async function makeBackup(
	store: LogStore,
	name: string,
	progress: (done: number, total: number) => void = () => {}
): Promise<BackupFile> {
	const parts: Blob[] = [];
	for await (const chunk of backupChunks(store, name, progress))
		parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
	const compressed = new Blob(parts).stream().pipeThrough(new CompressionStream('gzip'));
	const blob = await new Response(compressed).blob();
	const date = new Date().toISOString().slice(0, 10);
	const safe = name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'store';
	return { blob, filename: `unitrack-${safe}-${date}.unitrack-backup` };
}

export type RestoreResult =
	{ ok: true; storeId: string; name: string } | { ok: false; error: string };

/** Restores a backup file as a store of this device, and makes it the current store. */
export async function restoreBackup(
	file: Blob,
	stores: StoreDirectory,
	progress: StartupProgress
): Promise<RestoreResult> {
	let created: { id: string; log: IdbLogStore } | null = null;
	const title = 'Restoring the backup: reading the file';
	try {
		const stream = file.stream().pipeThrough(new DecompressionStream('gzip'));
		const restored = await restoreChunks(
			stream,
			async (header: BackupHeader) => {
				const id = (await stores.get(header.store.id)) ? newStoreId() : header.store.id;
				const log = new IdbLogStore(id);
				created = { id, log };
				return log;
			},
			(done, total) => progress.report({ title, done, total: Math.max(total, done) }),
			file.size
		);
		const { id, log } = created!;
		const name =
			restored.header.store.name + (id === restored.header.store.id ? '' : ' (restored)');
		const record = await stores.create(name, null, id);
		const ledger = await Ledger.open(log, { device: await stores.registry.device() });
		const tables = new UnitrackDb(projectionName(record));
		await rebuildFromLog(tables, ledger, (done, total) =>
			progress.report({ title: 'Restoring the backup: rebuilding the stock lists', done, total })
		);
		tables.close();
		ledger.close();
		await stores.switchTo(id);
		return { ok: true, storeId: id, name };
	} catch (error) {
		// Nothing of a refused or failed restore is left behind.
		const held = created as { id: string; log: IdbLogStore } | null;
		if (held) {
			held.log.close();
			await Dexie.delete(logDatabaseName(held.id));
			const record = await stores.get(held.id);
			if (record) {
				await Dexie.delete(projectionName(record));
				await stores.registry.removeStore(held.id);
			}
		}
		if (error instanceof BackupError) return { ok: false, error: error.message };
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, error: `The backup could not be restored: ${message}` };
	} finally {
		progress.report(null);
	}
}
