/**
 * The unit state machine. A unit's state is the fold of its facts in clock
 * order, so every device that holds the same facts computes the same state,
 * whatever order the facts arrived in.
 *
 *   (none) --received--> in_stock --reserve--> reserved --sell--> sold
 *   in_stock|reserved --use--> used (fitted on a repair ticket)
 *   sold|used --return--> returned --restock--> in_stock
 *   returned|in_stock --mark_faulty--> faulty --send_rma--> rma --restock--> in_stock
 *   in_stock|reserved|returned|faulty --quarantine--> quarantined --unquarantine--> in_stock
 *   in_stock|returned|faulty|rma|quarantined --write_off--> written_off
 *   any --resolved--> the state a manager decided
 *
 * A fact that is not allowed from the current state (sold twice, received
 * twice) changes nothing and is reported as a conflict: it is never dropped.
 */
import { compareHlc } from './hlc';
import type { UnitAction, UnitConflict, UnitFact, UnitStatus } from './types';

export interface UnitHolder {
	kind: string;
	id: string;
	device: string;
}

export interface UnitFold {
	status: UnitStatus | null;
	/** The receipt the unit came in on (the earliest one). */
	receiptId: string | null;
	/**
	 * The event of the received fact the fold applied: the unit's supplier,
	 * receipt date, warranty and cost come from that event.
	 */
	receiptEventId: string | null;
	/** Who holds the unit while it is reserved, sold or used. */
	holder: UnitHolder | null;
	conflicts: UnitConflict[];
}

const FROM: Record<UnitAction, readonly UnitStatus[]> = {
	reserve: ['in_stock'],
	release: ['reserved'],
	sell: ['in_stock', 'reserved'],
	use: ['in_stock', 'reserved'],
	return: ['sold', 'used'],
	restock: ['returned', 'faulty', 'rma'],
	mark_faulty: ['in_stock', 'returned'],
	send_rma: ['faulty'],
	quarantine: ['in_stock', 'reserved', 'returned', 'faulty'],
	unquarantine: ['quarantined'],
	write_off: ['in_stock', 'returned', 'faulty', 'rma', 'quarantined']
};

const TO: Record<UnitAction, UnitStatus> = {
	reserve: 'reserved',
	release: 'in_stock',
	sell: 'sold',
	use: 'used',
	return: 'returned',
	restock: 'in_stock',
	mark_faulty: 'faulty',
	send_rma: 'rma',
	quarantine: 'quarantined',
	unquarantine: 'in_stock',
	write_off: 'written_off'
};

export const STATUS_LABELS: Record<UnitStatus, string> = {
	in_stock: 'In stock',
	reserved: 'Reserved',
	sold: 'Sold',
	used: 'Used on ticket',
	returned: 'Returned',
	faulty: 'Faulty',
	rma: 'RMA',
	quarantined: 'Quarantined',
	written_off: 'Written off'
};

export const FACT_LABELS: Record<UnitFact['kind'], string> = {
	received: 'Received',
	reserve: 'Reserved',
	release: 'Released',
	sell: 'Sold',
	use: 'Used on ticket',
	return: 'Returned',
	restock: 'Back to stock',
	mark_faulty: 'Marked faulty',
	send_rma: 'Sent for RMA',
	quarantine: 'Quarantined',
	unquarantine: 'Released from quarantine',
	write_off: 'Written off',
	resolved: 'Conflict resolved'
};

/** Clock order, ties broken by event id, so the order is total. */
export function compareFacts(a: UnitFact, b: UnitFact): number {
	return compareHlc(a.at, b.at) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export function canApply(status: UnitStatus | null, kind: UnitFact['kind']): boolean {
	if (kind === 'resolved') return true;
	if (kind === 'received') return status === null;
	return status !== null && FROM[kind].includes(status);
}

function refusal(status: UnitStatus | null, fact: UnitFact, holder: UnitHolder | null): string {
	const what = FACT_LABELS[fact.kind].toLowerCase();
	if (status === null) return `${what} before it was received`;
	const where = holder ? ` (${holder.kind} ${holder.id}, device ${holder.device})` : '';
	if (fact.kind === 'received')
		return `received again while ${STATUS_LABELS[status].toLowerCase()}${where}`;
	if (canApply(status, fact.kind) && fact.expected !== undefined && fact.expected !== status) {
		const saw = STATUS_LABELS[fact.expected].toLowerCase();
		return `${what} on device ${fact.device}, which saw it ${saw}, while another device had made it ${STATUS_LABELS[status].toLowerCase()}${where}`;
	}
	return `${what} while ${STATUS_LABELS[status].toLowerCase()}${where}`;
}

export function foldUnit(productId: string, serial: string, facts: readonly UnitFact[]): UnitFold {
	const ordered = [...facts].sort(compareFacts);
	let status: UnitStatus | null = null;
	let receiptId: string | null = null;
	let receiptEventId: string | null = null;
	let holder: UnitHolder | null = null;
	const conflicts: UnitConflict[] = [];
	const seen = new Set<string>();

	for (const fact of ordered) {
		// The same event delivered twice is one fact.
		if (seen.has(fact.eventId)) continue;
		seen.add(fact.eventId);

		const takenByOther =
			status === 'reserved' &&
			holder !== null &&
			(fact.kind === 'reserve' || fact.kind === 'sell' || fact.kind === 'use') &&
			holder.id !== fact.refId;
		const releaseOfOther = fact.kind === 'release' && holder !== null && holder.id !== fact.refId;

		if (fact.kind === 'release' && (status !== 'reserved' || releaseOfOther)) {
			// Releasing a unit that is no longer held by that cart is harmless:
			// the sale or another holder already moved it on.
			continue;
		}
		if (fact.kind === 'reserve' && status === 'reserved' && holder?.id === fact.refId) continue;

		// Decided on a device that saw the unit in another status: both devices
		// changed it while apart, and the later change must not silently win.
		const stale = fact.expected !== undefined && fact.expected !== status;

		if (!canApply(status, fact.kind) || takenByOther || stale) {
			conflicts.push({
				id: `${productId}|${serial}|${fact.eventId}`,
				productId,
				serial,
				eventId: fact.eventId,
				at: fact.at,
				device: fact.device,
				kind: fact.kind,
				fromStatus: status,
				reason: refusal(status, fact, holder)
			});
			continue;
		}

		if (fact.kind === 'received') {
			status = 'in_stock';
			receiptId = fact.refId;
			receiptEventId = fact.eventId;
			holder = null;
		} else if (fact.kind === 'resolved') {
			status = fact.status ?? status;
			holder = null;
		} else {
			status = TO[fact.kind];
			holder =
				status === 'reserved' || status === 'sold' || status === 'used'
					? { kind: fact.refKind ?? 'unknown', id: fact.refId ?? '', device: fact.device }
					: null;
		}
	}
	// A resolution settles the conflicts it names; the rest stay open.
	const resolvedIds = new Set(
		ordered.filter((f) => f.kind === 'resolved' && f.refId).map((f) => f.refId as string)
	);
	return {
		status,
		receiptId,
		receiptEventId,
		holder,
		conflicts: conflicts.filter((c) => !resolvedIds.has(c.id))
	};
}
