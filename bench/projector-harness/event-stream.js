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

import {
	DEFAULT_START,
	FIRST,
	HOUR_MS,
	KINDS,
	EXTRAS,
	LAST,
	MONTH_MS,
	prng,
	hlc,
	Steps
} from './stream-common.js';
import { ticket } from './stream-repairs.js';
import { abandon, refund, sell } from './stream-sales.js';
import { adjust, catalog, edit, receive, receiveQuantity } from './stream-stock.js';

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

export class History {
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
		if (m === 0) catalog(this, from, out);
		const p = this.perMonth;
		const add = (/** @type {number} */ n, /** @type {(t: number) => void} */ act) => {
			for (let i = 0; i < n; i++) {
				const t = from + HOUR_MS + Math.floor(this.random() * (MONTH_MS - 2 * HOUR_MS));
				this.steps.push(t, () => act(t));
			}
		};
		// Receipts of 1–50 units (25.5 on average) make the month's units.
		add(this.times(p.units / 25.5), (t) => receive(this, t, out));
		add(this.times(p.sales), (t) => sell(this, t));
		add(this.times(p.abandoned), (t) => abandon(this, t));
		add(this.times(p.refunds), (t) => refund(this, t, out));
		add(this.times(p.tickets), (t) => ticket(this, t));
		add(this.times(p.quantityReceipts), (t) => receiveQuantity(this, t, out));
		add(this.times(p.edits), (t) => edit(this, t, out));
		add(this.times(p.writeOffs), (t) => adjust(this, t, out));
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

	/** @param {SerialProduct} product */
	takeFrom(product) {
		const serial = product.stock.pop();
		return serial === undefined ? null : { product, serial };
	}
}
