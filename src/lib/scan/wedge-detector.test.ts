import { describe, expect, it } from 'vitest';
import { scanStart, WedgeDetector, type TypingStep, type WedgeScan } from './wedge-detector';
import {
	DEFAULT_WEDGE_SETTINGS,
	normaliseWedgeSettings,
	type WedgeSettings
} from './wedge-settings';

/** A clock the test moves by hand. */
class FakeClock {
	now = 1000;
	advance(ms: number): number {
		this.now += ms;
		return this.now;
	}
}

/**
 * A focused text field and the page around it, driven the way wedge-source.ts
 * drives the DOM: a key that is not swallowed types its character (Enter and
 * Tab do their own thing, counted in `passedKeys`), released characters are
 * typed before it, and a scan takes its let-through characters back out.
 */
class Harness {
	readonly clock = new FakeClock();
	readonly detector: WedgeDetector;
	field = '';
	scans: WedgeScan[] = [];
	/** The field before each typing step, as wedge-source.ts keeps it. */
	private snapshots = new Map<number, string>();
	/** Enter/Tab presses that reached the page. */
	passedKeys: string[] = [];

	constructor(settings: Partial<WedgeSettings> = {}) {
		const s = { ...DEFAULT_WEDGE_SETTINGS, ...settings };
		this.detector = new WedgeDetector(
			() => s,
			() => this.clock.now
		);
	}

	key(key: string, gapMs: number, plain = true): void {
		const at = this.clock.advance(gapMs);
		const verdict = this.detector.key(key, at, plain);
		this.apply(verdict.typing);
		if (verdict.scan) {
			if (verdict.takeBackFrom !== null) {
				const before = this.snapshots.get(verdict.takeBackFrom);
				expect(before, 'a snapshot for the step to take back').toBeDefined();
				this.field = before ?? this.field;
			}
			this.scans.push(verdict.scan);
		}
		if (verdict.swallow) return;
		if (key.length === 1) this.field += key;
		else if (key === 'Enter' || key === 'Tab') this.passedKeys.push(key);
	}

	/** Types `text` ('\n' is Enter, '\t' Tab) with `gap` ms before each key; capitals with Shift held. */
	type(text: string, gap: number | (() => number), { shift = true } = {}): void {
		const next = typeof gap === 'number' ? () => gap : gap;
		for (const char of text) {
			const key = char === '\n' ? 'Enter' : char === '\t' ? 'Tab' : char;
			const capital = shift && /[A-Z]/.test(char);
			if (capital) this.key('Shift', next() / 2);
			this.key(key, capital ? next() / 2 : next());
		}
	}

	private apply(steps: readonly TypingStep[]) {
		for (const step of steps) {
			this.snapshots.set(step.from, this.field);
			this.field += step.release;
		}
	}

	/** Lets time pass with no key, then does what the source's timer does. */
	idle(ms: number): void {
		const step = this.detector.expire(this.clock.advance(ms));
		if (step) this.apply([step]);
	}

	get codes(): string[] {
		return this.scans.map((s) => s.code);
	}
}

