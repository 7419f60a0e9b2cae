// A realistic store history as ledger events, a pure function of a seed: the
// catalog (serialised products, quantity products, bundles, suppliers), then
// month after month receipts of 1–50 serials, POS sales of 1–3 lines (each
// unit reserved in a cart, then sold with the sale), abandoned carts, refunds
// to stock or faulty, repair tickets (saves, a part reserved and used, the
// charge), quantity receipts, price and supplier edits, write-offs and RMAs,
// from 4 devices over 3 years. Every event passes the projector's checkEvent
// (event-stream.test.ts holds it).
//
// Plain JavaScript with the domain's types (JSDoc), so that Node scripts (a
// store fixture, a backup file) and browser pages (the projector harness)
// both use it as it is:
//
//   import { monthsOfEvents, PRESETS } from './event-stream.js';
//   for (const month of monthsOfEvents({ ...PRESETS.events1M, seed: 1 })) ...
//
// The shapes follow what the app's services append (services/pos.ts,
// refund.ts, ticket.ts, receive.ts, catalog.ts).

/**
 * @typedef {import('../../src/lib/domain/types').LedgerEvent} LedgerEvent
 * @typedef {import('../../src/lib/domain/types').NewEvent} NewEvent
 * @typedef {import('../../src/lib/domain/types').SaleLine} SaleLine
 * @typedef {import('../../src/lib/domain/types').RefundLine} RefundLine
 * @typedef {import('../../src/lib/domain/types').TicketSaved} TicketSaved
 */

/**
 * @typedef {object} StreamOptions
 * @property {number} seed the same seed gives the same events
 * @property {number} units serialised units received over the whole history
 * @property {number} sales POS sales over the whole history (tickets' charges apart)
 * @property {number} [months] 36
 * @property {number} [devices] 4
 * @property {number} [start] wall time (ms) of the history's first moment
 */

/** Sizes that make the stores the benchmarks speak of. */
export const PRESETS = {
	/** A 100,000-unit store: about 280,000 events. */
	units100k: { units: 100_000, sales: 66_000 },
	/** About a million events: 330,000 units received, 245,000 POS sales (and 18,000 tickets charged). */
	events1M: { units: 330_000, sales: 245_000 }
};

const MONTH_MS = 30 * 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_START = Date.UTC(2023, 0, 2, 8);

/** mulberry32: a small seeded PRNG. @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The clock stamp the ledger writes (domain/hlc.ts formatHlc). */
function hlc(
	/** @type {number} */ wall,
	/** @type {number} */ counter,
	/** @type {string} */ device
) {
	return `${String(wall).padStart(16, '0')}.${String(counter).padStart(5, '0')}.${device}`;
}

const FIRST = [
	'Ann',
	'Bo',
	'Chen',
	'Dara',
	'Eli',
	'Femi',
	'Gus',
	'Hana',
	'Ivo',
	'Jo',
	'Kai',
	'Lea'
];
const LAST = ['Smith', 'Okafor', 'Novak', 'Garcia', 'Kim', 'Moreau', 'Singh', 'Berg', 'Rossi'];
const KINDS = ['Phone', 'Tablet', 'Laptop', 'Drill', 'Router', 'Camera', 'Console', 'Watch'];
const EXTRAS = ['Case', 'Charger', 'Cable', 'Screen guard', 'Battery', 'Strap', 'Bag'];
const METHODS = /** @type {const} */ (['system', 'range', 'manual', 'scan']);

/**
 * The store's history, one array of events per month, each in clock order.
 * @param {StreamOptions} options
 * @returns {Generator<LedgerEvent[], void, undefined>}
 */
export function* monthsOfEvents(options) {
	const history = new History(options);
	const months = options.months ?? 36;
	for (let m = 0; m < months; m++) yield history.month(m);
}

/** Every event at once: for small stores and tests. @param {StreamOptions} options */
export function eventsOf(options) {
	return [...monthsOfEvents(options)].flat();
}

