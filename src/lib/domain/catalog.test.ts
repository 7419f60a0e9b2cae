import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeFields, serialisedOffProblem, type LwwRecord } from './catalog';
import { formatHlc } from './hlc';
import type { ProductFields } from './types';

describe('catalog merge', () => {
	it('keeps the latest write per field, whatever order writes arrive in', () => {
		const write = fc.record({
			wall: fc.integer({ min: 0, max: 100 }),
			device: fc.constantFrom('a', 'b'),
			name: fc.option(fc.string(), { nil: undefined }),
			price: fc.option(fc.nat(), { nil: undefined })
		});
		fc.assert(
			fc.property(fc.array(write, { maxLength: 12 }), fc.nat(), (writes, seed) => {
				const stamped = writes.map((w, i) => {
					const fields: Partial<ProductFields> = {};
					if (w.name !== undefined) fields.name = w.name;
					if (w.price !== undefined) fields.price = w.price;
					return { fields, at: formatHlc({ wall: w.wall, counter: i, device: w.device }) };
				});
				const apply = (list: typeof stamped) =>
					list.reduce<LwwRecord<ProductFields>>((r, w) => mergeFields(r, w.fields, w.at), {
						values: {},
						clocks: {}
					});
				// Any arrival order: a rotation and a reversal of the writes.
				const k = stamped.length ? seed % stamped.length : 0;
				const rotated = [...stamped.slice(k), ...stamped.slice(0, k)];
				expect(apply(rotated)).toEqual(apply(stamped));
				expect(apply([...stamped].reverse())).toEqual(apply(stamped));
			})
		);
	});

	it('says why Serialised Stock cannot be switched off', () => {
		expect(serialisedOffProblem(0)).toBeNull();
		expect(serialisedOffProblem(3)).toContain('3 serialised units in stock');
	});
});
