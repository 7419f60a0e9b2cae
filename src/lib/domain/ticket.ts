/**
 * Repair ticket rules: the status steps, and what a ticket needs before it
 * can be completed and charged (every serialised part has its exact unit).
 */

import { isLater, type Stamp } from './stamp';
import { TICKET_STATUSES, type TicketStatus } from './types';

export { TICKET_STATUSES, type TicketStatus };

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	ready: 'Ready',
	collected: 'Collected'
};

/** Forward one step at a time, or back (work reopened); never out of Collected. */
export function canMoveTicket(from: TicketStatus, to: TicketStatus): boolean {
	if (from === to) return true;
	if (from === 'collected') return false;
	const a = TICKET_STATUSES.indexOf(from);
	const b = TICKET_STATUSES.indexOf(to);
	return b < a || b === a + 1;
}

export interface TicketPartLine {
	name: string;
	serialised: boolean;
	quantity: number;
	serials: string[];
}

/** Why the ticket cannot be completed and charged yet, one message per part line. */
export function ticketChargeProblems(lines: readonly TicketPartLine[]): string[] {
	const problems: string[] = [];
	lines.forEach((line, i) => {
		if (line.serialised && line.serials.length !== line.quantity) {
			problems.push(
				`Line ${i + 1} (${line.name}): attach ${line.quantity - line.serials.length} more unit${line.quantity - line.serials.length === 1 ? '' : 's'} with the Serialized button.`
			);
		}
	});
	return problems;
}

/** A ticket save as the projection keeps it: its clock and event id. */
export type SaveStamp = Stamp;

/**
 * Last writer wins: whether save `a` replaces the held save `b`. Clock
 * order, ties broken by event id, so the result is the same in any order.
 */
export function isNewerSave(a: SaveStamp, b: SaveStamp | null | undefined): boolean {
	return isLater(a, b);
}
