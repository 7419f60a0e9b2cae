/**
 * Repair tickets: saving the ticket (the whole ticket, last writer wins),
 * adding parts from Product/Service, removing them (their units back to
 * stock), and completing and charging the ticket through the POS sale. The
 * exact units of serialised parts are attached in ticket-units.ts.
 * Each function returns what happened; the screen decides what to show.
 */
import { formatMinor, type DraftSale } from '$lib/domain/cart';
import { deviceCode } from '$lib/domain/serial-generate';
import { canMoveTicket, TICKET_STATUS_LABELS, ticketChargeProblems } from '$lib/domain/ticket';
import type {
	Customer,
	NewEvent,
	PaymentMethod,
	TicketPart,
	TicketStatus
} from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import type { ProductRow } from '$lib/store/db';
import { completeSale, type SaleResult } from './pos';
import { appendNumbered } from './numbered';
import type { Runtime } from './runtime';

/** The ticket as the person has it on screen. */
export interface TicketDraft {
	ticketId: string;
	customer: Customer;
	deviceDescription: string;
	deviceSerial: string;
	problem: string;
	status: TicketStatus;
	parts: TicketPart[];
}

export type TicketResult =
	{ ok: true; draft: TicketDraft; message: string } | { ok: false; errors: string[] };

const COUNTER_KEY = 'ticketCounter';
const MAX_QUANTITY = 10_000;

/** The ticket's save event, or why it cannot be saved. */
export async function prepareSave(
	rt: Runtime,
	draft: TicketDraft,
	saleId: string | null = null,
	counter = 0
): Promise<{ ok: true; event: NewEvent } | { ok: false; errors: string[] }> {
	const held = await rt.db.tickets.get(draft.ticketId);
	const errors: string[] = [];
	if (held?.saleId)
		errors.push(`Ticket ${held.ticketNo} is charged and collected: it cannot change any more.`);
	// Charging collects the ticket from whatever step it is at.
	else if (held && !saleId && !canMoveTicket(held.status, draft.status))
		errors.push(
			`The status cannot go from ${TICKET_STATUS_LABELS[held.status]} to ${TICKET_STATUS_LABELS[draft.status]}: move one step at a time.`
		);
	if (draft.status === 'collected' && !saleId)
		errors.push('A ticket becomes Collected when it is charged: use Complete and charge.');
	draft.parts.forEach((part, i) => {
		const q = part.quantity;
		if (!Number.isInteger(q) || q < 1 || q > MAX_QUANTITY)
			errors.push(
				`Line ${i + 1} (${part.name}): quantity must be a whole number from 1 to ${MAX_QUANTITY}.`
			);
	});
	if (errors.length > 0) return { ok: false, errors };
	const ticketNo = held?.ticketNo ?? ticketNumber(rt, counter + 1);
	return {
		ok: true,
		event: {
			type: 'ticket.saved',
			ticketId: draft.ticketId,
			ticketNo,
			customer: {
				name: draft.customer.name.trim(),
				phone: draft.customer.phone.trim(),
				email: draft.customer.email.trim()
			},
			deviceDescription: draft.deviceDescription.trim(),
			deviceSerial: draft.deviceSerial.trim(),
			problem: draft.problem.trim(),
			status: draft.status,
			parts: draft.parts.map((p) => ({ ...p, serials: [...p.serials] })),
			saleId
		}
	};
}

function ticketNumber(rt: Runtime, n: number): string {
	return `T-${deviceCode(rt.ledger.device)}-${String(n).padStart(6, '0')}`;
}

/**
 * Saves the ticket as it stands, with `before` (unit changes) in the same
 * append. A new ticket takes its number in that append (numbered.ts).
 */
export async function saveTicket(
	rt: Runtime,
	draft: TicketDraft,
	message = 'Ticket saved.',
	before: NewEvent[] = []
): Promise<TicketResult> {
	const isNew = !(await rt.db.tickets.get(draft.ticketId));
	return appendNumbered<TicketResult>(rt, COUNTER_KEY, isNew ? 1 : 0, async (counter) => {
		const prepared = await prepareSave(rt, draft, null, counter);
		if (!prepared.ok) return { refused: prepared };
		return { events: [...before, prepared.event], result: { ok: true, draft, message } };
	});
}

