import { describe, expect, it } from 'vitest';
import { LastReceipt } from './last-receipt';

function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
	map: Map<string, string>;
} {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k)
	};
}

describe('LastReceipt', () => {
	it('keeps the batch being saved per store, and goes back to the one before when refused', () => {
		const storage = memory();
		const a = new LastReceipt(storage, 'store-a');
		const b = new LastReceipt(storage, 'store-b');
		expect(a.read()).toBeNull();
		a.begin({ receiptId: 'r1', startedAt: 1 });
		expect(a.read()).toEqual({ receiptId: 'r1', startedAt: 1 });
		expect(b.read()).toBeNull();
		const before = a.read();
		a.begin({ receiptId: 'r2', startedAt: 2 });
		a.restore(before);
		expect(a.read()).toEqual({ receiptId: 'r1', startedAt: 1 });
		a.restore(null);
		expect(a.read()).toBeNull();
	});

	it('reads anything else as none', () => {
		const storage = memory();
		storage.setItem('unitrack.generate.last.s', '{not json');
		expect(new LastReceipt(storage, 's').read()).toBeNull();
		storage.setItem('unitrack.generate.last.s', '{"receiptId":3}');
		expect(new LastReceipt(storage, 's').read()).toBeNull();
	});
});
