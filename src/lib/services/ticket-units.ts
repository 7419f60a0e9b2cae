/**
 * The exact units of a ticket's serialised parts: attaching one (reserved
 * for the ticket, in the same append as the ticket's save) by a scan, a
 * typed serial or a choice from the list, and taking one off (back to stock).
 * A scan with no part's panel open finds its line, or adds the part. A
 * refused attach writes nothing. Each returns what happened; the screen
 * decides what to show.
 */
import { unsellableReason, wrongProductProblem } from '$lib/domain/cart';
import type { NewEvent, TicketPart } from '$lib/domain/types';
import type { UnitRow } from '$lib/store/db';
import { scanMatches } from '$lib/store/queries';
import { holderLabel } from '$lib/store/sale-queries';
import type { Runtime } from './runtime';
import {
	addPart,
	newPart,
	partProblem,
	prepareSave,
	release,
	saveTicket,
	type TicketDraft,
	type TicketResult
} from './ticket';

/** A result that names the line it changed, for the screen to open its serial panel. */
export type TicketLineResult = TicketResult & { lineId?: string };

const refused = (...errors: string[]): TicketResult => ({ ok: false, errors });

/**
 * A scan, a typed serial or a chosen unit on a serialised part's line: the
 * unit must be of that line's product and free; it is reserved for the
 * ticket and the ticket saved, in one append.
 */
export async function attachUnit(
	rt: Runtime,
	draft: TicketDraft,
	lineId: string,
	code: string
): Promise<TicketResult> {
	const line = draft.parts.find((p) => p.lineId === lineId);
	if (!line?.serialised) return refused('Choose a serialised part line first.');
	const prepared = await prepareSave(rt, draft);
	if (!prepared.ok) return prepared;
	const { units, problem, serial } = await scanMatches(rt.db, code);
	if (problem) return refused(problem);
	if (units.length === 0)
		return refused(
			serial
				? `No unit with serial ${serial}: scan or type a serial of ${line.name}.`
				: `That code names a product, not one unit: scan a serial of ${line.name}.`
		);
	const unit = units.find((u) => u.productId === line.productId);
	if (!unit) {
		const other = await rt.db.products.get(units[0]?.productId ?? '');
		return refused(wrongProductProblem(serial, line.name, other?.name ?? null));
	}
	return reserveOnLine(rt, draft, line, unit);
}

/**
 * A scan on the ticket with no part's serial panel open: a unit goes onto
 * its product's serialised line (one still short of units first), or onto
 * a new line of its product; a product's barcode or stock code adds the
 * part. Never anything but the ticket: nothing opens over it.
 */
export async function attachScanned(
	rt: Runtime,
	draft: TicketDraft,
	code: string
): Promise<TicketLineResult> {
	const { units, products, problem, serial } = await scanMatches(rt.db, code);
	if (problem) return refused(problem);
	if (units.length === 0) {
		const [product] = products;
		if (!product) return refused(`No unit, barcode or stock code ${code} on this device.`);
		return addPart(rt, draft, product);
	}
	const short = (productId: string) =>
		draft.parts.find(
			(p) => p.productId === productId && p.serialised && p.serials.length < p.quantity
		);
	const unit =
		units.find((u) => short(u.productId)) ?? units.find((u) => u.status === 'in_stock') ?? units[0];
	if (!unit) return refused(`No unit with serial ${serial}.`);
	const line =
		short(unit.productId) ??
		draft.parts.find((p) => p.productId === unit.productId && p.serialised);
	if (line) return withLine(await reserveOnLine(rt, draft, line, unit), line.lineId);
	const product = await rt.db.products.get(unit.productId);
	if (!product)
		return refused(`Serial ${unit.serial} belongs to a product this device does not know yet.`);
	const problemOfPart = partProblem(product);
	if (problemOfPart) return refused(problemOfPart);
	const part = newPart(product);
	const withPart = { ...draft, parts: [...draft.parts, part] };
	return withLine(await reserveOnLine(rt, withPart, part, unit), part.lineId);
}

function withLine(result: TicketResult, lineId: string): TicketLineResult {
	return result.ok ? { ...result, lineId } : result;
}

async function reserveOnLine(
	rt: Runtime,
	draft: TicketDraft,
	line: TicketPart,
	unit: UnitRow
): Promise<TicketResult> {
	if (
		unit.holder?.kind === 'ticket' &&
		unit.holder.id === draft.ticketId &&
		unit.status === 'reserved'
	)
		return refused(`Serial ${unit.serial} is already on this ticket.`);
	const label = await holderLabel(rt.db, unit.holder);
	const reason = unsellableReason(unit, draft.ticketId, () => label);
	if (reason) return refused(reason);
	const parts = draft.parts.map((p) => {
		if (p.lineId !== line.lineId) return p;
		const serials = [...p.serials, unit.serial];
		return { ...p, serials, quantity: Math.max(p.quantity, serials.length) };
	});
	const reserve: NewEvent = {
		type: 'units.changed',
		action: 'reserve',
		productId: unit.productId,
		serials: [unit.serial],
		ref: { kind: 'ticket', id: draft.ticketId },
		note: '',
		expected: 'in_stock'
	};
	const saved = await saveTicket(
		rt,
		{ ...draft, parts },
		`Attached ${line.name}, serial ${unit.serial}.`,
		[reserve]
	);
	if (!saved.ok) return saved;
	const held = await rt.db.units.get([unit.productId, unit.serial]);
	if (held?.status === 'reserved' && held.holder?.id === draft.ticketId) return saved;
	// Another device's change reached this one first: the reserve is a conflict, and
	// the ticket is saved again without the unit.
	await saveTicket(rt, draft);
	return refused(`Serial ${unit.serial} could not be reserved: another device took it first.`);
}

/** Takes a unit off its line: back to stock, in the same append as the save. */
export function detachUnit(
	rt: Runtime,
	draft: TicketDraft,
	lineId: string,
	serial: string
): Promise<TicketResult> {
	const line = draft.parts.find((p) => p.lineId === lineId);
	if (!line?.serials.includes(serial))
		return Promise.resolve(refused(`Serial ${serial} is not on this line.`));
	const serials = line.serials.filter((s) => s !== serial);
	const parts = draft.parts.map((p) =>
		p === line ? { ...p, serials, quantity: Math.max(1, serials.length) } : p
	);
	return saveTicket(
		rt,
		{ ...draft, parts },
		`Serial ${serial} is off the ticket and back in stock.`,
		release(draft.ticketId, line.productId, [serial])
	);
}
