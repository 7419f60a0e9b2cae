import { describe, expect, it } from 'vitest';
import { ScanBus } from './scan-bus';
import type { ScanEvent } from './types';

const scan = (code: string): ScanEvent => ({ code, format: 'unknown', source: 'wedge', at: 0 });

describe('ScanBus', () => {
	it('gives a scan to the latest claim, then to the one before it once released', async () => {
		const bus = new ScanBus();
		const got: string[] = [];
		bus.claim((s) => (got.push(`first ${s.code}`), { ok: true }));
		const release = bus.claim((s) => (got.push(`second ${s.code}`), { ok: true }));
		await bus.emit(scan('A'));
		release();
		await bus.emit(scan('B'));
		expect(got).toEqual(['second A', 'first B']);
	});

	it('refuses an unclaimed scan while a screen protects unsaved typing, and passes it on after', async () => {
		const bus = new ScanBus();
		const opened: string[] = [];
		bus.setDefault((s) => (opened.push(s.code), { ok: true }));
		let typed = true;
		const release = bus.protect((s) => (typed ? `${s.code}: save the form first` : null));
		expect(await bus.emit(scan('SN-1'))).toEqual({
			ok: false,
			message: 'SN-1: save the form first'
		});
		typed = false;
		expect(await bus.emit(scan('SN-2'))).toEqual({ ok: true });
		typed = true;
		release();
		expect(await bus.emit(scan('SN-3'))).toEqual({ ok: true });
		expect(opened).toEqual(['SN-2', 'SN-3']);
	});

	it('still gives scans to a claim (a focused scan field) while typing is protected', async () => {
		const bus = new ScanBus();
		bus.protect(() => 'unsaved typing');
		const filled: string[] = [];
		bus.claim((s) => (filled.push(s.code), { ok: true }));
		expect(await bus.emit(scan('4006381333931'))).toEqual({ ok: true });
		expect(filled).toEqual(['4006381333931']);
	});

	it('tells every watcher what became of each scan', async () => {
		const bus = new ScanBus();
		const seen: string[] = [];
		bus.watch((s, outcome) => seen.push(`${s.code} ${outcome.ok}`));
		await bus.emit(scan('X'));
		expect(seen).toEqual(['X false']);
	});
});