/**
 * @typedef {{ id: string, name: string, code: string, price: number, warranty: number,
 *   next: number, stock: string[] }} SerialProduct
 * @typedef {{ id: string, name: string, price: number }} QuantityProduct
 * @typedef {{ id: string, name: string, price: number, phone: SerialProduct,
 *   extra: QuantityProduct }} Bundle
 * @typedef {{ id: string, code: string, wall: number, counter: number, n: number }} Device
 * @typedef {{ saleId: string, lines: SaleLine[] }} RecentSale
 */

class History {
	/** @param {StreamOptions} options */
	constructor(options) {
		this.random = prng(options.seed);
		this.options = options;
		this.start = options.start ?? DEFAULT_START;
		const months = options.months ?? 36;
		/** @type {Device[]} */
		this.devices = Array.from({ length: options.devices ?? 4 }, (_, i) => {
			const code = `D${i}${this.word(5)}`;
			return { id: `${code}${this.word(6)}`, code, wall: 0, counter: 0, n: 0 };
		});
		this.perMonth = {
			units: options.units / months,
			sales: options.sales / months,
			tickets: options.sales / months / 12,
			refunds: options.sales / months / 30,
			abandoned: options.sales / months / 25,
			quantityReceipts: options.sales / months / 25,
			edits: 40,
			writeOffs: options.units / months / 400
		};
		const scale = Math.max(1, Math.round(options.units / 1000));
		/** @type {SerialProduct[]} */
		this.serialised = Array.from({ length: Math.min(300, 20 + scale) }, (_, i) => ({
			id: `ps${i}${this.word(8)}`,
			name: `${this.pick(KINDS)} ${100 + i}`,
			code: `S${String(i).padStart(3, '0')}-`,
			price: 5000 + Math.floor(this.random() * 150_000),
			warranty: this.pick([90, 180, 365, 730]),
			next: 1,
			stock: []
		}));
		/** @type {QuantityProduct[]} */
		this.quantity = Array.from({ length: Math.min(120, 10 + scale) }, (_, i) => ({
			id: `pq${i}${this.word(8)}`,
			name: `${this.pick(EXTRAS)} ${i}`,
			price: 300 + Math.floor(this.random() * 5000)
		}));
		/** @type {Bundle[]} */
		this.bundles = Array.from({ length: 10 }, (_, i) => {
			const phone = this.pick(this.serialised);
			const extra = this.pick(this.quantity);
			return {
				id: `pb${i}${this.word(8)}`,
				name: `${phone.name} kit`,
				price: phone.price + extra.price,
				phone,
				extra
			};
		});
		this.suppliers = Array.from({ length: 25 }, (_, i) => `sup${i}${this.word(8)}`);
		/** @type {RecentSale[]} */
		this.recent = [];
		/** @type {{ product: SerialProduct, serial: string }[]} */
		this.faulty = [];
		this.receiptNo = 0;
		this.ticketNo = 0;
		/** Steps to take, soonest first; a step may schedule later ones. */
		this.steps = new Steps();
	}

	/** @template T @param {readonly T[]} items @returns {T} */
	pick(items) {
		return /** @type {T} */ (items[Math.floor(this.random() * items.length)]);
	}

	/** @param {number} n */
	word(n) {
		const chars = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
		let out = '';
		for (let i = 0; i < n; i++) out += chars[Math.floor(this.random() * chars.length)];
		return out;
	}

	/** A whole number of times a mean of `mean` allows, rounded at random. @param {number} mean */
	times(mean) {
		const whole = Math.floor(mean);
		return whole + (this.random() < mean - whole ? 1 : 0);
	}

	customer() {
		if (this.random() < 0.4) return { name: '', phone: '', email: '' };
		const name = `${this.pick(FIRST)} ${this.pick(LAST)}`;
		return {
			name,
			phone: `555-${String(Math.floor(this.random() * 10000)).padStart(4, '0')}`,
			email: ''
		};
	}

