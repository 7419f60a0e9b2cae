/**
 * For tests: small random store histories (fast-check) with every event
 * type of types.ts, touching few products, serials and ids, so that events
 * clash: overlapping receipts, unit changes from any state, clocks that tie
 * (the event id decides then), and ids reused (as only a hostile peer does).
 */
import fc from 'fast-check';
import { formatHlc } from '$lib/domain/hlc';
import {
	TICKET_STATUSES,
	UNIT_STATUSES,
	type LedgerEvent,
	type LedgerEventType,
	type UnitAction
} from '$lib/domain/types';

export const EVENT_TYPES: readonly LedgerEventType[] = [
	'product.upserted',
	'supplier.upserted',
	'settings.upserted',
	'stock.received',
	'stock.quantity_received',
	'units.changed',
	'conflict.resolved',
	'sale.completed',
	'refund.completed',
	'ticket.saved'
];

const SERIALS = ['A1', 'A2', 'A3', 'B1'];
const ACTIONS: UnitAction[] = [
	'reserve',
	'release',
	'sell',
	'use',
	'return',
	'restock',
	'mark_faulty',
	'send_rma',
	'quarantine',
	'unquarantine',
	'write_off'
];

/** An id of its own for most events, a shared one now and then. */
const someId = (prefix: string) => fc.constantFrom(`${prefix}-own`, `${prefix}-own`, `${prefix}X`);
const serials = (minLength = 1) => fc.subarray(SERIALS, { minLength });

type Body = Omit<LedgerEvent, 'id' | 'at' | 'device'> & { type: LedgerEventType };

