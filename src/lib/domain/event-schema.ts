/**
 * Validation of events before they are projected. Events arrive from peers,
 * so nothing about their shape is trusted: a malformed or hostile event is
 * refused with a reason and never reaches the tables.
 */
import { MAX_BUNDLE_PARTS, MAX_PART_QUANTITY } from './bundle';
import { isSet82 } from './gs1-ai';
import { isIsoDate } from './gs1-check';
import { isHlc } from './hlc';
import { serialProblem } from './serial-rules';
import { MAX_BATCH } from './serial-rules';
import {
	PAYMENT_METHODS,
	TICKET_STATUSES,
	UNIT_ACTIONS,
	UNIT_STATUSES,
	type LedgerEvent
} from './types';

type Check = { ok: true; event: LedgerEvent } | { ok: false; reason: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PRODUCT_KEYS = [
	'name',
	'stockCode',
	'barcode',
	'price',
	'serialised',
	'customerWarrantyDays',
	'components',
	'exactSerialCase'
];
const SUPPLIER_KEYS = ['name', 'phone', 'email'];
const REF_KINDS = ['cart', 'sale', 'ticket', 'refund', 'recall', 'rma', 'adjustment'];
const MAX_TEXT = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isWhole = (v: unknown, max: number): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function fieldsProblem(fields: unknown, keys: string[]): string | null {
	if (!isRecord(fields)) return 'fields is not an object';
	for (const [key, value] of Object.entries(fields)) {
		if (!keys.includes(key)) return `unknown field ${key}`;
		if (key === 'serialised' || key === 'exactSerialCase') {
			if (typeof value !== 'boolean') return `${key} is not true or false`;
		} else if (key === 'components') {
			const problem = componentsProblem(value);
			if (problem) return problem;
		} else if (key === 'price' || key === 'customerWarrantyDays') {
			if (!isWhole(value, key === 'price' ? 1e12 : 36_500))
				return `${key} is not a whole number in range`;
		} else if (!isText(value)) return `${key} is not text`;
	}
	return null;
}

function componentsProblem(value: unknown): string | null {
	if (!Array.isArray(value) || value.length > MAX_BUNDLE_PARTS) return 'bad components';
	const seen = new Set<unknown>();
	for (const part of value) {
		if (!isRecord(part) || Object.keys(part).length !== 2) return 'bad component';
		if (!isId(part.productId) || seen.has(part.productId)) return 'bad component product';
		if (!isWhole(part.quantity, MAX_PART_QUANTITY) || part.quantity < 1)
			return 'bad component quantity';
		seen.add(part.productId);
	}
	return null;
}

function serialsProblem(serials: unknown): string | null {
	if (!Array.isArray(serials) || serials.length === 0 || serials.length > MAX_BATCH)
		return 'serials is not a list of 1 to 100,000';
	for (const s of serials) {
		if (typeof s !== 'string' || serialProblem(s) !== null)
			return `bad serial ${String(s).slice(0, 50)}`;
	}
	return null;
}

/** A lot is GS1 AI 10 data: at most 20 of GS1's 82 characters. */
const MAX_LOT = 20;

/** The optional per-unit lots and expiries of a receipt: one entry a serial, '' for none. */
function lotsProblem(e: Record<string, unknown>): string | null {
	const count = (e.serials as unknown[]).length;
	const list = (v: unknown, ok: (item: unknown) => boolean) =>
		v === undefined || (Array.isArray(v) && v.length === count && v.every(ok));
	if (
		!list(e.lots, (l) => l === '' || (typeof l === 'string' && l.length <= MAX_LOT && isSet82(l)))
	)
		return 'bad lots';
	if (!list(e.expiries, (d) => d === '' || isIsoDate(d))) return 'bad expiries';
	return null;
}

function bodyProblem(e: Record<string, unknown>): string | null {
	switch (e.type) {
		case 'product.upserted':
			return isId(e.productId) ? fieldsProblem(e.fields, PRODUCT_KEYS) : 'bad productId';
		case 'supplier.upserted':
			return isId(e.supplierId) ? fieldsProblem(e.fields, SUPPLIER_KEYS) : 'bad supplierId';
		case 'stock.received':
			if (!isId(e.receiptId) || !isId(e.productId) || !isId(e.supplierId)) return 'bad ids';
			if (!isText(e.reference)) return 'bad reference';
			if (e.unitCost !== null && !isWhole(e.unitCost, 1e12)) return 'bad unitCost';
			if (!isWhole(e.warrantyDays, 36_500)) return 'bad warrantyDays';
			if (!['system', 'range', 'manual', 'scan'].includes(e.method as string)) return 'bad method';
			return serialsProblem(e.serials) ?? lotsProblem(e);
		case 'stock.quantity_received':
			if (!isId(e.receiptId) || !isId(e.productId)) return 'bad ids';
			if (!(e.supplierId === '' || isId(e.supplierId))) return 'bad supplierId';
			if (!isText(e.reference)) return 'bad reference';
			if (e.unitCost !== null && !isWhole(e.unitCost, 1e12)) return 'bad unitCost';
			return isWhole(e.quantity, 1e9) && e.quantity > 0 ? null : 'bad quantity';
		case 'units.changed':
			if (!isId(e.productId)) return 'bad productId';
			if (!UNIT_ACTIONS.includes(e.action as never)) return 'bad action';
			if (
				e.ref !== null &&
				!(isRecord(e.ref) && REF_KINDS.includes(e.ref.kind as string) && isId(e.ref.id))
			)
				return 'bad ref';
			if (!isText(e.note)) return 'bad note';
			if (e.expected !== undefined && !UNIT_STATUSES.includes(e.expected as never))
				return 'bad expected';
			return serialsProblem(e.serials);
		case 'conflict.resolved':
			if (!isId(e.productId) || typeof e.conflictId !== 'string' || e.conflictId.length > 200)
				return 'bad ids';
			if (typeof e.serial !== 'string' || serialProblem(e.serial) !== null) return 'bad serial';
			if (!UNIT_STATUSES.includes(e.status as never)) return 'bad status';
			return isText(e.note) ? null : 'bad note';
		case 'sale.completed':
			return saleProblem(e);
		case 'refund.completed':
			return refundProblem(e);
		case 'ticket.saved':
			return ticketProblem(e);
		case 'settings.upserted':
			return settingsProblem(e.fields);
		default:
			return `unknown type ${String(e.type).slice(0, 40)}`;
	}
}

const MAX_LINES = 1000;
const isMoney = (v: unknown): v is number => isWhole(v, 1e12);

function lineSerialsProblem(serials: unknown, quantity: unknown): string | null {
	if (!Array.isArray(serials) || serials.length > MAX_BATCH) return 'bad serials';
	if (serials.length > 0 && serials.length !== quantity)
		return 'quantity is not the number of serials';
	for (const s of serials)
		if (typeof s !== 'string' || serialProblem(s) !== null) return 'bad serial';
	return null;
}

function saleProblem(e: Record<string, unknown>): string | null {
	if (!isId(e.saleId) || !isText(e.receiptNo) || !(e.ticketId === null || isId(e.ticketId)))
		return 'bad ids';
	const c = e.customer;
	if (!isRecord(c) || !isText(c.name) || !isText(c.phone) || !isText(c.email))
		return 'bad customer';
	const p = e.payment;
	if (!isRecord(p) || !PAYMENT_METHODS.includes(p.method as never) || !isMoney(p.amount))
		return 'bad payment';
	if (!isMoney(e.total)) return 'bad total';
	if (!Array.isArray(e.lines) || e.lines.length === 0 || e.lines.length > MAX_LINES)
		return 'bad lines';
	for (const l of e.lines as unknown[]) {
		if (!isRecord(l) || !isId(l.lineId) || !isId(l.productId) || !isText(l.name)) return 'bad line';
		if (!isMoney(l.unitPrice) || !isWhole(l.quantity, 1e9) || l.quantity === 0)
			return 'bad line amounts';
		if (!isWhole(l.customerWarrantyDays, 36_500)) return 'bad line warranty';
		if (!(l.bundleLineId === null || isId(l.bundleLineId))) return 'bad bundleLineId';
		const problem = lineSerialsProblem(l.serials, l.quantity);
		if (problem) return problem;
	}
	return null;
}

function refundProblem(e: Record<string, unknown>): string | null {
	if (!isId(e.refundId) || !isId(e.saleId)) return 'bad ids';
	if (!isMoney(e.total)) return 'bad total';
	if (!Array.isArray(e.lines) || e.lines.length === 0 || e.lines.length > MAX_LINES)
		return 'bad lines';
	for (const l of e.lines as unknown[]) {
		if (!isRecord(l) || !isId(l.lineId) || !isId(l.productId)) return 'bad line';
		if (!isWhole(l.quantity, 1e9) || l.quantity === 0 || !isMoney(l.amount))
			return 'bad line amounts';
		if (l.condition !== 'stock' && l.condition !== 'faulty') return 'bad condition';
		if (!(l.bundleLineId === undefined || l.bundleLineId === null || isId(l.bundleLineId)))
			return 'bad bundleLineId';
		const problem = lineSerialsProblem(l.serials, l.quantity);
		if (problem) return problem;
	}
	return null;
}

/** Every store setting is a switch (true or false). */
const SETTINGS_KEYS = ['customerRequiredForSerialised'];

function settingsProblem(fields: unknown): string | null {
	if (!isRecord(fields)) return 'fields is not an object';
	for (const [key, value] of Object.entries(fields)) {
		if (!SETTINGS_KEYS.includes(key)) return `unknown setting ${key.slice(0, 40)}`;
		if (typeof value !== 'boolean') return `${key} is not true or false`;
	}
	return null;
}

const MAX_PARTS = 200;

function ticketProblem(e: Record<string, unknown>): string | null {
	if (!isId(e.ticketId) || !isText(e.ticketNo) || !(e.saleId === null || isId(e.saleId)))
		return 'bad ids';
	const c = e.customer;
	if (!isRecord(c) || !isText(c.name) || !isText(c.phone) || !isText(c.email))
		return 'bad customer';
	if (!isText(e.deviceDescription) || !isText(e.deviceSerial) || !isText(e.problem))
		return 'bad text';
	if (!TICKET_STATUSES.includes(e.status as never)) return 'bad status';
	if (!Array.isArray(e.parts) || e.parts.length > MAX_PARTS) return 'bad parts';
	for (const l of e.parts as unknown[]) {
		if (!isRecord(l) || !isId(l.lineId) || !isId(l.productId) || !isText(l.name)) return 'bad part';
		if (typeof l.serialised !== 'boolean') return 'bad part serialised';
		if (!isMoney(l.unitPrice) || !isWhole(l.quantity, 1e9) || l.quantity === 0)
			return 'bad part amounts';
		if (!isWhole(l.customerWarrantyDays, 36_500)) return 'bad part warranty';
		// A serialised part may still be short of units: the ticket is a draft until charged.
		if (!Array.isArray(l.serials) || l.serials.length > l.quantity) return 'bad part serials';
		for (const s of l.serials as unknown[])
			if (typeof s !== 'string' || serialProblem(s) !== null) return 'bad serial';
	}
	return null;
}

export function checkEvent(value: unknown): Check {
	if (!isRecord(value)) return { ok: false, reason: 'not an object' };
	if (!isId(value.id)) return { ok: false, reason: 'bad id' };
	if (!isHlc(value.at)) return { ok: false, reason: 'bad clock' };
	if (!isId(value.device)) return { ok: false, reason: 'bad device' };
	const problem = bodyProblem(value);
	return problem
		? { ok: false, reason: problem }
		: { ok: true, event: value as unknown as LedgerEvent };
}
