/**
 * What the label screen is asked to print, from its address:
 *   /labels?receipt=ID                       every unit of a receipt (or, for
 *                                            a quantity receipt, one product
 *                                            label per item received)
 *   /labels?product=ID&serial=A&serial=B     those units of a product
 *   /labels?product=ID                       product labels
 * Serials travel as repeated parameters: they may hold any printable
 * character, commas included.
 */
export type LabelRequest =
	| { kind: 'receipt'; receiptId: string }
	| { kind: 'units'; productId: string; serials: string[] }
	| { kind: 'product'; productId: string };

export function parseLabelRequest(params: URLSearchParams): LabelRequest | null {
	const receiptId = params.get('receipt')?.trim();
	if (receiptId) return { kind: 'receipt', receiptId };
	const productId = params.get('product')?.trim();
	if (!productId) return null;
	const serials = [...new Set(params.getAll('serial').filter((s) => s !== ''))];
	return serials.length > 0
		? { kind: 'units', productId, serials }
		: { kind: 'product', productId };
}

export function labelsHref(request: LabelRequest): string {
	const params = new URLSearchParams();
	if (request.kind === 'receipt') params.set('receipt', request.receiptId);
	else {
		params.set('product', request.productId);
		if (request.kind === 'units')
			for (const serial of request.serials) params.append('serial', serial);
	}
	return `/labels?${params.toString()}`;
}
