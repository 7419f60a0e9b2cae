/**
 * The browser's locale and time zone for the e2e suite, taken from the
 * environment the way the machine's own programs take theirs: LC_ALL, then
 * LANG (`de_DE.UTF-8` → `de-DE`), and TZ (`Pacific/Chatham`). Unset, C or
 * POSIX means en-US and UTC. playwright.config.ts gives them to every
 * context, and specs compute what the app shows (dates, money) in the same
 * locale and zone, so the suite passes on any machine.
 *
 * Money the specs type is digits, a point and two decimals, never grouped
 * ('4.50', '799.00'): that reads the same in every locale (a grouping point
 * or comma has three digits after it), and the app's parser takes it.
 */

/** A POSIX locale name (`de_DE.UTF-8`, `pt_BR@euro`) as a BCP 47 tag, or null for C/POSIX/unset. */
export function localeFromPosix(value: string | undefined): string | null {
	const name = value?.trim().split(/[.@]/)[0] ?? '';
	if (name === '' || name === 'C' || name === 'POSIX') return null;
	try {
		return Intl.getCanonicalLocales(name.replace(/_/g, '-'))[0] ?? null;
	} catch {
		return null;
	}
}

/** An IANA zone from TZ (`Pacific/Chatham`, `:Europe/Berlin`), or null when unset or unknown. */
export function zoneFromTz(value: string | undefined): string | null {
	const zone = value?.trim().replace(/^:/, '') ?? '';
	if (zone === '' || zone.startsWith('/')) return null;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

export const LOCALE =
	localeFromPosix(process.env.LC_ALL) ?? localeFromPosix(process.env.LANG) ?? 'en-US';
export const TIME_ZONE = zoneFromTz(process.env.TZ) ?? 'UTC';

const MONEY = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DAY = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: TIME_ZONE });
const MOMENT = new Intl.DateTimeFormat(LOCALE, {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: TIME_ZONE
});
const MINUTE_MS = 60_000;

/** An amount (in cents) as the app shows it (src/lib/ui/format.ts, the browser's locale). */
export function shownMoney(minor: number): string {
	return MONEY.format(minor / 100);
}

/** A day as the app shows it, in the browser's locale and zone. */
export function shownDay(ms: number): string {
	return DAY.format(ms);
}

/** A moment (day and time to the minute) as the app shows it, in the browser's locale and zone. */
export function shownMoment(ms: number): string {
	return MOMENT.format(ms);
}

/**
 * `text` as a regex source that matches it, any run of white space as any
 * other (Node's ICU and the browser's may put a no-break space where the
 * other has a space, as before "PM").
 */
export function literal(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** The moments (to the minute) between `from` and `to` as the app can show them, as a regex source. */
export function momentPattern(from: number, to: number): string {
	const shown = new Set<string>();
	for (let t = Math.floor(from / MINUTE_MS) * MINUTE_MS; t <= to; t += MINUTE_MS) {
		shown.add(shownMoment(t));
	}
	shown.add(shownMoment(to));
	return `(?:${[...shown].map(literal).join('|')})`;
}

/**
 * Any day as the app shows it, as a regex source: this locale's medium date
 * with each run of digits, and each word (with its abbreviation's dot), left
 * open (`Dec 5, 2026` gives `[^\s\d,]+\s+\d+,\s+\d+`; `05.12.2026` gives `\d+\.\d+\.\d+`).
 */
export const ANY_DAY = [
	...shownDay(Date.UTC(2026, 11, 5, 12)).matchAll(/(\d+)|(\p{L}+\.?)|([^]+?)/gu)
]
	.map(([, digits, word, other]) => (digits ? '\\d+' : word ? '[^\\s\\d,]+' : literal(other ?? '')))
	.join('');
