// Repair tickets in the store history (event-stream.js), as services/ticket.ts
// and the POS append them.
import { HOUR_MS, KINDS } from './stream-common.js';

/**
 * @typedef {import('./event-stream.js').History} History
 * @typedef {import('./event-stream.js').SerialProduct} SerialProduct
 * @typedef {import('./event-stream.js').RecentSale} RecentSale
 * @typedef {import('./event-stream.js').Device} Device
 * @typedef {import('../../src/lib/domain/types').LedgerEvent} LedgerEvent
 * @typedef {import('../../src/lib/domain/types').NewEvent} NewEvent
 * @typedef {import('../../src/lib/domain/types').SaleLine} SaleLine
 * @typedef {import('../../src/lib/domain/types').RefundLine} RefundLine
 * @typedef {import('../../src/lib/domain/types').TicketSaved} TicketSaved
 */

/**
 * @param {History} h
 * A repair ticket: opened, worked on with a part (a unit reserved for it),
 * ready, charged (the part used), collected.
 * @param {number} t
 */
export function ticket(h, t) {
	const device = h.pick(h.devices);
	const ticketId = `t${h.word(14)}`;
	const unit = h.random() < 0.5 ? h.takeUnit() : null;
	/** @type {Omit<TicketSaved, 'id' | 'at' | 'device'>} */
	const base = {
		type: 'ticket.saved',
		ticketId,
		ticketNo: `T-${device.code.slice(0, 5).toUpperCase()}-${String(++h.ticketNo).padStart(6, '0')}`,
		customer: h.customer(),
		deviceDescription: h.pick(KINDS),
		deviceSerial: h.word(10),
		problem: h.pick(['Cracked screen', 'No power', 'Battery swells', 'Water damage', 'Noisy fan']),
		status: 'open',
		parts: [],
		saleId: null
	};
	const labour = {
		lineId: 'p1',
		productId: h.pick(h.quantity).id,
		name: 'Labour',
		serialised: false,
		unitPrice: 4500,
		quantity: 1,
		serials: [],
		customerWarrantyDays: 0
	};
	const part = unit && {
		lineId: 'p2',
		productId: unit.product.id,
		name: unit.product.name,
		serialised: true,
		unitPrice: unit.product.price,
		quantity: 1,
		serials: [unit.serial],
		customerWarrantyDays: unit.product.warranty
	};
	const parts = part ? [labour, part] : [labour];
	const day = 24 * HOUR_MS;
	h.at(device, t, [base]);
	if (unit)
		h.at(device, t + HOUR_MS, [
			{
				type: 'units.changed',
				action: 'reserve',
				productId: unit.product.id,
				serials: [unit.serial],
				ref: { kind: 'ticket', id: ticketId },
				note: '',
				expected: 'in_stock'
			}
		]);
	h.at(device, t + HOUR_MS, [{ ...base, status: 'in_progress', parts }]);
	h.at(device, t + day, [{ ...base, status: 'ready', parts }]);
	const saleId = `c${h.word(14)}`;
	const lines = parts.map((p) =>
		h.line(
			p.lineId,
			{ id: p.productId, name: p.name, price: p.unitPrice },
			p.quantity,
			p.serials,
			p.customerWarrantyDays
		)
	);
	const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
	h.at(device, t + 2 * day, [
		{
			type: 'sale.completed',
			saleId,
			receiptNo: `${device.code.slice(0, 5).toUpperCase()}-${String(++h.receiptNo).padStart(6, '0')}`,
			lines,
			customer: base.customer,
			total,
			payment: { method: 'card', amount: total },
			ticketId
		},
		...(unit
			? [
					/** @type {NewEvent} */ ({
						type: 'units.changed',
						action: 'use',
						productId: unit.product.id,
						serials: [unit.serial],
						ref: { kind: 'ticket', id: ticketId },
						note: '',
						expected: 'reserved'
					})
				]
			: []),
		{ ...base, status: 'collected', parts, saleId }
	]);
}
