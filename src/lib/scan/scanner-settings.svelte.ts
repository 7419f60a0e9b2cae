/**
 * Scanner settings of this device (a shop's counter PC and its phones have
 * different scanners), kept in localStorage. Reactive: the settings page
 * binds to them and the sources read them on every scan.
 *
 * To add a setting: a field here, its default and check in `normalise`, and
 * it is loaded and saved with the rest.
 */
import {
	DEFAULT_WEDGE_SETTINGS,
	normaliseWedgeSettings,
	type WedgeSettings
} from './wedge-settings';
import { DEFAULT_DECODER } from './camera/decoder-choice';

/** Which camera decoder to use (see the camera scanner). */
export type CameraDecoder = 'zxing' | 'detector';

interface StoredSettings {
	wedge: WedgeSettings;
	decoder: CameraDecoder;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const SCANNER_SETTINGS_KEY = 'unitrack.scanner-settings';

function normalise(value: unknown): StoredSettings {
	const v = (value && typeof value === 'object' ? value : {}) as Partial<
		Record<keyof StoredSettings, unknown>
	>;
	return {
		wedge: normaliseWedgeSettings(v.wedge as Partial<WedgeSettings> | undefined),
		decoder: v.decoder === 'zxing' || v.decoder === 'detector' ? v.decoder : DEFAULT_DECODER
	};
}

export class ScannerSettings {
	#current = $state<StoredSettings>(normalise(null));

	/** `storage` is null where there is none (tests, private modes that throw). */
	constructor(
		private readonly storage: KeyValueStore | null,
		private readonly key = SCANNER_SETTINGS_KEY
	) {
		try {
			const raw = storage?.getItem(key);
			if (raw) this.#current = normalise(JSON.parse(raw));
		} catch {
			// Unreadable settings: the defaults serve.
		}
	}

	get wedge(): WedgeSettings {
		return this.#current.wedge;
	}

	get decoder(): CameraDecoder {
		return this.#current.decoder;
	}

	set decoder(decoder: CameraDecoder) {
		this.#save({ ...this.#current, decoder });
	}

	/** Changes some wedge settings; out-of-range values are brought within bounds. */
	setWedge(patch: Partial<WedgeSettings>): void {
		this.#save({
			...this.#current,
			wedge: normaliseWedgeSettings({ ...this.#current.wedge, ...patch })
		});
	}

	resetWedge(): void {
		this.#save({ ...this.#current, wedge: { ...DEFAULT_WEDGE_SETTINGS } });
	}

	#save(next: StoredSettings) {
		this.#current = normalise(next);
		try {
			this.storage?.setItem(this.key, JSON.stringify(this.#current));
		} catch {
			// Storage full or refused: the settings still apply until the page closes.
		}
	}
}

/** The browser's localStorage where there is one (null when refused or missing). */
export function browserStorage(): KeyValueStore | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
