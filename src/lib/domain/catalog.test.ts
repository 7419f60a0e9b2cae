import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeFields, serialisedOffProblem, type LwwRecord } from './catalog';
import { formatHlc } from './hlc';
import type { ProductFields } from './types';

describe('catalog merge', () => {
	it('keeps the latest write per field, whatever order writes arrive in', () => {
		// Few clocks, so that writes often share one (a faulty device): the event id decides then.
		const write = fc.record({
			wall: fc.integer({ min: 0, max: 3 }),
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
					const at = formatHlc({ wall: w.wall, counter: 0, device: w.device });
					return { fields, stamp: { at, eventId: `e${i}` } };
				});
				const apply = (list: typeof stamped) =>
					list.reduce<LwwRecord<ProductFields>>((r, w) => mergeFields(r, w.fields, w.stamp), {
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

	it('breaks a tie of clocks by event id, not by arrival', () => {
		const at = formatHlc({ wall: 5, counter: 0, device: 'a' });
		const empty: LwwRecord<ProductFields> = { values: {}, clocks: {} };
		const one = { at, eventId: 'e1' };
		const two = { at, eventId: 'e2' };
		const ab = mergeFields(mergeFields(empty, { name: 'one' }, one), { name: 'two' }, two);
		const ba = mergeFields(mergeFields(empty, { name: 'two' }, two), { name: 'one' }, one);
		expect(ab).toEqual(ba);
		expect(ab.values.name).toBe('two');
		expect(ab.clocks.name).toEqual(two);
	});

	it('says why Serialised Stock cannot be switched off', () => {
		expect(serialisedOffProblem(0)).toBeNull();
		expect(serialisedOffProblem(3)).toContain('3 serialised units in stock');
	});
});
