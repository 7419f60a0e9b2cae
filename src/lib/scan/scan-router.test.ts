import { describe, expect, it } from 'vitest';
import type { ProductRow, UnitRow } from '$lib/store/db';
import type { ScanMatches } from '$lib/store/queries';
import { createScanRouter } from './scan-router';
import type { ScanEvent } from './types';

const unit = (productId: string, serial: string) => ({ productId, serial }) as UnitRow;
const product = (id: string) => ({ id, name: id }) as ProductRow;
const scan = (code: string): ScanEvent => ({ code, format: 'unknown', source: 'wedge', at: 0 });

function router(matches: Record<string, Partial<ScanMatches>>) {
	const opened: string[] = [];
	const handle = createScanRouter({
		find: async (code) => ({ units: [], products: [], serial: code, ...matches[code] }),
		open: (href) => opened.push(href)
	});
	return { handle, opened };
}

describe('createScanRouter', () => {
	it('opens the unit of a serial on one product', async () => {
		const { handle, opened } = router({ 'SN 1/2': { units: [unit('p1', 'SN 1/2')] } });
		expect(await handle(scan('SN 1/2'))).toEqual({ ok: true });
		expect(opened).toEqual(['/unit?product=p1&serial=SN%201%2F2']);
	});

	it('asks which product when two have a unit with that serial', async () => {
		const { handle, opened } = router({ SN9: { units: [unit('p1', 'SN9'), unit('p2', 'SN9')] } });
		expect(await handle(scan('SN9'))).toEqual({ ok: true });
		expect(opened).toEqual(['/find?serial=SN9']);
	});

	it('opens the product of a barcode or stock code, a unit first', async () => {
		const { handle, opened } = router({
			'8806095299635': { products: [product('galaxy')] },
			X1: { units: [unit('p1', 'X1')], products: [product('p2')] }
		});
		await handle(scan('8806095299635'));
		await handle(scan('X1'));
		expect(opened).toEqual(['/products/galaxy/stock', '/unit?product=p1&serial=X1']);
	});

	it('rejects an unknown code and shows it', async () => {
		const { handle, opened } = router({});
		expect(await handle(scan('XYZ-404'))).toEqual({
			ok: false,
			message: 'No unit or product matches “XYZ-404”'
		});
		expect(opened).toEqual([]);
	});

	it('shows why a GS1 code names nothing', async () => {
		const problem = 'No product has GTIN 09506000134352 on this device.';
		const { handle, opened } = router({ G: { problem } });
		expect(await handle(scan('G'))).toEqual({ ok: false, message: problem });
		expect(opened).toEqual([]);
	});

	it('opens the unit a GS1 code names by GTIN and serial', async () => {
		const { handle, opened } = router({ G: { units: [unit('p1', 'S1')], serial: 'S1' } });
		expect(await handle(scan('G'))).toEqual({ ok: true });
		expect(opened).toEqual(['/unit?product=p1&serial=S1']);
	});
});