/** Why a product cannot be a part of a ticket, or null. */
export function partProblem(product: Pick<ProductRow, 'name' | 'components'>): string | null {
	return product.components?.length
		? `${product.name} is a bundle: bundles are sold at the POS. Add its parts here.`
		: null;
}

/** A new line of `product`, one of it, no unit attached yet. */
export function newPart(product: ProductRow): TicketPart {
	return {
		lineId: newId(),
		productId: product.id,
		name: product.name,
		serialised: product.serialised,
		unitPrice: product.price,
		quantity: 1,
		serials: [],
		customerWarrantyDays: product.customerWarrantyDays
	};
}

/**
 * Adds a product or service from Product/Service; a serialised one waits for
 * its unit (the result's `lineId` names its line, for its serial panel).
 */
export async function addPart(
	rt: Runtime,
	draft: TicketDraft,
	product: ProductRow
): Promise<TicketResult & { lineId?: string }> {
	const problem = partProblem(product);
	if (problem) return { ok: false, errors: [problem] };
	const same = draft.parts.find((p) => p.productId === product.id && !p.serialised);
	const line = same ? { ...same, quantity: same.quantity + 1 } : newPart(product);
	const parts = same ? draft.parts.map((p) => (p === same ? line : p)) : [...draft.parts, line];
	const hint = product.serialised ? ' Choose, type or scan the serial of its unit.' : '';
	const saved = await saveTicket(rt, { ...draft, parts }, `Added ${product.name}.${hint}`);
	return saved.ok ? { ...saved, lineId: line.lineId } : saved;
}

/** The unit changes that put a ticket's units back in stock. */
export const release = (ticketId: string, productId: string, serials: string[]): NewEvent[] =>
	serials.length === 0
		? []
		: [
				{
					type: 'units.changed',
					action: 'release',
					productId,
					serials,
					ref: { kind: 'ticket', id: ticketId },
					note: ''
				}
			];

/** Removes a part line; its units go back to stock. */
export function removePart(rt: Runtime, draft: TicketDraft, lineId: string): Promise<TicketResult> {
	const line = draft.parts.find((p) => p.lineId === lineId);
	if (!line) return Promise.resolve({ ok: false, errors: ['That line is not on the ticket.'] });
	const parts = draft.parts.filter((p) => p !== line);
	const back = line.serials.length > 0 ? ' Its units are back in stock.' : '';
	return saveTicket(
		rt,
		{ ...draft, parts },
		`Removed ${line.name}.${back}`,
		release(draft.ticketId, line.productId, line.serials)
	);
}

/**
 * Completes and charges the ticket: one sale of its parts (the POS sale,
 * so the receipt lists every serial with its customer warranty), the
 * parts' units used on the ticket, and the ticket saved as collected.
 */
export async function chargeTicket(
	rt: Runtime,
	draft: TicketDraft,
	payment: { method: PaymentMethod; amount: string }
): Promise<SaleResult> {
	if (!(await rt.db.tickets.get(draft.ticketId)))
		return { ok: false, errors: ['Save the ticket first.'] };
	if (draft.parts.length === 0)
		return {
			ok: false,
			errors: ['The ticket has nothing to charge: add a product or service from Product/Service.']
		};
	const problems = ticketChargeProblems(draft.parts);
	if (problems.length > 0) return { ok: false, errors: problems };
	const saleId = newId();
	const prepared = await prepareSave(rt, { ...draft, status: 'collected' }, saleId);
	if (!prepared.ok) return prepared;
	const sale: DraftSale = {
		lines: draft.parts.map((p) => ({
			lineId: p.lineId,
			productId: p.productId,
			name: p.name,
			serialised: p.serialised,
			price: formatMinor(p.unitPrice),
			quantity: String(p.quantity),
			serials: [...p.serials],
			customerWarrantyDays: p.customerWarrantyDays,
			bundleLineId: null
		})),
		customer: draft.customer,
		paymentMethod: payment.method,
		paymentAmount: payment.amount
	};
	return completeSale(rt, draft.ticketId, sale, {
		ticketId: draft.ticketId,
		saleId,
		also: [prepared.event]
	});
}
