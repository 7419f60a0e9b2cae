import { describe, expect, it } from 'vitest';
import { labelsHref, parseLabelRequest, type LabelRequest } from './label-request';

const parse = (href: string) => parseLabelRequest(new URL(href, 'http://x').searchParams);

describe('label requests', () => {
	it('reads a receipt, units of a product, or a product', () => {
		expect(parse('/labels?receipt=r1')).toEqual({ kind: 'receipt', receiptId: 'r1' });
		expect(parse('/labels?product=p1&serial=A&serial=B&serial=A')).toEqual({
			kind: 'units',
			productId: 'p1',
			serials: ['A', 'B']
		});
		expect(parse('/labels?product=p1')).toEqual({ kind: 'product', productId: 'p1' });
		expect(parse('/labels')).toBeNull();
	});

	it('round-trips serials with any printable character', () => {
		const request: LabelRequest = {
			kind: 'units',
			productId: 'p/1',
			serials: ['a,b', 'x&y=z', '#1?', '100%', 'q+r']
		};
		expect(parse(labelsHref(request))).toEqual(request);
		expect(parse(labelsHref({ kind: 'receipt', receiptId: 'r 1' }))).toEqual({
			kind: 'receipt',
			receiptId: 'r 1'
		});
	});
});
