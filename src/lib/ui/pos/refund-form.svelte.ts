/** What the person has ticked on the Refund screen for one sale. */
import {
	alreadyReturned,
	defaultRefundSerials,
	type RefundRequestLine,
	type Returned
} from '$lib/domain/refund';
import type { RefundCondition } from '$lib/domain/types';
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

	constructor(
		readonly sale: SaleRow,
		refunds: RefundRow[]
	) {
		this.returned = alreadyReturned(sale, refunds);
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

	/** A scanned unit of this sale: tick its line and the unit. */
	tickUnit(lineId: string, serial: string): void {
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

	request(): RefundRequestLine[] {
		return this.sale.lines
			.filter((l) => this.choices[l.lineId]?.ticked)
			.map((l) => {
				const c = this.choices[l.lineId] as LineChoice;
				return {
					lineId: l.lineId,
					quantity: c.quantity,
					serials: [...c.serials],
					condition: c.condition
				};
			});
	}
}