/** A reproducible random sequence (mulberry32). */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('WedgeDetector: scanner bursts', () => {
	it.each([0, 1, 5, 8])('takes a burst at %i ms a key ending in Enter as one scan', (gap) => {
		const h = new Harness();
		h.type('SN-000123\n', gap);
		expect(h.codes).toEqual(['SN-000123']);
		// Nothing stays typed and Enter never reached the page.
		expect(h.field).toBe('');
		expect(h.passedKeys).toEqual([]);
	});

	it('keeps capitals whether Shift is held for them or not', () => {
		const h = new Harness();
		h.type('AbC-12x\n', 3, { shift: true });
		h.type('QWERTY9\n', 3, { shift: false });
		expect(h.codes).toEqual(['AbC-12x', 'QWERTY9']);
		expect(h.field).toBe('');
	});

	it('ends a scan with Tab too, unless Tab is switched off', () => {
		const h = new Harness();
		h.type('8806095299635\t', 2);
		expect(h.codes).toEqual(['8806095299635']);

		const noTab = new Harness({ endWithTab: false });
		noTab.type('8806095299635\t', 2);
		noTab.idle(100);
		expect(noTab.codes).toEqual([]);
		expect(noTab.field).toBe('8806095299635');
		expect(noTab.passedKeys).toEqual(['Tab']);
	});

	it('records when the scan started and ended and the gaps between its keys', () => {
		const h = new Harness();
		const start = h.clock.now;
		h.type('ABCD\n', 4, { shift: false });
		const [scan] = h.scans;
		expect(scan).toMatchObject({
			code: 'ABCD',
			raw: 'ABCD',
			startedAt: start + 4,
			endedAt: start + 20
		});
		expect(scan?.gaps).toEqual([4, 4, 4, 4]);
	});

	it('receives 1,000 back-to-back scans whole and in order', () => {
		const h = new Harness();
		const random = seeded(7);
		const sent: string[] = [];
		for (let i = 0; i < 1000; i++) {
			const code = `Unit${String(i).padStart(5, '0')}X`;
			sent.push(code);
			// 0–5 ms a key, the next scan straight after the last one's Enter.
			h.type(`${code}\n`, () => Math.floor(random() * 6));
		}
		expect(h.codes).toEqual(sent);
		expect(h.field).toBe('');
		expect(h.passedKeys).toEqual([]);
	});
});

describe('WedgeDetector: people typing', () => {
	it('never takes typing at 80 ms a key for a scan, and every character is typed', () => {
		const h = new Harness();
		h.type('Delivery note 4471\n', 80);
		expect(h.codes).toEqual([]);
		expect(h.field).toBe('Delivery note 4471');
		expect(h.passedKeys).toEqual(['Enter']);
	});

	it('never takes uneven typing (80–400 ms a key) for a scan', () => {
		const random = seeded(42);
		const h = new Harness();
		let text = '';
		for (let word = 0; word < 200; word++) {
			const w = `SN${Math.floor(random() * 1e6)}\n`;
			text += w.slice(0, -1);
			h.type(w, () => 80 + random() * 320);
		}
		expect(h.codes).toEqual([]);
		expect(h.field).toBe(text);
		expect(h.passedKeys).toHaveLength(200);
	});

	it('types a fast rolled key pair after a short hold, in order', () => {
		const h = new Harness();
		h.type('ab', 15); // a rolled pair: 'b' is held…
		expect(h.field).toBe('a');
		expect(h.detector.deadline).toBe(h.clock.now + DEFAULT_WEDGE_SETTINGS.maxKeyGapMs);
		h.idle(DEFAULT_WEDGE_SETTINGS.maxKeyGapMs + 1); // …and typed once no key follows.
		expect(h.field).toBe('ab');
		h.type('cd', 120);
		h.type('e', 120);
		h.type('f', 30); // another rolled pair
		h.type('\n', 120);
		expect(h.field).toBe('abcdef');
		expect(h.passedKeys).toEqual(['Enter']);
		expect(h.codes).toEqual([]);
	});

	it('types held characters before a slow key that ends the burst', () => {
		const h = new Harness();
		h.type('SN1', 2);
		h.key('2', 150);
		h.key('3', 150);
		h.key('Enter', 150);
		expect(h.field).toBe('SN123');
		expect(h.codes).toEqual([]);
	});

	it('takes a shortcut or an editing key as typing', () => {
		const h = new Harness();
		h.type('SN12', 2);
		h.key('v', 2, false); // Control+V
		h.key('Enter', 2);
		expect(h.codes).toEqual([]);
		expect(h.field).toBe('SN12v');
		h.type('AB', 2);
		h.key('Backspace', 2);
		expect(h.field).toBe('SN12vAB');
	});
});

