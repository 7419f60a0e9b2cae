// The stock side of the store history (event-stream.js): the catalog, receipts
// of serials and of quantities, price and supplier edits, write-offs and RMAs.
import { HOUR_MS, METHODS } from './stream-common.js';

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

/** @param {History} h @param {number} t @param {LedgerEvent[]} out */
export function catalog(h, t, out) {
	const d = /** @type {Device} */ (h.devices[0]);
	h.append(
		d,
		t,
		[{ type: 'settings.upserted', fields: { customerRequiredForSerialised: true } }],
		out
	);
	for (const id of h.suppliers)
		h.append(
			d,
			t,
			[
				{
					type: 'supplier.upserted',
					supplierId: id,
					fields: { name: `Supplier ${id.slice(3, 6)}`, phone: '', email: '' }
				}
			],
			out
		);
	/** @param {string} id @param {import('../../src/lib/domain/types').ProductFields} fields */
	const product = (id, fields) =>
		h.append(d, t, [{ type: 'product.upserted', productId: id, fields }], out);
	for (const p of h.serialised)
		product(p.id, {
			name: p.name,
			stockCode: p.code.slice(0, -1),
			barcode: '',
			price: p.price,
			serialised: true,
			customerWarrantyDays: p.warranty
		});
	for (const p of h.quantity)
		product(p.id, {
			name: p.name,
			stockCode: `Q${p.id.slice(2, 8)}`,
			barcode: '',
			price: p.price,
			serialised: false,
			customerWarrantyDays: 0
		});
	for (const b of h.bundles)
		product(b.id, {
			name: b.name,
			stockCode: `K${b.id.slice(2, 8)}`,
			barcode: '',
			price: b.price,
			serialised: false,
			customerWarrantyDays: b.phone.warranty,
			components: [
				{ productId: b.phone.id, quantity: 1 },
				{ productId: b.extra.id, quantity: 1 }
			]
		});
}

/** @param {History} h @param {number} t @param {LedgerEvent[]} out */
export function receive(h, t, out) {
	const product = h.pick(h.serialised);
	const count = 1 + Math.floor(h.random() * 50);
	const serials = [];
	for (let i = 0; i < count; i++)
		serials.push(`${product.code}${String(product.next++).padStart(6, '0')}`);
	product.stock.push(...serials);
	h.append(
		h.pick(h.devices),
		t,
		[
			{
				type: 'stock.received',
				receiptId: `r${h.word(12)}`,
				productId: product.id,
				supplierId: h.pick(h.suppliers),
				reference: h.random() < 0.7 ? `PO-${Math.floor(h.random() * 90000) + 10000}` : '',
				unitCost: h.random() < 0.8 ? Math.floor(product.price * 0.6) : null,
				warrantyDays: h.pick([0, 90, 365]),
				method: h.pick(METHODS),
				serials
			}
		],
		out
	);
}

/** @param {History} h @param {number} t @param {LedgerEvent[]} out */
export function receiveQuantity(h, t, out) {
	const product = h.pick(h.quantity);
	h.append(
		h.pick(h.devices),
		t,
		[
			{
				type: 'stock.quantity_received',
				receiptId: `q${h.word(12)}`,
				productId: product.id,
				supplierId: h.pick(h.suppliers),
				reference: '',
				unitCost: Math.floor(product.price / 2),
				quantity: 10 + Math.floor(h.random() * 90)
			}
		],
		out
	);
}

/** @param {History} h A price change, now and then a supplier's phone. @param {number} t @param {LedgerEvent[]} out */
export function edit(h, t, out) {
	const device = h.pick(h.devices);
	if (h.random() < 0.9) {
		const product = h.random() < 0.7 ? h.pick(h.serialised) : h.pick(h.quantity);
		product.price = Math.max(100, Math.round(product.price * (0.9 + h.random() * 0.25)));
		h.append(
			device,
			t,
			[{ type: 'product.upserted', productId: product.id, fields: { price: product.price } }],
			out
		);
	} else {
		h.append(
			device,
			t,
			[
				{
					type: 'supplier.upserted',
					supplierId: h.pick(h.suppliers),
					fields: { phone: `555-${Math.floor(h.random() * 9000) + 1000}` }
				}
			],
			out
		);
	}
}

/** @param {History} h A unit written off, or a faulty one sent for RMA and back to stock. @param {number} t @param {LedgerEvent[]} out */
export function adjust(h, t, out) {
	const device = h.pick(h.devices);
	const ref = { kind: /** @type {const} */ ('adjustment'), id: `a${h.word(10)}` };
	const faulty = h.faulty.pop();
	if (faulty && h.random() < 0.6) {
		const { product, serial } = faulty;
		h.append(
			device,
			t,
			[
				{
					type: 'units.changed',
					action: 'send_rma',
					productId: product.id,
					serials: [serial],
					ref,
					note: 'RMA',
					expected: 'faulty'
				}
			],
			out
		);
		// Back from the supplier a week later, and only then in stock.
		const back = t + 7 * 24 * HOUR_MS;
		h.steps.push(back, () => {
			h.append(
				device,
				back,
				[
					{
						type: 'units.changed',
						action: 'restock',
						productId: product.id,
						serials: [serial],
						ref,
						note: 'back from RMA',
						expected: 'rma'
					}
				],
				/** @type {LedgerEvent[]} */ (h.out)
			);
			product.stock.push(serial);
		});
		return;
	}
	if (faulty) h.faulty.push(faulty);
	const unit = h.takeUnit();
	if (!unit) return;
	h.append(
		device,
		t,
		[
			{
				type: 'units.changed',
				action: 'write_off',
				productId: unit.product.id,
				serials: [unit.serial],
				ref,
				note: 'Damaged in store',
				expected: 'in_stock'
			}
		],
		out
	);
}
