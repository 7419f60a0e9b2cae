/** The reads of the repair ticket screens. */
import { normaliseKey } from '$lib/domain/catalog';
import type { ProductRow, TicketRow, UnitrackDb } from './db';

/** Tickets newest first; `term` matches a ticket number or the start of a customer's name. */
export async function listTickets(db: UnitrackDb, term: string, limit = 100): Promise<TicketRow[]> {
	const text = term.trim();
	if (!text) return await db.tickets.orderBy('openedAt').reverse().limit(limit).toArray();
	const [byNo, byCustomer] = await Promise.all([
		db.tickets.where('ticketNo').equals(text.toUpperCase()).toArray(),
		db.tickets.where('customerKey').startsWith(normaliseKey(text)).limit(limit).toArray()
	]);
	const all = [...byNo, ...byCustomer.filter((t) => !byNo.some((n) => n.id === t.id))];
	return all.sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1)).slice(0, limit);
}

/** Products and services whose name or stock code starts with `term`, for Product/Service. */
export async function searchProducts(
	db: UnitrackDb,
	term: string,
	limit = 10
): Promise<ProductRow[]> {
	const key = normaliseKey(term);
	if (!key) return [];
	const [byName, byCode] = await Promise.all([
		db.products.where('nameKey').startsWith(key).limit(limit).toArray(),
		db.products.where('stockCodeKey').startsWith(key).limit(limit).toArray()
	]);
	const all = [...byName, ...byCode.filter((p) => !byName.some((n) => n.id === p.id))];
	return all.filter((p) => p.name).slice(0, limit);
}
