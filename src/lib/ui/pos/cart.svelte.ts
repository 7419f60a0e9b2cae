/**
 * The POS cart on this screen: lines, customer and payment as the person
 * fills them in. Reservations live in the ledger; this holds only the form.
 * One cart per page load (the root layout makes it, app-context.ts), kept
 * while the person visits other screens.
 */
import { formatMinor, lineTotal, type DraftLine, type DraftSale } from '$lib/domain/cart';
import type { PaymentMethod } from '$lib/domain/types';
import { newId } from '$lib/ledger/ids';
import type { ProductRow } from '$lib/store/db';

export class Cart {
	id = $state(newId());
	lines = $state<DraftLine[]>([]);
	customer = $state({ name: '', phone: '', email: '' });
	paymentMethod = $state<PaymentMethod>('cash');
	paymentAmount = $state('');

	total = $derived(this.lines.reduce((sum, l) => sum + (lineTotal(l) ?? 0), 0));

	get draft(): DraftSale {
		return {
			lines: this.lines.map((l) => ({ ...l, serials: [...l.serials] })),
			customer: { ...this.customer },
			paymentMethod: this.paymentMethod,
			paymentAmount: this.paymentAmount
		};
	}

	/**
	 * Adds a reserved unit: onto `lineId`, else onto a bundle's component line
	 * still short of it, else onto the product's own line, else a new line.
	 */
	addUnit(product: ProductRow, serial: string, lineId: string | null = null): DraftLine {
		const line = lineId
			? this.lines.find((l) => l.lineId === lineId)
			: (this.lines.find((l) => l.productId === product.id && l.bundleLineId && isShort(l)) ??
				this.lines.find((l) => l.productId === product.id && l.serialised && !l.bundleLineId));
		if (line) {
			if (!line.serials.includes(serial)) line.serials.push(serial);
			// A component's quantity is the bundle's; a line of its own grows with its serials.
			if (
				!line.bundleLineId &&
				(Number(line.quantity) < line.serials.length || !/^\d+$/.test(line.quantity))
			)
				line.quantity = String(line.serials.length);
			return line;
		}
		return this.addLine(product, [serial]);
	}

	/**
	 * A bundle: its own line (the price) and one line per component at no
	 * price, which name the bundle's line. Returns the bundle's line.
	 */
	addBundle(
		bundle: ProductRow,
		components: { product: ProductRow; quantity: number }[]
	): DraftLine {
		const line = this.addLine(bundle, []);
		for (const { product, quantity } of components) {
			const part = this.addLine(product, []);
			part.price = formatMinor(0);
			part.quantity = String(quantity);
			part.bundleLineId = line.lineId;
		}
		return line;
	}

	/** The next component line of the bundle that still needs serials. */
	nextShort(bundleLineId: string): DraftLine | undefined {
		return this.lines.find((l) => l.bundleLineId === bundleLineId && isShort(l));
	}

	/** A product added by barcode or stock code: a serialised one waits for its serial. */
	addProduct(product: ProductRow): DraftLine {
		const line = this.lines.find(
			(l) => l.productId === product.id && !l.serialised && !l.bundleLineId
		);
		if (line && !product.serialised) {
			line.quantity = String((Number(line.quantity) || 0) + 1);
			return line;
		}
		return this.addLine(product, []);
	}

	private addLine(product: ProductRow, serials: string[]): DraftLine {
		this.lines.push({
			lineId: newId(),
			productId: product.id,
			name: product.name,
			serialised: product.serialised,
			price: formatMinor(product.price),
			quantity: String(Math.max(1, serials.length)),
			serials,
			customerWarrantyDays: product.customerWarrantyDays,
			bundleLineId: null
		});
		return this.lines[this.lines.length - 1] as DraftLine;
	}

	removeSerial(lineId: string, serial: string): void {
		const line = this.lines.find((l) => l.lineId === lineId);
		if (!line) return;
		line.serials = line.serials.filter((s) => s !== serial);
		if (!line.bundleLineId) line.quantity = String(Math.max(1, line.serials.length));
	}

	/** A line and, with a bundle, its components. */
	group(lineId: string): DraftLine[] {
		return this.lines.filter((l) => l.lineId === lineId || l.bundleLineId === lineId);
	}

	/** Removes a line, and with a bundle its components; returns what was removed. */
	removeLine(lineId: string): DraftLine[] {
		const gone = this.group(lineId);
		this.lines = this.lines.filter((l) => !gone.includes(l));
		return gone;
	}

	/** Serials held per product, for releasing them. */
	held(lines: DraftLine[] = this.lines): { productId: string; serials: string[] }[] {
		return lines
			.filter((l) => l.serials.length > 0)
			.map((l) => ({ productId: l.productId, serials: [...l.serials] }));
	}

	reset(): void {
		this.id = newId();
		this.lines = [];
		this.customer = { name: '', phone: '', email: '' };
		this.paymentMethod = 'cash';
		this.paymentAmount = '';
	}
}

/** A serialised line with fewer serials than its quantity. */
export function isShort(line: DraftLine): boolean {
	return line.serialised && line.serials.length < (Number(line.quantity) || 0);
}
