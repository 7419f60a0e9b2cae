/**
 * The store's settings: an event, so every device of the store gets them;
 * each field is last-writer-wins by clock (see catalog.ts mergeFields).
 */
import type { SettingsFields } from '$lib/domain/types';
import { storeSettings } from '$lib/store/settings-queries';
import type { Runtime } from './runtime';

/** Saves the given settings and returns them as they now stand on this device. */
export async function saveStoreSettings(
	rt: Runtime,
	fields: Partial<SettingsFields>
): Promise<SettingsFields> {
	await rt.ledger.append([{ type: 'settings.upserted', fields: { ...fields } }]);
	return storeSettings(rt.db);
}
