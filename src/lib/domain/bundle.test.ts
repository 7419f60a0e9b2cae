import { describe, expect, it } from 'vitest';
import {
	bundleDefinitionProblem,
	bundleSlots,
	checkBundleSerials,
	type BundleComponent
} from './bundle';

const kit: BundleComponent[] = [
	{ productId: 'phone', name: 'Pixel 9', quantity: 1, serialised: true },
	{ productId: 'watch', name: 'Pixel Watch', quantity: 2, serialised: true },
	{ productId: 'case', name: 'Case', quantity: 1, serialised: false }
];

describe('bundles', () => {
	it('asks one serial per serialised component unit', () => {
		expect(bundleSlots(kit).map((s) => `${s.productId}#${s.unit}`)).toEqual([
			'phone#1',
			'watch#1',
			'watch#2'
		]);
	});
	it('needs exactly one serial per slot, none twice, none for other products', () => {
		expect(checkBundleSerials('Kit', kit, { phone: ['P1'], watch: ['W1', 'W2'] })).toEqual({
			ok: true
		});
		const r = checkBundleSerials('Kit', kit, {
			phone: [],
			watch: ['W1', 'W1', 'W2'],
			case: ['C1']
		});
		expect(r.ok).toBe(false);
		const text = !r.ok ? r.errors.join('\n') : '';
		expect(text).toContain('choose 1 more serial of Pixel 9');
		expect(text).toContain('Pixel Watch: a serial is chosen twice');
		expect(text).toContain('no serialised component for serials C1');
	});
	it('refuses bad definitions', () => {
		expect(bundleDefinitionProblem('kit', [])).toContain('at least one');
		expect(
			bundleDefinitionProblem('kit', [
				{ productId: 'kit', name: 'Kit', quantity: 1, serialised: false }
			])
		).toContain('itself');
		expect(bundleDefinitionProblem('kit', kit)).toBeNull();
	});
});
