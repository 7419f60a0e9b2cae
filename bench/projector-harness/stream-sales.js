// The counter side of the store history (event-stream.js): POS sales, carts
// given up, refunds; the events as services/pos.ts and refund.ts append them.

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

/** @param {History} h A sale of 1–3 lines: each unit reserved in the cart, then sold with the sale. @param {number} t */
export function sell(h, t) {
	const device = h.pick(h.devices);
	const cartId = `c${h.word(14)}`;
	const r = h.random();
	const count = r < 0.45 ? 1 : r < 0.75 ? 2 : 3;
	/** @type {SaleLine[]} */
	const lines = [];
	/** @type {{ product: SerialProduct, serial: string }[]} */
	const units = [];
	for (let i = 1; i <= count; i++) {
		const kind = h.random();
		const lineId = `l${i}`;
		if (kind < 0.05) {
			const b = h.pick(h.bundles);
			const unit = b.phone.stock.length > 0 ? h.takeFrom(b.phone) : null;
			if (!unit) continue;
			units.push(unit);
			lines.push(h.line(lineId, b, 1, [], b.phone.warranty));
			lines.push(h.line(`${lineId}a`, b.phone, 1, [unit.serial], b.phone.warranty, lineId));
			lines.push(h.line(`${lineId}b`, b.extra, 1, [], 0, lineId));
		} else if (kind < 0.65) {
			const first = h.takeUnit();
			if (!first) continue;
			const serials = [first.serial];
			units.push(first);
			if (h.random() < 0.1 && first.product.stock.length > 0) {
				const second = /** @type {{ product: SerialProduct, serial: string }} */ (
					h.takeFrom(first.product)
				);
				serials.push(second.serial);
				units.push(second);
			}
			lines.push(h.line(lineId, first.product, serials.length, serials, first.product.warranty));
		} else {
			lines.push(h.line(lineId, h.pick(h.quantity), 1 + Math.floor(h.random() * 4), [], 0));
		}
	}
	if (lines.length === 0) lines.push(h.line('l1', h.pick(h.quantity), 1, [], 0));
	// Each unit reserved as it was scanned into the cart, a few seconds apart.
	units.forEach((u, i) =>
		h.at(device, t + i * 5000, [
			{
				type: 'units.changed',
				action: 'reserve',
				productId: u.product.id,
				serials: [u.serial],
				ref: { kind: 'cart', id: cartId },
				note: '',
				expected: 'in_stock'
			}
		])
	);
	const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
	const method = h.pick(/** @type {const} */ (['cash', 'card', 'card', 'other']));
	/** @type {Map<string, string[]>} */
	const byProduct = new Map();
	for (const u of units)
		byProduct.set(u.product.id, [...(byProduct.get(u.product.id) ?? []), u.serial]);
	h.at(device, t + units.length * 5000 + 60_000, [
		{
			type: 'sale.completed',
			saleId: cartId,
			receiptNo: `${device.code.slice(0, 5).toUpperCase()}-${String(++h.receiptNo).padStart(6, '0')}`,
			lines,
			customer: h.customer(),
			total,
			payment: { method, amount: total },
			ticketId: null
		},
		...[...byProduct].map(
			([productId, serials]) =>
				/** @type {NewEvent} */ ({
					type: 'units.changed',
					action: 'sell',
					productId,
					serials,
					ref: { kind: 'sale', id: cartId },
					note: '',
					expected: 'reserved'
				})
		)
	]);
	if (!lines.some((l) => l.bundleLineId)) {
		h.recent.push({ saleId: cartId, lines });
		if (h.recent.length > 2000) h.recent.splice(0, h.recent.length - 2000);
	}
}

/** @param {History} h A cart reserves a unit, then lets it go. @param {number} t */
export function abandon(h, t) {
	const unit = h.takeUnit();
	if (!unit) return;
	const device = h.pick(h.devices);
	const ref = /** @type {const} */ ({ kind: 'cart', id: `c${h.word(14)}` });
	const productId = unit.product.id;
	h.at(device, t, [
		{
			type: 'units.changed',
			action: 'reserve',
			productId,
			serials: [unit.serial],
			ref,
			note: '',
			expected: 'in_stock'
		}
	]);
	h.steps.push(t + 300_000, () => {
		h.append(
			device,
			t + 300_000,
			[
				{
					type: 'units.changed',
					action: 'release',
					productId,
					serials: [unit.serial],
					ref,
					note: ''
				}
			],
			/** @type {LedgerEvent[]} */ (h.out)
		);
		unit.product.stock.push(unit.serial);
	});
}

/** @param {History} h A recent sale comes back whole: to stock, or faulty. @param {number} t @param {LedgerEvent[]} out */
export function refund(h, t, out) {
	if (h.recent.length === 0) return;
	const i = Math.floor(h.random() * h.recent.length);
	const sale = /** @type {RecentSale} */ (h.recent[i]);
	h.recent.splice(i, 1);
	const condition = h.random() < 0.8 ? 'stock' : 'faulty';
	const refundId = `f${h.word(14)}`;
	const ref = /** @type {const} */ ({ kind: 'refund', id: refundId });
	/** @type {RefundLine[]} */
	const lines = sale.lines.map((l) => ({
		lineId: l.lineId,
		productId: l.productId,
		quantity: l.quantity,
		serials: l.serials,
		condition,
		amount: l.unitPrice * l.quantity
	}));
	/** @type {NewEvent[]} */
	const units = [];
	for (const l of sale.lines) {
		if (l.serials.length === 0) continue;
		const serials = l.serials;
		units.push({
			type: 'units.changed',
			action: 'return',
			productId: l.productId,
			serials,
			ref,
			note: '',
			expected: 'sold'
		});
		units.push({
			type: 'units.changed',
			action: condition === 'stock' ? 'restock' : 'mark_faulty',
			productId: l.productId,
			serials,
			ref,
			note: '',
			expected: 'returned'
		});
		const product = /** @type {SerialProduct} */ (h.serialised.find((p) => p.id === l.productId));
		if (condition === 'stock') product.stock.push(...serials);
		else for (const serial of serials) h.faulty.push({ product, serial });
	}
	const total = lines.reduce((sum, l) => sum + l.amount, 0);
	h.append(
		h.pick(h.devices),
		t,
		[{ type: 'refund.completed', refundId, saleId: sale.saleId, lines, total }, ...units],
		out
	);
}
