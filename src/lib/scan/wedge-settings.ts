/**
 * The keyboard-wedge settings of a device and their defaults; why the
 * defaults are what they are is in wedge-detector.ts.
 */

export interface WedgeSettings {
	/** The longest gap between two keys that counts as fast (most gaps of a scan are). */
	maxKeyGapMs: number;
	/** The fewest characters of a scan, after stripping prefix and suffix. */
	minLength: number;
	/** Characters the scanner sends before every code (stripped when present). */
	prefix: string;
	/** Characters the scanner sends after every code, before the terminator (stripped when present). */
	suffix: string;
	/** Enter ends a scan. */
	endWithEnter: boolean;
	/** Tab ends a scan. */
	endWithTab: boolean;
	/**
	 * The character the scanner types for a GS1 code's FNC1 / GS separator,
	 * when it is set to send one (many offer '~', '^' or '|'); '' when it
	 * sends GS itself (as Ctrl+]). Read as GS only in a GS1 code: one that
	 * starts with a GS1 symbology identifier (]d2, ]C1, ]Q3 …) or with this
	 * character (FNC1 in first position).
	 */
	groupSeparator: string;
}

export const DEFAULT_WEDGE_SETTINGS: Readonly<WedgeSettings> = Object.freeze({
	maxKeyGapMs: 40,
	minLength: 4,
	prefix: '',
	suffix: '',
	endWithEnter: true,
	endWithTab: true,
	groupSeparator: ''
});

/** Keeps settings from storage or a form within sensible bounds. */
export function normaliseWedgeSettings(
	value: Partial<WedgeSettings> | null | undefined
): WedgeSettings {
	const v = { ...DEFAULT_WEDGE_SETTINGS, ...(value ?? {}) };
	const whole = (n: unknown, min: number, max: number, fallback: number) =>
		typeof n === 'number' && Number.isFinite(n)
			? Math.min(max, Math.max(min, Math.round(n)))
			: fallback;
	return {
		maxKeyGapMs: whole(v.maxKeyGapMs, 5, 200, DEFAULT_WEDGE_SETTINGS.maxKeyGapMs),
		minLength: whole(v.minLength, 1, 64, DEFAULT_WEDGE_SETTINGS.minLength),
		prefix: typeof v.prefix === 'string' ? v.prefix.slice(0, 16) : '',
		suffix: typeof v.suffix === 'string' ? v.suffix.slice(0, 16) : '',
		// With neither, nothing could ever end a scan.
		endWithEnter: v.endWithEnter !== false || v.endWithTab === false,
		endWithTab: v.endWithTab !== false,
		// One printable ASCII character, or none.
		groupSeparator:
			typeof v.groupSeparator === 'string' && /^[\x21-\x7e]$/.test(v.groupSeparator)
				? v.groupSeparator
				: ''
	};
}
