/** The reads of the store's settings (Settings and the POS). */
import { DEFAULT_SETTINGS, SETTINGS_ID } from '$lib/domain/catalog';
import type { SettingsFields } from '$lib/domain/types';
import type { UnitrackDb } from './db';

/** The store's settings, the defaults where nobody has set them yet. */
export async function storeSettings(db: UnitrackDb): Promise<SettingsFields> {
	const row = await db.settings.get(SETTINGS_ID);
	return {
		customerRequiredForSerialised:
			row?.customerRequiredForSerialised ?? DEFAULT_SETTINGS.customerRequiredForSerialised
	};
}