	/**
	 * Stamps events as the ledger of `device` does at `wall`: an id, a clock
	 * that never runs back, the device.
	 * @param {Device} device @param {number} wall @param {NewEvent[]} events @param {LedgerEvent[]} out
	 */
	append(device, wall, events, out) {
		for (const e of events) {
			if (wall > device.wall) {
				device.wall = wall;
				device.counter = 0;
			} else device.counter += 1;
			device.n += 1;
			out.push(
				/** @type {LedgerEvent} */ ({
					...e,
					id: `${device.code}${device.n.toString(36)}`,
					at: hlc(device.wall, device.counter, device.id),
					device: device.id
				})
			);
		}
	}

	/**
	 * The events of month `m`: its new actions at random moments, and the
	 * steps earlier actions scheduled for it, taken in time order so that
	 * every device stamps its events as they happen.
	 * @param {number} m @returns {LedgerEvent[]}
	 */
	month(m) {
		/** @type {LedgerEvent[]} */
		const out = [];
		this.out = out;
		const from = this.start + m * MONTH_MS;
		if (m === 0) this.catalog(from, out);
		const p = this.perMonth;
		const add = (/** @type {number} */ n, /** @type {(t: number) => void} */ act) => {
			for (let i = 0; i < n; i++) {
				const t = from + HOUR_MS + Math.floor(this.random() * (MONTH_MS - 2 * HOUR_MS));
				this.steps.push(t, () => act(t));
			}
		};
		// Receipts of 1–50 units (25.5 on average) make the month's units.
		add(this.times(p.units / 25.5), (t) => this.receive(t, out));
		add(this.times(p.sales), (t) => this.sell(t));
		add(this.times(p.abandoned), (t) => this.abandon(t));
		add(this.times(p.refunds), (t) => this.refund(t, out));
		add(this.times(p.tickets), (t) => this.ticket(t));
		add(this.times(p.quantityReceipts), (t) => this.receiveQuantity(t, out));
		add(this.times(p.edits), (t) => this.edit(t, out));
		add(this.times(p.writeOffs), (t) => this.adjust(t, out));
		this.steps.runUntil(from + MONTH_MS);
		return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	}

	/**
	 * Appends `events` on `device` at `t`, now or as a scheduled step.
	 * @param {Device} device @param {number} t @param {NewEvent[]} events
	 */
	at(device, t, events) {
		this.steps.push(t, () =>
			this.append(device, t, events, /** @type {LedgerEvent[]} */ (this.out))
		);
	}