/** The body of one event of `type`; `i` makes "own" ids unique. */
function body(type: LedgerEventType): fc.Arbitrary<(i: number) => Body> {
	const own = (id: string, i: number) => (id.endsWith('-own') ? `${id.slice(0, -4)}${i}` : id);
	switch (type) {
		case 'product.upserted':
			return fc
				.record({
					productId: fc.constantFrom('p1', 'p2'),
					name: fc.string({ maxLength: 6 }),
					price: fc.nat(10_000)
				})
				.map((s) => () => ({
					type,
					productId: s.productId,
					fields: { name: s.name || 'x', price: s.price, serialised: s.productId === 'p1' }
				}));
		case 'supplier.upserted':
			return fc
				.record({ supplierId: fc.constantFrom('s1', 's2'), name: fc.string({ maxLength: 6 }) })
				.map((s) => () => ({ type, supplierId: s.supplierId, fields: { name: s.name } }));
		case 'settings.upserted':
			return fc
				.boolean()
				.map((on) => () => ({ type, fields: { customerRequiredForSerialised: on } }));
		case 'stock.received':
			return fc
				.record({
					receiptId: someId('r'),
					supplierId: fc.constantFrom('s1', 's2'),
					serials: serials(),
					days: fc.nat(800),
					cost: fc.option(fc.nat(5000), { nil: null })
				})
				.map((s) => (i) => ({
					type,
					receiptId: own(s.receiptId, i),
					productId: 'p1',
					supplierId: s.supplierId,
					reference: `ref ${i}`,
					unitCost: s.cost,
					warrantyDays: s.days,
					method: 'manual',
					serials: s.serials
				}));
		case 'stock.quantity_received':
			return fc
				.record({ receiptId: someId('q'), quantity: fc.integer({ min: 1, max: 9 }) })
				.map((s) => (i) => ({
					type,
					receiptId: own(s.receiptId, i),
					productId: 'p2',
					supplierId: '',
					reference: '',
					unitCost: null,
					quantity: s.quantity
				}));
		case 'units.changed':
			return fc
				.record({
					action: fc.constantFrom(...ACTIONS),
					serials: serials(),
					ref: fc.constantFrom('c1', 'c2'),
					refKind: fc.constantFrom('cart' as const, 'ticket' as const, 'sale' as const),
					expected: fc.option(fc.constantFrom(...UNIT_STATUSES), { nil: undefined })
				})
				.map((s) => () => ({
					type,
					action: s.action,
					productId: 'p1',
					serials: s.serials,
					ref: { kind: s.refKind, id: s.ref },
					note: '',
					...(s.expected ? { expected: s.expected } : {})
				}));
		case 'conflict.resolved':
			return fc
				.record({
					serial: fc.constantFrom(...SERIALS),
					of: fc.nat(12),
					status: fc.constantFrom(...UNIT_STATUSES)
				})
				.map((s) => () => ({
					type,
					conflictId: `p1|${s.serial}|ev${s.of}`,
					productId: 'p1',
					serial: s.serial,
					status: s.status,
					note: ''
				}));
		case 'sale.completed':
			return fc
				.record({
					saleId: someId('s'),
					serials: serials(0),
					quantity: fc.integer({ min: 1, max: 3 })
				})
				.map((s) => (i) => {
					const line = (lineId: string, productId: string, list: string[], quantity: number) => ({
						lineId,
						productId,
						name: productId,
						unitPrice: 100,
						quantity,
						serials: list,
						customerWarrantyDays: 30,
						bundleLineId: null
					});
					return {
						type,
						saleId: own(s.saleId, i),
						receiptNo: `R-${i}`,
						lines: [
							line('l2', 'p2', [], s.quantity),
							...(s.serials.length > 0 ? [line('l1', 'p1', s.serials, s.serials.length)] : [])
						],
						customer: { name: `Ann ${i}`, phone: '', email: '' },
						total: 0,
						payment: { method: 'cash', amount: 0 },
						ticketId: null
					};
				});
		case 'refund.completed':
			return fc
				.record({
					refundId: someId('f'),
					serials: serials(0),
					quantity: fc.integer({ min: 1, max: 3 }),
					condition: fc.constantFrom('stock' as const, 'faulty' as const)
				})
				.map((s) => (i) => ({
					type,
					refundId: own(s.refundId, i),
					saleId: 'sX',
					lines: [
						{
							lineId: 'l2',
							productId: 'p2',
							quantity: s.quantity,
							serials: [],
							condition: s.condition,
							amount: 100
						},
						...(s.serials.length > 0
							? [
									{
										lineId: 'l1',
										productId: 'p1',
										quantity: s.serials.length,
										serials: s.serials,
										condition: s.condition,
										amount: 100
									}
								]
							: [])
					],
					total: i
				}));
		case 'ticket.saved':
			return fc
				.record({
					ticket: fc.constantFrom('t1', 't2'),
					status: fc.constantFrom(...TICKET_STATUSES),
					serials: serials(0),
					problem: fc.string({ maxLength: 6 })
				})
				.map((s) => () => ({
					type,
					ticketId: s.ticket,
					ticketNo: `T-${s.ticket}`,
					customer: { name: 'Bo', phone: '', email: '' },
					deviceDescription: 'iPhone',
					deviceSerial: '3569',
					problem: s.problem,
					status: s.status,
					parts:
						s.serials.length > 0
							? [
									{
										lineId: 'l1',
										productId: 'p1',
										name: 'Screen',
										serialised: true,
										unitPrice: 100,
										quantity: s.serials.length,
										serials: s.serials,
										customerWarrantyDays: 90
									}
								]
							: [],
					saleId: null
				}));
	}
}

/**
 * A log of 1 to `maxLength` events of `types` (all by default), ids `ev0`,
 * `ev1`... Clocks come from 31 milliseconds, two counters and two devices,
 * so some tie.
 */
export function arbLog(
	types: readonly LedgerEventType[] = EVENT_TYPES,
	maxLength = 20
): fc.Arbitrary<LedgerEvent[]> {
	const step = fc.oneof(...types.map(body));
	const clock = fc.tuple(
		fc.integer({ min: 0, max: 30 }),
		fc.integer({ min: 0, max: 1 }),
		fc.constantFrom('devA', 'devB')
	);
	return fc.array(fc.tuple(step, clock), { minLength: 1, maxLength }).map((steps) =>
		steps.map(
			([make, [wall, counter, device]], i) =>
				({
					...make(i),
					id: `ev${i}`,
					at: formatHlc({ wall: 1_700_000_000_000 + wall, counter, device }),
					device
				}) as LedgerEvent
		)
	);
}

/** A log and the same events in another order. */
export function arbLogAndArrival(types?: readonly LedgerEventType[], maxLength?: number) {
	return arbLog(types, maxLength).chain((log) =>
		fc.tuple(
			fc.constant(log),
			fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length })
		)
	);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