describe('WedgeDetector: mixed, short, prefix and suffix', () => {
	it('picks a scan out of typing around it, and the typing stays', () => {
		const h = new Harness();
		h.type('PO-77', 110);
		h.idle(150);
		h.type('SN-ABC-0009\n', 2);
		h.idle(200);
		h.type('12', 95);
		expect(h.codes).toEqual(['SN-ABC-0009']);
		expect(h.field).toBe('PO-7712');
	});

	it('does not take a burst shorter than the minimum length', () => {
		const h = new Harness();
		h.type('ABC\n', 1);
		expect(h.codes).toEqual([]);
		expect(h.field).toBe('ABC');
		expect(h.passedKeys).toEqual(['Enter']);

		const two = new Harness({ minLength: 2 });
		two.type('AB\n', 1);
		expect(two.codes).toEqual(['AB']);
	});

	it('strips a configured prefix and suffix, and counts the length without them', () => {
		const h = new Harness({ prefix: '$$', suffix: '#', minLength: 4 });
		h.type('$$SN-42#\n', 2);
		h.type('$$ABC#\n', 2); // "ABC" is too short once stripped
		h.idle(100);
		h.type('NOPREFIX\n', 2); // stripped only when present
		expect(h.codes).toEqual(['SN-42', 'NOPREFIX']);
		expect(h.field).toBe('$$ABC#');
	});

	it('is not fooled by Shift presses: modifiers neither count nor break the timing', () => {
		const h = new Harness();
		for (const key of 'WXYZ') {
			h.key('Shift', 30);
			h.key(key, 30); // 60 ms after the last: too slow, although a Shift came between
		}
		h.key('Enter', 30);
		expect(h.codes).toEqual([]);
		expect(h.field).toBe('WXYZ');
	});

	it('applies changed settings at once', () => {
		const settings = { ...DEFAULT_WEDGE_SETTINGS };
		const clock = new FakeClock();
		const detector = new WedgeDetector(
			() => settings,
			() => clock.now
		);
		const feed = (text: string, gap: number) =>
			[...text].map((c) => detector.key(c === '\n' ? 'Enter' : c, clock.advance(gap))).at(-1);
		expect(feed('SLOW1\n', 60)?.scan).toBeNull();
		settings.maxKeyGapMs = 70;
		clock.advance(1000);
		expect(feed('SLOW2\n', 60)?.scan?.code).toBe('SLOW2');
	});
});

describe('WedgeDetector: late keys and typing just before a scan', () => {
	it('takes a scan with an odd late key (a busy page, a Bluetooth batch), and types nothing', () => {
		const h = new Harness();
		const gaps = [0, 3, 150, 3, 3, 210, 2, 3, 3, 60, 2, 3];
		[...'SN-ABC-0009\n'].forEach((c, i) => h.key(c === '\n' ? 'Enter' : c, gaps[i] ?? 2));
		expect(h.codes).toEqual(['SN-ABC-0009']);
		expect(h.field).toBe('');
		expect(h.passedKeys).toEqual([]);
	});

	it('takes a scan whose Shift-held capitals come slower than the rest', () => {
		const h = new Harness();
		// Measured on a busy machine: Playwright's Shift, key, Shift for each capital.
		const gaps = [0, 68, 70, 19, 11, 12, 12, 9];
		[...'PX-0002\n'].forEach((c, i) => h.key(c === '\n' ? 'Enter' : c, gaps[i] ?? 2));
		expect(h.codes).toEqual(['PX-0002']);
		expect(h.field).toBe('');
	});

	it('takes a scan that starts straight after typing, and the typing stays', () => {
		const h = new Harness();
		h.type('Box 4', 130);
		h.key(' ', 90);
		h.key('8', 60); // the scan's first key, 60 ms after the space
		h.type('806095299635\n', 3);
		expect(h.codes).toEqual(['8806095299635']);
		expect(h.field).toBe('Box 4 ');
	});

	it('never takes a person with an occasional fast pair for a scanner', () => {
		const h = new Harness();
		// "stock" + Enter: s-t rolled (25 ms), o-c rolled (35 ms), the rest 90–140 ms.
		const gaps = [200, 25, 110, 35, 90, 140];
		[...'stock\n'].forEach((c, i) => h.key(c === '\n' ? 'Enter' : c, gaps[i] ?? 100));
		expect(h.codes).toEqual([]);
		expect(h.field).toBe('stock');
		expect(h.passedKeys).toEqual(['Enter']);
	});
});

