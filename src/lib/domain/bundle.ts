/**
 * Bundles: a product made of components. Selling one asks for one serial per
 * serialised component unit; the sale records which units went into which
 * bundle (component lines carry the bundle's line id).
 */

export interface BundleComponent {
	productId: string;
	name: string;
	quantity: number;
	serialised: boolean;
}

/** One serial to ask for: the n-th unit of a serialised component. */
export interface BundleSlot {
	productId: string;
	name: string;
	/** 1-based, per component. */
	unit: number;
}

export function bundleSlots(components: readonly BundleComponent[]): BundleSlot[] {
	return components
		.filter((c) => c.serialised)
		.flatMap((c) =>
			Array.from({ length: c.quantity }, (_, i) => ({
				productId: c.productId,
				name: c.name,
				unit: i + 1
			}))
		);
}

export type BundleCheck = { ok: true } | { ok: false; errors: string[] };

/**
 * `chosen[productId]` are the serials picked for that component. Every slot
 * needs exactly one serial; no serial twice; none for other products.
 */
export function checkBundleSerials(
	bundleName: string,
	components: readonly BundleComponent[],
	chosen: Readonly<Record<string, readonly string[]>>
): BundleCheck {
	const errors: string[] = [];
	const byProduct = new Map(components.map((c) => [c.productId, c]));
	for (const [productId, serials] of Object.entries(chosen)) {
		const component = byProduct.get(productId);
		if (!component || !component.serialised) {
			if (serials.length > 0)
				errors.push(`${bundleName} has no serialised component for serials ${serials.join(', ')}.`);
			continue;
		}
		if (new Set(serials).size !== serials.length)
			errors.push(`${component.name}: a serial is chosen twice.`);
	}
	for (const c of components) {
		if (!c.serialised) continue;
		const have = chosen[c.productId]?.length ?? 0;
		if (have < c.quantity)
			errors.push(
				`${bundleName}: choose ${c.quantity - have} more serial${c.quantity - have === 1 ? '' : 's'} of ${c.name}.`
			);
		if (have > c.quantity)
			errors.push(`${bundleName}: ${c.name} takes ${c.quantity}, but ${have} serials are chosen.`);
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true };
}

/** A bundle may not contain itself, nor be empty, nor count a component 0 times. */
export function bundleDefinitionProblem(
	bundleId: string,
	components: readonly BundleComponent[]
): string | null {
	if (components.length === 0) return 'A bundle needs at least one component.';
	if (components.some((c) => c.productId === bundleId)) return 'A bundle cannot contain itself.';
	if (components.some((c) => !Number.isInteger(c.quantity) || c.quantity < 1))
		return 'Each component needs a quantity of at least 1.';
	if (new Set(components.map((c) => c.productId)).size !== components.length)
		return 'A component is listed twice.';
	return null;
}
