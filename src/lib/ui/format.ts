/** Display formats used on every screen. */
const money = new Intl.NumberFormat(undefined, {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatMoney = (minor: number | null | undefined): string =>
	minor === null || minor === undefined ? '—' : money.format(minor / 100);
export const formatDay = (ms: number | null | undefined): string => (ms ? day.format(ms) : '—');
export const formatMoment = (ms: number | null | undefined): string =>
	ms ? moment.format(ms) : '—';
export const formatCount = (n: number): string => n.toLocaleString('en');
export const plural = (n: number, one: string, many = `${one}s`): string =>
	`${formatCount(n)} ${n === 1 ? one : many}`;

/** The unit page's address; serials may hold any printable character, so they travel as a query. */
export function unitHref(productId: string, serial: string): string {
	return `/unit?product=${encodeURIComponent(productId)}&serial=${encodeURIComponent(serial)}`;
}