	/** @param {number} t @param {LedgerEvent[]} out */
	catalog(t, out) {
		const d = /** @type {Device} */ (this.devices[0]);
		this.append(
			d,
			t,
			[{ type: 'settings.upserted', fields: { customerRequiredForSerialised: true } }],
			out
		);
		for (const id of this.suppliers)
			this.append(
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
			this.append(d, t, [{ type: 'product.upserted', productId: id, fields }], out);
		for (const p of this.serialised)
			product(p.id, {
				name: p.name,
				stockCode: p.code.slice(0, -1),
				barcode: '',
				price: p.price,
				serialised: true,
				customerWarrantyDays: p.warranty
			});
		for (const p of this.quantity)
			product(p.id, {
				name: p.name,
				stockCode: `Q${p.id.slice(2, 8)}`,
				barcode: '',
				price: p.price,
				serialised: false,
				customerWarrantyDays: 0
			});
		for (const b of this.bundles)
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

	/** @param {number} t @param {LedgerEvent[]} out */
	receive(t, out) {
		const product = this.pick(this.serialised);
		const count = 1 + Math.floor(this.random() * 50);
		const serials = [];
		for (let i = 0; i < count; i++)
			serials.push(`${product.code}${String(product.next++).padStart(6, '0')}`);
		product.stock.push(...serials);
		this.append(
			this.pick(this.devices),
			t,
			[
				{
					type: 'stock.received',
					receiptId: `r${this.word(12)}`,
					productId: product.id,
					supplierId: this.pick(this.suppliers),
					reference: this.random() < 0.7 ? `PO-${Math.floor(this.random() * 90000) + 10000}` : '',
					unitCost: this.random() < 0.8 ? Math.floor(product.price * 0.6) : null,
					warrantyDays: this.pick([0, 90, 365]),
					method: this.pick(METHODS),
					serials
				}
			],
			out
		);
	}

	/** A random in-stock unit, taken out of stock; null when none is left. */
	takeUnit() {
		for (let tries = 0; tries < 8; tries++) {
			const product = this.pick(this.serialised);
			if (product.stock.length === 0) continue;
			const i = Math.floor(this.random() * product.stock.length);
			const serial = /** @type {string} */ (product.stock[i]);
			product.stock[i] = /** @type {string} */ (product.stock[product.stock.length - 1]);
			product.stock.pop();
			return { product, serial };
		}
		return null;
	}

	/** @param {string} lineId @param {{ id: string, name: string, price: number }} p @param {number} quantity @param {string[]} serials @param {number} warranty @param {string | null} bundleLineId @returns {SaleLine} */
	line(lineId, p, quantity, serials, warranty, bundleLineId = null) {
		return {
			lineId,
			productId: p.id,
			name: p.name,
			unitPrice: bundleLineId ? 0 : p.price,
			quantity,
			serials,
			customerWarrantyDays: warranty,
			bundleLineId
		};
	}

	/** A sale of 1–3 lines: each unit reserved in the cart, then sold with the sale. @param {number} t */
	sell(t) {
		const device = this.pick(this.devices);
		const cartId = `c${this.word(14)}`;
		const r = this.random();
		const count = r < 0.45 ? 1 : r < 0.75 ? 2 : 3;
		/** @type {SaleLine[]} */
		const lines = [];
		/** @type {{ product: SerialProduct, serial: string }[]} */
		const units = [];
		for (let i = 1; i <= count; i++) {
			const kind = this.random();
			const lineId = `l${i}`;
			if (kind < 0.05) {
				const b = this.pick(this.bundles);
				const unit = b.phone.stock.length > 0 ? this.takeFrom(b.phone) : null;
				if (!unit) continue;
				units.push(unit);
				lines.push(this.line(lineId, b, 1, [], b.phone.warranty));
				lines.push(this.line(`${lineId}a`, b.phone, 1, [unit.serial], b.phone.warranty, lineId));
				lines.push(this.line(`${lineId}b`, b.extra, 1, [], 0, lineId));
			} else if (kind < 0.65) {
				const first = this.takeUnit();
				if (!first) continue;
				const serials = [first.serial];
				units.push(first);
				if (this.random() < 0.1 && first.product.stock.length > 0) {
					const second = /** @type {{ product: SerialProduct, serial: string }} */ (
						this.takeFrom(first.product)
					);
					serials.push(second.serial);
					units.push(second);
				}
				lines.push(
					this.line(lineId, first.product, serials.length, serials, first.product.warranty)
				);
			} else {
				lines.push(
					this.line(lineId, this.pick(this.quantity), 1 + Math.floor(this.random() * 4), [], 0)
				);
			}
		}
		if (lines.length === 0) lines.push(this.line('l1', this.pick(this.quantity), 1, [], 0));
		// Each unit reserved as it was scanned into the cart, a few seconds apart.
		units.forEach((u, i) =>
			this.at(device, t + i * 5000, [
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
		const method = this.pick(/** @type {const} */ (['cash', 'card', 'card', 'other']));
		/** @type {Map<string, string[]>} */
		const byProduct = new Map();
		for (const u of units)
			byProduct.set(u.product.id, [...(byProduct.get(u.product.id) ?? []), u.serial]);
		this.at(device, t + units.length * 5000 + 60_000, [
			{
				type: 'sale.completed',
				saleId: cartId,
				receiptNo: `${device.code.slice(0, 5).toUpperCase()}-${String(++this.receiptNo).padStart(6, '0')}`,
				lines,
				customer: this.customer(),
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
			this.recent.push({ saleId: cartId, lines });
			if (this.recent.length > 2000) this.recent.splice(0, this.recent.length - 2000);
		}
	}

	/** @param {SerialProduct} product */
	takeFrom(product) {
		const serial = product.stock.pop();
		return serial === undefined ? null : { product, serial };
	}

	/** A cart reserves a unit, then lets it go. @param {number} t */
	abandon(t) {
		const unit = this.takeUnit();
		if (!unit) return;
		const device = this.pick(this.devices);
		const ref = /** @type {const} */ ({ kind: 'cart', id: `c${this.word(14)}` });
		const productId = unit.product.id;
		this.at(device, t, [
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
		this.steps.push(t + 300_000, () => {
			this.append(
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
				/** @type {LedgerEvent[]} */ (this.out)
			);
			unit.product.stock.push(unit.serial);
		});
	}

	/** A recent sale comes back whole: to stock, or faulty. @param {number} t @param {LedgerEvent[]} out */
	refund(t, out) {
		if (this.recent.length === 0) return;
		const i = Math.floor(this.random() * this.recent.length);
		const sale = /** @type {RecentSale} */ (this.recent[i]);
		this.recent.splice(i, 1);
		const condition = this.random() < 0.8 ? 'stock' : 'faulty';
		const refundId = `f${this.word(14)}`;
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
			const product = /** @type {SerialProduct} */ (
				this.serialised.find((p) => p.id === l.productId)
			);
			if (condition === 'stock') product.stock.push(...serials);
			else for (const serial of serials) this.faulty.push({ product, serial });
		}
		const total = lines.reduce((sum, l) => sum + l.amount, 0);
		this.append(
			this.pick(this.devices),
			t,
			[{ type: 'refund.completed', refundId, saleId: sale.saleId, lines, total }, ...units],
			out
		);
	}

	/**
	 * A repair ticket: opened, worked on with a part (a unit reserved for it),
	 * ready, charged (the part used), collected.
	 * @param {number} t
	 */
	ticket(t) {
		const device = this.pick(this.devices);
		const ticketId = `t${this.word(14)}`;
		const unit = this.random() < 0.5 ? this.takeUnit() : null;
		/** @type {Omit<TicketSaved, 'id' | 'at' | 'device'>} */
		const base = {
			type: 'ticket.saved',
			ticketId,
			ticketNo: `T-${device.code.slice(0, 5).toUpperCase()}-${String(++this.ticketNo).padStart(6, '0')}`,
			customer: this.customer(),
			deviceDescription: this.pick(KINDS),
			deviceSerial: this.word(10),
			problem: this.pick([
				'Cracked screen',
				'No power',
				'Battery swells',
				'Water damage',
				'Noisy fan'
			]),
			status: 'open',
			parts: [],
			saleId: null
		};
		const labour = {
			lineId: 'p1',
			productId: this.pick(this.quantity).id,
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
		this.at(device, t, [base]);
		if (unit)
			this.at(device, t + HOUR_MS, [
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
		this.at(device, t + HOUR_MS, [{ ...base, status: 'in_progress', parts }]);
		this.at(device, t + day, [{ ...base, status: 'ready', parts }]);
		const saleId = `c${this.word(14)}`;
		const lines = parts.map((p) =>
			this.line(
				p.lineId,
				{ id: p.productId, name: p.name, price: p.unitPrice },
				p.quantity,
				p.serials,
				p.customerWarrantyDays
			)
		);
		const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
		this.at(device, t + 2 * day, [
			{
				type: 'sale.completed',
				saleId,
				receiptNo: `${device.code.slice(0, 5).toUpperCase()}-${String(++this.receiptNo).padStart(6, '0')}`,
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

	/** @param {number} t @param {LedgerEvent[]} out */
	receiveQuantity(t, out) {
		const product = this.pick(this.quantity);
		this.append(
			this.pick(this.devices),
			t,
			[
				{
					type: 'stock.quantity_received',
					receiptId: `q${this.word(12)}`,
					productId: product.id,
					supplierId: this.pick(this.suppliers),
					reference: '',
					unitCost: Math.floor(product.price / 2),
					quantity: 10 + Math.floor(this.random() * 90)
				}
			],
			out
		);
	}

	/** A price change, now and then a supplier's phone. @param {number} t @param {LedgerEvent[]} out */
	edit(t, out) {
		const device = this.pick(this.devices);
		if (this.random() < 0.9) {
			const product = this.random() < 0.7 ? this.pick(this.serialised) : this.pick(this.quantity);
			product.price = Math.max(100, Math.round(product.price * (0.9 + this.random() * 0.25)));
			this.append(
				device,
				t,
				[{ type: 'product.upserted', productId: product.id, fields: { price: product.price } }],
				out
			);
		} else {
			this.append(
				device,
				t,
				[
					{
						type: 'supplier.upserted',
						supplierId: this.pick(this.suppliers),
						fields: { phone: `555-${Math.floor(this.random() * 9000) + 1000}` }
					}
				],
				out
			);
		}
	}

	/** A unit written off, or a faulty one sent for RMA and back to stock. @param {number} t @param {LedgerEvent[]} out */
	adjust(t, out) {
		const device = this.pick(this.devices);
		const ref = { kind: /** @type {const} */ ('adjustment'), id: `a${this.word(10)}` };
		const faulty = this.faulty.pop();
		if (faulty && this.random() < 0.6) {
			const { product, serial } = faulty;
			this.append(
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
			this.steps.push(back, () => {
				this.append(
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
					/** @type {LedgerEvent[]} */ (this.out)
				);
				product.stock.push(serial);
			});
			return;
		}
		if (faulty) this.faulty.push(faulty);
		const unit = this.takeUnit();
		if (!unit) return;
		this.append(
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
}

/** A min-heap of steps by time (ties in the order pushed). */
class Steps {
	constructor() {
		/** @type {{ t: number, seq: number, run: () => void }[]} */
		this.heap = [];
		this.seq = 0;
	}

	/** @param {number} t @param {() => void} run */
	push(t, run) {
		const heap = this.heap;
		heap.push({ t, seq: this.seq++, run });
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.before(i, parent)) break;
			this.swap(i, parent);
			i = parent;
		}
	}

	/** Runs every step due before `end`, soonest first. @param {number} end */
	runUntil(end) {
		const heap = this.heap;
		while (heap.length > 0 && /** @type {{ t: number }} */ (heap[0]).t < end) {
			const top = /** @type {{ run: () => void }} */ (heap[0]);
			const last = /** @type {(typeof heap)[number]} */ (heap.pop());
			if (heap.length > 0) {
				heap[0] = last;
				let i = 0;
				for (;;) {
					const l = 2 * i + 1;
					const r = l + 1;
					let m = i;
					if (l < heap.length && this.before(l, m)) m = l;
					if (r < heap.length && this.before(r, m)) m = r;
					if (m === i) break;
					this.swap(i, m);
					i = m;
				}
			}
			top.run();
		}
	}

	/** @param {number} a @param {number} b */
	before(a, b) {
		const x = /** @type {{ t: number, seq: number }} */ (this.heap[a]);
		const y = /** @type {{ t: number, seq: number }} */ (this.heap[b]);
		return x.t < y.t || (x.t === y.t && x.seq < y.seq);
	}

	/** @param {number} a @param {number} b */
	swap(a, b) {
		const h = this.heap;
		[h[a], h[b]] = [
			/** @type {(typeof h)[number]} */ (h[b]),
			/** @type {(typeof h)[number]} */ (h[a])
		];
	}
}
