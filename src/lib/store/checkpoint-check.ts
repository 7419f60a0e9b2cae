/**
 * What is wrong with a checkpoint, before any of it is written. A checkpoint
 * comes from a peer, as events do, so its shape is not trusted: every row
 * must have its keys and the fields the screens and the projector rely on,
 * and each product's counts must be those of the units sent.
 */
import { SETTINGS_ID } from '$lib/domain/catalog';
import { isHlc } from '$lib/domain/hlc';
import { serialProblem } from '$lib/domain/serial-rules';
import { TICKET_STATUSES, UNIT_STATUSES } from '$lib/domain/types';
import { FACT_LABELS } from '$lib/domain/unit-state';
import { PROJECTION_SCHEMA, type UnitRow } from './db';
import { countsOf, LEFT_OUT, type CheckpointRows } from './checkpoint-rows';
import { unitKey } from './working-set';

type Row = Record<string, unknown>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const STATUSES: readonly string[] = [...UNIT_STATUSES, 'not_received'];
const KINDS = Object.keys(FACT_LABELS);

const TABLES = [
	'products',
	'suppliers',
	'settings',
	'units',
	'receipts',
	'conflicts',
	'tickets'
] as const;

function productProblem(p: Row): string | null {
	if (!isId(p.id)) return 'no id';
	if (typeof p.name !== 'string' || typeof p.serialised !== 'boolean') return 'bad fields';
	if (!isRow(p.clocks)) return 'bad clocks';
	if (typeof p.quantityOnHand !== 'number' || !Number.isInteger(p.quantityOnHand))
		return 'bad quantity on hand';
	if (!isRow(p.counts)) return 'bad counts';
	for (const [status, n] of Object.entries(p.counts))
		if (!STATUSES.includes(status) || !isCount(n)) return 'bad counts';
	return null;
}

function unitProblem(u: Row): string | null {
	if (!isId(u.productId) || typeof u.serial !== 'string' || serialProblem(u.serial) !== null)
		return 'bad key';
	if (typeof u.status !== 'string' || !STATUSES.includes(u.status)) return 'bad status';
	if (LEFT_OUT.includes(u.status as UnitRow['status'])) return `a unit ${u.status} is left out`;
	const indexed = u.status === 'in_stock' ? undefined : u.status;
	if (u.unlessInStock !== indexed) return 'status index does not match the status';
	if (!(u.receiptId === null || isId(u.receiptId))) return 'bad receipt';
	if (!Array.isArray(u.facts) || u.facts.length === 0) return 'no facts';
	for (const f of u.facts as unknown[])
		if (!isRow(f) || !isId(f.eventId) || !isHlc(f.at) || !KINDS.includes(f.kind as string))
			return 'bad fact';
	if (!Array.isArray(u.conflictIds) || !u.conflictIds.every((c) => typeof c === 'string'))
		return 'bad conflicts';
	return null;
}

function rowProblem(table: (typeof TABLES)[number], r: Row): string | null {
	switch (table) {
		case 'products':
			return productProblem(r);
		case 'units':
			return unitProblem(r);
		case 'suppliers':
			return isId(r.id) && isRow(r.clocks) && typeof r.name === 'string' ? null : 'bad supplier';
		case 'settings':
			return r.id === SETTINGS_ID && isRow(r.clocks) ? null : 'bad settings';
		case 'receipts':
			return isId(r.id) && isId(r.productId) && isHlc(r.at) && Array.isArray(r.serials)
				? null
				: 'bad receipt';
		case 'conflicts':
			return typeof r.id === 'string' && isId(r.productId) && typeof r.serial === 'string'
				? null
				: 'bad conflict';
		case 'tickets':
			if (!isId(r.id) || !isHlc(r.at) || !isHlc(r.openedAt)) return 'bad ticket';
			return TICKET_STATUSES.includes(r.status as never) && r.status !== 'collected'
				? null
				: 'bad ticket status';
	}
}

/** Why `value` is not a checkpoint this device can install, or null. */
export function checkpointProblem(value: unknown): string | null {
	if (!isRow(value)) return 'it is not a checkpoint';
	if (value.schema !== PROJECTION_SCHEMA)
		return `it was made by another version of Unitrack (schema ${String(value.schema).slice(0, 20)}, this device reads ${PROJECTION_SCHEMA})`;
	for (const table of TABLES) {
		const rows = value[table];
		if (!Array.isArray(rows)) return `it has no list of ${table}`;
		for (let i = 0; i < rows.length; i++) {
			const row: unknown = rows[i];
			const problem = isRow(row) ? rowProblem(table, row) : 'not a row';
			if (problem) return `${table} row ${i + 1}: ${problem}`;
		}
	}
	const rows = value as unknown as CheckpointRows;
	const units = new Set<string>();
	for (const u of rows.units) {
		const key = unitKey(u.productId, u.serial);
		if (units.has(key)) return `unit ${u.serial} of product ${u.productId} is there twice`;
		units.add(key);
	}
	const products = new Set<string>();
	for (const p of rows.products) {
		if (products.has(p.id)) return `product ${p.id} is there twice`;
		products.add(p.id);
	}
	const counts = countsOf(rows.units);
	for (const productId of counts.keys())
		if (!products.has(productId)) return `units of product ${productId} come without it`;
	for (const p of rows.products) {
		const sent = counts.get(p.id) ?? {};
		const said = p.counts;
		const statuses = new Set([...Object.keys(sent), ...Object.keys(said)]);
		for (const s of statuses as Set<keyof typeof said>)
			if ((sent[s] ?? 0) !== (said[s] ?? 0))
				return `product ${p.id} counts ${said[s] ?? 0} units ${s} but ${sent[s] ?? 0} came`;
	}
	return null;
}
