/** Display formats used on every screen. */
const money = new Intl.NumberFormat(undefined, {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const isoDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatMoney = (minor: number | null | undefined): string =>
	minor === null || minor === undefined ? '—' : money.format(minor / 100);
export const formatDay = (ms: number | null | undefined): string => (ms ? day.format(ms) : '—');
/** A calendar date 'YYYY-MM-DD' (a lot's expiry) in the reader's locale; no time zone shifts it. */
export const formatIsoDay = (iso: string | null | undefined): string => {
	const m = iso ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso) : null;
	return m ? isoDay.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : '—';
};
/** Today (or `date`) as 'YYYY-MM-DD' in the device's calendar. */
export const localIsoDay = (date: Date): string =>
	`${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
export const formatMoment = (ms: number | null | undefined): string =>
	ms ? moment.format(ms) : '—';
export const formatCount = (n: number): string => n.toLocaleString('en');
export const plural = (n: number, one: string, many = `${one}s`): string =>
	`${formatCount(n)} ${n === 1 ? one : many}`;

/** The unit page's address; serials may hold any printable character, so they travel as a query. */
export function unitHref(productId: string, serial: string): string {
	return `/unit?product=${encodeURIComponent(productId)}&serial=${encodeURIComponent(serial)}`;
}