describe('scanStart', () => {
	const F = 'fast' as const;
	const S = 'slow' as const;
	const B = 'between' as const;
	it('starts where slow gaps turn fast', () => {
		expect(scanStart([F, F, F])).toBe(0);
		expect(scanStart([S, S, S, S, F, F, F])).toBe(4);
		// An odd slow gap inside the fast run stays inside.
		expect(scanStart([F, F, S, F, F, F])).toBe(0);
		expect(scanStart([S, S, S, F, S, F, F, F])).toBe(3);
		// Gaps between a scanner's pace and a person's do not cut a scan,
		expect(scanStart([B, B, F, F, F, F])).toBe(0);
		// nor do one or two late keys at its start.
		expect(scanStart([S, F, F, F])).toBe(0);
		expect(scanStart([S, S, F, F, F])).toBe(0);
		expect(scanStart([S, S, S, F, F, F])).toBe(3);
	});
});

describe('normaliseWedgeSettings', () => {
	it('fills in defaults and keeps values in bounds', () => {
		expect(normaliseWedgeSettings(null)).toEqual(DEFAULT_WEDGE_SETTINGS);
		expect(
			normaliseWedgeSettings({
				maxKeyGapMs: 0,
				minLength: 900,
				prefix: 'ABC',
				endWithEnter: false,
				endWithTab: false
			})
		).toEqual({
			...DEFAULT_WEDGE_SETTINGS,
			maxKeyGapMs: 5,
			minLength: 64,
			prefix: 'ABC',
			endWithTab: false
		});
		expect(normaliseWedgeSettings({ maxKeyGapMs: Number.NaN })).toEqual(DEFAULT_WEDGE_SETTINGS);
	});
});

describe('WedgeDetector: GS1 codes', () => {
	const GS = '\u001d';

	it('keeps the GS separators (Ctrl+]) of a scanned GS1 code', () => {
		const h = new Harness();
		h.type(`]d20109506000134352${GS}10LOT${GS}21SN1\n`, 3);
		expect(h.codes).toEqual([`]d20109506000134352${GS}10LOT${GS}21SN1`]);
		expect(h.field).toBe('');
	});

	it('never types a GS into the field when the burst was typing', () => {
		const h = new Harness();
		h.type(`ab${GS}c`, 3);
		h.idle(100);
		expect(h.field).toBe('abc');
		expect(h.codes).toEqual([]);
	});

	it('reads a configured separator character as GS in a GS1 code only', () => {
		const h = new Harness({ groupSeparator: '~' });
		h.type(`]d20109506000134352~10LOT~21SN1\n`, 3);
		h.idle(2000);
		h.type(`~0109506000134352~21SN2\n`, 3);
		h.idle(2000);
		h.type(`SN~PLAIN\n`, 3);
		expect(h.codes).toEqual([
			`]d20109506000134352${GS}10LOT${GS}21SN1`,
			`${GS}0109506000134352${GS}21SN2`,
			'SN~PLAIN'
		]);
	});

	it('keeps the separator setting to one printable character', () => {
		expect(normaliseWedgeSettings({ groupSeparator: '~' }).groupSeparator).toBe('~');
		expect(normaliseWedgeSettings({ groupSeparator: '~~' }).groupSeparator).toBe('');
		expect(normaliseWedgeSettings({ groupSeparator: ' ' }).groupSeparator).toBe('');
	});
});
