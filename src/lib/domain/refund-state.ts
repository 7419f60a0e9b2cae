/**
 * Where each line of a sale stands on the Refund screen (issue 17): what
 * was sold, what came back already — which units, how many, when and in
 * what condition — and what may still come back. The screen shows exactly
 * this, so it never offers what cannot be refunded.
 */
import type { RefundCondition, RefundLine, SaleLine } from './types';

export interface CameBack {
	/** When the refund was made (ms since the epoch). */
	at: number;
	quantity: number;
	serials: string[];
	condition: RefundCondition;
}

export interface LineRefundState {
	lineId: string;
	/** Each earlier refund of the line, oldest first. */
	cameBack: CameBack[];
	/** The line's units not refunded yet, in the order sold. */
	leftSerials: string[];
	/** How many of the line may still come back. */
	leftQuantity: number;
}

export interface RefundAt {
	refundedAt: number;
	lines: readonly Pick<RefundLine, 'lineId' | 'quantity' | 'serials' | 'condition'>[];
}

export function refundStates(
	lines: readonly Pick<SaleLine, 'lineId' | 'quantity' | 'serials'>[],
	refunds: readonly RefundAt[]
): Map<string, LineRefundState> {
	const ordered = [...refunds].sort((a, b) => a.refundedAt - b.refundedAt);
	const states = new Map<string, LineRefundState>();
	for (const line of lines) {
		const cameBack: CameBack[] = [];
		const back = new Set<string>();
		let quantity = 0;
		for (const refund of ordered) {
			for (const r of refund.lines) {
				if (r.lineId !== line.lineId) continue;
				cameBack.push({
					at: refund.refundedAt,
					quantity: r.quantity,
					serials: [...r.serials],
					condition: r.condition
				});
				quantity += r.quantity;
				for (const s of r.serials) back.add(s);
			}
		}
		const leftSerials = line.serials.filter((s) => !back.has(s));
		states.set(line.lineId, {
			lineId: line.lineId,
			cameBack,
			leftSerials,
			leftQuantity:
				line.serials.length > 0 ? leftSerials.length : Math.max(0, line.quantity - quantity)
		});
	}
	return states;
}

/** Nothing of the sale is left to refund. */
export function isAllBack(states: ReadonlyMap<string, LineRefundState>): boolean {
	return [...states.values()].every((s) => s.leftQuantity === 0);
}
