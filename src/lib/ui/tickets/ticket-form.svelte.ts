/**
 * The ticket on the Ticket screen, as the person fills it in. The ticket
 * row (the last save) fills it once; every save replaces it with what was
 * saved. Payment is only the form: charging writes the sale.
 */
import type { PaymentMethod } from '$lib/domain/types';
import type { TicketDraft } from '$lib/services/ticket';
import type { TicketRow } from '$lib/store/db';

export class TicketForm {
	draft = $state<TicketDraft>();
	paymentMethod = $state<PaymentMethod>('cash');
	paymentAmount = $state('');

	total = $derived(this.draft?.parts.reduce((sum, p) => sum + p.unitPrice * p.quantity, 0) ?? 0);

	constructor(readonly ticketId: string) {}

	/** Fills the form from the saved ticket, or blank for a new one; once. */
	load(row: TicketRow | undefined): void {
		if (this.draft) return;
		this.draft = {
			ticketId: this.ticketId,
			customer: { ...(row?.customer ?? { name: '', phone: '', email: '' }) },
			deviceDescription: row?.deviceDescription ?? '',
			deviceSerial: row?.deviceSerial ?? '',
			problem: row?.problem ?? '',
			status: row?.status ?? 'open',
			parts: (row?.parts ?? []).map((p) => ({ ...p, serials: [...p.serials] }))
		};
	}

	/** A copy to hand to a service (no reactive proxies in events). */
	snapshot(): TicketDraft | null {
		return this.draft ? $state.snapshot(this.draft) : null;
	}
}
