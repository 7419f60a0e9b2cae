/**
 * A unit's history as staff read it: each fact's reference by the number
 * they know (receipt reference, sale receipt number, ticket number), with the
 * screen it opens where there is one. Internal ids never show.
 */
import { deviceCode } from '$lib/domain/serial-generate';
import type { UnitFact } from '$lib/domain/types';
import type { UnitrackDb } from './db';

export interface FactReference {
	text: string;
	/** The screen the reference opens, or null where there is none. */
	href: string | null;
}

/** Device id → the name staff gave it (Settings > Sync); the device code otherwise. */
export type DeviceNames = Readonly<Record<string, string>>;

const OTHER_KINDS: Record<string, string> = {
	recall: 'recall',
	rma: 'RMA',
	adjustment: 'adjustment'
};

/**
 * The reference of each fact that has one, by event id. Reads every receipt,
 * sale, ticket and refund the facts name, once each.
 */
export async function factReferences(
	db: UnitrackDb,
	facts: readonly UnitFact[],
	names: DeviceNames = {}
): Promise<Map<string, FactReference>> {
	const idsOf = (kind: UnitFact['refKind']) => [
		...new Set(facts.filter((f) => f.refKind === kind && f.refId).map((f) => f.refId as string))
	];
	const [receipts, tickets, refunds] = await Promise.all([
		rowsById(db.receipts, idsOf('receipt')),
		rowsById(db.tickets, idsOf('ticket')),
		rowsById(db.refunds, idsOf('refund'))
	]);
	const saleIds = [...idsOf('sale'), ...[...refunds.values()].map((r) => r.saleId)];
	const sales = await rowsById(db.sales, [...new Set(saleIds)]);
	const receiptNo = (saleId: string | undefined) =>
		(saleId && sales.get(saleId)?.receiptNo) || null;

	const out = new Map<string, FactReference>();
	for (const fact of facts) {
		const id = fact.refId;
		if (!fact.refKind) continue;
		let ref: FactReference | null = null;
		switch (fact.refKind) {
			case 'receipt': {
				const reference = id ? receipts.get(id)?.reference : undefined;
				ref = {
					text: reference ? `Receipt ${reference}` : 'Receipt (no supplier reference)',
					href: id ? `/receipts/${encodeURIComponent(id)}` : null
				};
				break;
			}
			case 'sale': {
				const no = receiptNo(id ?? undefined);
				ref = no
					? { text: `Sale ${no}`, href: `/refund?sale=${encodeURIComponent(id ?? '')}` }
					: { text: 'a sale not on this device yet', href: null };
				break;
			}
			case 'ticket': {
				const no = id ? tickets.get(id)?.ticketNo : undefined;
				ref = {
					text: no ? `Ticket ${no}` : 'a ticket not on this device yet',
					href: id ? `/tickets/${encodeURIComponent(id)}` : null
				};
				break;
			}
			case 'refund': {
				const saleId = id ? refunds.get(id)?.saleId : undefined;
				const no = receiptNo(saleId);
				ref = no
					? {
							text: `Refund of sale ${no}`,
							href: `/refund?sale=${encodeURIComponent(saleId ?? '')}`
						}
					: { text: 'a refund', href: null };
				break;
			}
			case 'cart': {
				const device = names[fact.device] ?? deviceCode(fact.device);
				const where = fact.kind === 'release' ? 'from' : 'in';
				ref = { text: `${where} a cart on device ${device}`, href: null };
				break;
			}
			case 'conflict':
				ref = { text: 'Conflicts', href: '/conflicts' };
				break;
			default:
				ref = { text: OTHER_KINDS[fact.refKind] ?? fact.refKind, href: null };
		}
		out.set(fact.eventId, ref);
	}
	return out;
}

async function rowsById<R>(
	table: { bulkGet(keys: string[]): Promise<(R | undefined)[]> },
	ids: string[]
): Promise<Map<string, R>> {
	if (ids.length === 0) return new Map();
	const rows = await table.bulkGet(ids);
	const out = new Map<string, R>();
	ids.forEach((id, i) => {
		const row = rows[i];
		if (row !== undefined) out.set(id, row);
	});
	return out;
}
