import { describe, expect, it } from 'vitest';
import {
	bundleDefinitionProblems,
	bundleLineIds,
	saleBundleProblems,
	stockLines,
	type BundleComponent
} from './bundle';

const kit: BundleComponent[] = [
	{ productId: 'phone', name: 'Pixel 9', quantity: 1, serialised: true },
	{ productId: 'watch', name: 'Pixel Watch', quantity: 2, serialised: true },
	{ productId: 'case', name: 'Case', quantity: 1, serialised: false }
];
const part = (
	productId: string,
	quantity = 1,
	extra: { known?: boolean; isBundle?: boolean } = {}
) => ({
	productId,
	quantity,
	name: productId,
	known: extra.known ?? true,
	isBundle: extra.isBundle ?? false
});

describe('bundle definitions', () => {
	it('accepts components that are products of their own', () => {
		expect(bundleDefinitionProblems('kit', [part('phone'), part('watch', 2)])).toEqual([]);
	});
	it('lists every problem, each naming its component', () => {
		const problems = bundleDefinitionProblems('kit', [
			part('kit'),
			part('other-kit', 1, { isBundle: true }),
			part('', 1, { known: false }),
			part('phone', 0),
			part('watch'),
			part('watch')
		]);
		expect(problems).toEqual([
			'Component 1 (kit): a bundle cannot contain itself.',
			'Component 2 (other-kit) is a bundle itself: bundles cannot be nested.',
			'Component 3: choose a product.',
			'Component 4 (phone): the quantity must be a whole number from 1 to 99.',
			'Component 6 (watch) is listed twice: give it a quantity instead.'
		]);
	});
});

const line = (
	lineId: string,
	productId: string,
	quantity: number,
	bundleLineId: string | null
) => ({
	lineId,
	productId,
	name: productId,
	quantity,
	bundleLineId
});

describe('bundles in a sale', () => {
	const definitions = new Map([['kit', kit]]);
	const sale = [
		line('b', 'kit', 1, null),
		line('p', 'phone', 1, 'b'),
		line('w', 'watch', 2, 'b'),
		line('c', 'case', 1, 'b'),
		line('x', 'cable', 3, null)
	];

	it('knows the bundle lines, whose stock moves through their components', () => {
		expect([...bundleLineIds(sale)]).toEqual(['b']);
		expect(stockLines(sale).map((l) => l.lineId)).toEqual(['p', 'w', 'c', 'x']);
	});
	it('accepts a bundle with each component in its quantity', () => {
		expect(saleBundleProblems(sale, definitions)).toEqual([]);
	});
	it('names what is missing, extra or out of place', () => {
		const problems = saleBundleProblems(
			[
				line('b', 'kit', 2, null),
				line('w', 'watch', 1, 'b'),
				line('c', 'case', 1, 'b'),
				line('z', 'cable', 1, 'b'),
				line('o', 'phone', 1, 'nowhere'),
				line('k', 'kit', 1, null)
			],
			definitions
		);
		expect(problems).toEqual([
			'Line 1 (kit): a bundle line is one bundle; add the bundle again for another.',
			'Line 1 (kit) takes 1 × Pixel 9, but the sale has 0.',
			'Line 1 (kit) takes 2 × Pixel Watch, but the sale has 1.',
			'Line 1 (kit) has no component cable.',
			'Line 5 (phone) names a bundle that is not in this sale.',
			'Line 6 (kit) takes 1 × Pixel 9, but the sale has 0.',
			'Line 6 (kit) takes 2 × Pixel Watch, but the sale has 0.',
			'Line 6 (kit) takes 1 × Case, but the sale has 0.'
		]);
	});
});
