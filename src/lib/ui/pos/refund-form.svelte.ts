/**
 * What the person has ticked on the Refund screen for one sale. A bundle is
 * ticked as one: its components come back with it (each with its condition).
 */
import { bundleLineIds } from '$lib/domain/bundle';
import {
	alreadyReturned,
	defaultRefundSerials,
	type RefundRequestLine,
	type Returned
} from '$lib/domain/refund';
import type { RefundCondition, SaleLine } from '$lib/domain/types';
import type { RefundRow, SaleRow } from '$lib/store/db';

export interface LineChoice {
	ticked: boolean;
	serials: string[];
	quantity: string;
	condition: RefundCondition;
	open: boolean;
}

export class RefundForm {
	choices = $state<Record<string, LineChoice>>({});
	returned: Returned;
	readonly bundles: Set<string>;

	constructor(
		readonly sale: SaleRow,
		refunds: RefundRow[]
	) {
		this.returned = alreadyReturned(sale, refunds);
		this.bundles = bundleLineIds(sale.lines);
		for (const line of sale.lines) {
			this.choices[line.lineId] = {
				ticked: false,
				serials: defaultRefundSerials(line, this.returned),
				quantity: '1',
				condition: 'stock',
				open: false
			};
		}
	}

	isReturned(productId: string, serial: string): boolean {
		return this.returned.serials.has(`${productId}|${serial}`);
	}

	/** The units of a bundle's component not refunded yet: all of them come back with it. */
	outstanding(line: SaleLine): string[] {
		return line.serials.filter((s) => !this.isReturned(line.productId, s));
	}

	/** A scanned unit of this sale: tick its line and the unit (a bundle's part: the bundle). */
	tickUnit(lineId: string, serial: string): void {
		const line = this.sale.lines.find((l) => l.lineId === lineId);
		if (line?.bundleLineId) {
			const bundle = this.choices[line.bundleLineId];
			if (bundle) bundle.ticked = true;
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
					const out = this.outstanding(l);
					const left = l.quantity - (this.returned.quantities.get(l.lineId) ?? 0);
					return {
						lineId: l.lineId,
						quantity: String(left),
						serials: l.serials.length > 0 ? out : [],
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
