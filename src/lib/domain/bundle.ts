/**
 * Bundles: a product made of components (a phone with its case and charger).
 * A bundle holds no stock of its own; selling one sells its components, one
 * unit per serialised component unit, each chosen by serial. In a sale the
 * bundle is one line and each component is a line of its own whose
 * `bundleLineId` names the bundle's line: that is how the sale records which
 * units went into which bundle. A bundle comes back whole on a refund.
 */
import type { BundlePart, SaleLine } from './types';

/** A component as the rules need it: the part and what its product is. */
export interface BundleComponent extends BundlePart {
	name: string;
	serialised: boolean;
}

export const MAX_BUNDLE_PARTS = 50;
export const MAX_PART_QUANTITY = 99;

/**
 * Every problem with a bundle's definition. `components` carry what the
 * device knows of each part's product (`isBundle`: it is a bundle itself;
 * `known`: the product exists).
 */
export function bundleDefinitionProblems(
	bundleId: string | null,
	components: readonly (BundlePart & { name: string; known: boolean; isBundle: boolean })[]
): string[] {
	const problems: string[] = [];
	if (components.length > MAX_BUNDLE_PARTS)
		problems.push(`A bundle has at most ${MAX_BUNDLE_PARTS} components.`);
	const seen = new Set<string>();
	components.forEach((c, i) => {
		const where = `Component ${i + 1}${c.name ? ` (${c.name})` : ''}`;
		if (!c.known) problems.push(`${where}: choose a product.`);
		else if (c.productId === bundleId) problems.push(`${where}: a bundle cannot contain itself.`);
		else if (c.isBundle) problems.push(`${where} is a bundle itself: bundles cannot be nested.`);
		if (!Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > MAX_PART_QUANTITY)
			problems.push(
				`${where}: the quantity must be a whole number from 1 to ${MAX_PART_QUANTITY}.`
			);
		if (c.known && seen.has(c.productId))
			problems.push(`${where} is listed twice: give it a quantity instead.`);
		seen.add(c.productId);
	});
	return problems;
}

/** A sale's or a refund's line: a component names its bundle's line. */
interface LineLink {
	lineId: string;
	bundleLineId?: string | null;
}

/** The lines that are bundles: those other lines name as their bundle. */
export function bundleLineIds(lines: readonly LineLink[]): Set<string> {
	const ids = new Set<string>();
	for (const line of lines) if (line.bundleLineId) ids.add(line.bundleLineId);
	return ids;
}

/** The lines whose stock moves: every line but a bundle's own line. */
export function stockLines<L extends LineLink>(lines: readonly L[]): L[] {
	const bundles = bundleLineIds(lines);
	return lines.filter((l) => !bundles.has(l.lineId));
}

/**
 * Every way the sale's bundle lines differ from their bundles' definitions
 * (`definitions` by bundle product id). Serial counts are checked with every
 * line by checkSale; this checks the shape: one bundle per line, each
 * component there in its quantity, nothing else attached.
 */
export function saleBundleProblems(
	lines: readonly Pick<SaleLine, 'lineId' | 'bundleLineId' | 'productId' | 'name' | 'quantity'>[],
	definitions: ReadonlyMap<string, readonly BundleComponent[]>
): string[] {
	const problems: string[] = [];
	const index = new Map(lines.map((l, i) => [l.lineId, i]));
	lines.forEach((line, i) => {
		const where = `Line ${i + 1} (${line.name})`;
		const definition = definitions.get(line.productId);
		if (line.bundleLineId) {
			const bundle = lines[index.get(line.bundleLineId) ?? -1];
			if (!bundle || bundle.bundleLineId || !definitions.has(bundle.productId))
				problems.push(`${where} names a bundle that is not in this sale.`);
			if (definition) problems.push(`${where} is a bundle inside a bundle.`);
			return;
		}
		if (!definition) return;
		if (line.quantity !== 1)
			problems.push(`${where}: a bundle line is one bundle; add the bundle again for another.`);
		const parts = lines.filter((l) => l.bundleLineId === line.lineId);
		for (const component of definition) {
			const have = parts
				.filter((p) => p.productId === component.productId)
				.reduce((n, p) => n + p.quantity, 0);
			if (have !== component.quantity)
				problems.push(
					`${where} takes ${component.quantity} × ${component.name}, but the sale has ${have}.`
				);
		}
		for (const part of parts)
			if (!definition.some((c) => c.productId === part.productId))
				problems.push(`${where} has no component ${part.name}.`);
	});
	return problems;
}
