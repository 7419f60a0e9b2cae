/**
 * What the person has ticked on the Refund screen for one sale, beside where
 * each line stands (refund-state.ts): only what may still come back can be
 * ticked. A bundle is ticked as one: its components come back with it (each
 * with its condition).
 */
import { bundleLineIds } from '$lib/domain/bundle';
import { alreadyReturned, type RefundRequestLine, type Returned } from '$lib/domain/refund';
import { isAllBack, refundStates, type LineRefundState } from '$lib/domain/refund-state';
import type { RefundCondition, SaleLine } from '$lib/domain/types';
import type { RefundRow, SaleRow } from '$lib/store/db';

export interface LineChoice {
	ticked: boolean;
	serials: string[];
	quantity: string;
	condition: RefundCondition;
	/** The list of the line's units to choose from is shown. */
	open: boolean;
}

const NOTHING: LineRefundState = { lineId: '', cameBack: [], leftSerials: [], leftQuantity: 0 };

export class RefundForm {
	choices = $state<Record<string, LineChoice>>({});
	readonly returned: Returned;
	readonly states: Map<string, LineRefundState>;
	readonly bundles: Set<string>;
	/** Everything the sale sold has come back: there is nothing to refund. */
	readonly allBack: boolean;

	constructor(
		readonly sale: SaleRow,
		refunds: RefundRow[]
	) {
		this.returned = alreadyReturned(sale, refunds);
		this.states = refundStates(sale.lines, refunds);
		this.allBack = isAllBack(this.states);
		this.bundles = bundleLineIds(sale.lines);
		for (const line of sale.lines) {
			this.choices[line.lineId] = {
				ticked: false,
				serials: [],
				quantity: '1',
				condition: 'stock',
				open: false
			};
		}
	}

	state(line: SaleLine): LineRefundState {
		return this.states.get(line.lineId) ?? NOTHING;
	}

	isReturned(productId: string, serial: string): boolean {
		return this.returned.serials.has(`${productId}|${serial}`);
	}

	/** Whether the line can be ticked: something of it may still come back (a component comes with its bundle). */
	canRefund(line: SaleLine): boolean {
		return !line.bundleLineId && this.state(line).leftQuantity > 0;
	}

	/** The units of a bundle's component not refunded yet: all of them come back with it. */
	outstanding(line: SaleLine): string[] {
		return this.state(line).leftSerials;
	}

	/**
	 * Ticks or unticks a line. A line of units with one left takes that one;
	 * with more left, the list to choose from opens.
	 */
	setTicked(lineId: string, on: boolean): void {
		const line = this.sale.lines.find((l) => l.lineId === lineId);
		const choice = this.choices[lineId];
		if (!line || !choice) return;
		if (on && !this.canRefund(line)) return;
		choice.ticked = on;
		if (!on) {
			choice.serials = [];
			choice.open = false;
			return;
		}
		const left = this.state(line).leftSerials;
		if (line.serials.length > 0) {
			if (left.length === 1) choice.serials = [...left];
			else choice.open = true;
		}
	}

	/** A scanned (or typed) unit of this sale: tick its line and the unit (a bundle's part: the bundle). */
	tickUnit(lineId: string, serial: string): void {
		const line = this.sale.lines.find((l) => l.lineId === lineId);
		if (line?.bundleLineId) {
			this.setTicked(line.bundleLineId, true);
			return;
		}
		const choice = this.choices[lineId];
		if (!choice) return;
		choice.ticked = true;
		if (!choice.serials.includes(serial)) choice.serials.push(serial);
	}

	toggleUnit(lineId: string, serial: string, on: boolean): void {
		const choice = this.choices[lineId];
		if (!choice) return;
		choice.serials = on
			? [...choice.serials.filter((s) => s !== serial), serial]
			: choice.serials.filter((s) => s !== serial);
		if (on) choice.ticked = true;
	}

	/** Whether the line comes back: ticked, or a part of a ticked bundle. */
	isTicked(line: SaleLine): boolean {
		return this.choices[line.bundleLineId ?? line.lineId]?.ticked ?? false;
	}

	request(): RefundRequestLine[] {
		return this.sale.lines
			.filter((l) => this.isTicked(l))
			.map((l) => {
				const c = this.choices[l.lineId] as LineChoice;
				if (l.bundleLineId) {
					const state = this.state(l);
					return {
						lineId: l.lineId,
						quantity: String(state.leftQuantity),
						serials: l.serials.length > 0 ? state.leftSerials : [],
						condition: c.condition
					};
				}
				return {
					lineId: l.lineId,
					quantity: this.bundles.has(l.lineId) ? '1' : c.quantity,
					serials: [...c.serials],
					condition: c.condition
				};
			});
	}
}
