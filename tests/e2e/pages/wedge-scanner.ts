import { expect, type CDPSession, type Page } from '@playwright/test';

/** US keyboard keys a scanner "types": [code, key code, with Shift]. */
function keyOf(char: string): { code: string; keyCode: number; shift: boolean } {
	if (/^[a-z]$/.test(char))
		return {
			code: `Key${char.toUpperCase()}`,
			keyCode: char.toUpperCase().charCodeAt(0),
			shift: false
		};
	if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, keyCode: char.charCodeAt(0), shift: true };
	if (/^[0-9]$/.test(char))
		return { code: `Digit${char}`, keyCode: char.charCodeAt(0), shift: false };
	const symbols: Record<string, [string, number, boolean]> = {
		'-': ['Minus', 189, false],
		_: ['Minus', 189, true],
		'.': ['Period', 190, false],
		'/': ['Slash', 191, false],
		'#': ['Digit3', 51, true],
		$: ['Digit4', 52, true],
		' ': ['Space', 32, false],
		']': ['BracketRight', 221, false],
		'~': ['Backquote', 192, true]
	};
	const symbol = symbols[char];
	if (!symbol) throw new Error(`WedgeScanner cannot type ${JSON.stringify(char)}`);
	return { code: symbol[0], keyCode: symbol[1], shift: symbol[2] };
}

const SHIFT = 8; // CDP modifier bit
const CTRL = 2;
/** GS1's group separator (FNC1): scanners type it as Ctrl+]. */
const GS = '\u001d';

/**
 * A keyboard-wedge barcode scanner. A real one is a USB keyboard: the
 * operating system stamps each key with the time it arrived, 1–10 ms apart,
 * whatever the page is busy with. `scan` does the same through the DevTools
 * protocol (Input.dispatchKeyEvent with a timestamp): each key `delay` ms
 * after the last on the scanner's own clock, capitals with Shift pressed
 * around them, then Enter. Playwright's own keyboard stamps a key when it
 * sends it, after the page took the last one, so on a machine whose CPUs are
 * shared its "0 ms" keys arrive 1–200 ms apart — `type` does that, for the
 * tests that want exactly Playwright's way. A GS (a GS1 code's FNC1
 * separator) is typed as Ctrl+], as wedge scanners send it.
 */
export class WedgeScanner {
	private session: Promise<CDPSession> | null = null;

	constructor(readonly page: Page) {}

	/**
	 * A scan with no field focused: what reaches the screen is the scan alone.
	 * Key times are stamped on the scanner's clock (CDP), since Playwright's own
	 * typing spreads keys up to 200 ms apart on a loaded machine, which is no scan.
	 */
	async scanUnfocused(code: string): Promise<void> {
		await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await this.scan(code, { delay: 2 });
	}

	async scan(
		code: string,
		{ delay = 2, end = 'Enter' }: { delay?: number; end?: 'Enter' | 'Tab' | null } = {}
	): Promise<void> {
		await this.idle();
		const cdp = await (this.session ??= this.page.context().newCDPSession(this.page));
		// The scanner's clock, in seconds since the epoch (what CDP timestamps are).
		const base = Date.now() / 1000;
		const step = delay / 1000;
		const send = (at: number, params: Record<string, unknown>) =>
			cdp.send('Input.dispatchKeyEvent', { ...params, timestamp: at } as never);
		const shift = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, location: 1 };
		const chars = [...code];
		const ctrl = { key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, location: 1 };
		for (const [i, char] of chars.entries()) {
			const at = base + i * step;
			if (char === GS) {
				const bracket = { key: ']', code: 'BracketRight', windowsVirtualKeyCode: 221 };
				await send(at - 0.0002, { type: 'rawKeyDown', ...ctrl, modifiers: CTRL });
				await send(at, { type: 'rawKeyDown', ...bracket, modifiers: CTRL });
				await send(at + 0.0003, { type: 'keyUp', ...bracket, modifiers: CTRL });
				await send(at + 0.0004, { type: 'keyUp', ...ctrl, modifiers: 0 });
				continue;
			}
			const { code: keyCode, keyCode: vk, shift: withShift } = keyOf(char);
			const modifiers = withShift ? SHIFT : 0;
			if (withShift) await send(at - 0.0002, { type: 'rawKeyDown', ...shift, modifiers: SHIFT });
			const key = { key: char, code: keyCode, windowsVirtualKeyCode: vk, modifiers };
			await send(at, { type: 'keyDown', ...key, text: char, unmodifiedText: char });
			await send(at + 0.0003, { type: 'keyUp', ...key });
			if (withShift) await send(at + 0.0004, { type: 'keyUp', ...shift, modifiers: 0 });
		}
		const at = base + chars.length * step;
		if (end === null) return;
		if (end === 'Enter') {
			const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
			await send(at, { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r' });
			await send(at + 0.0003, { type: 'keyUp', ...enter });
		} else {
			const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 };
			await send(at, { type: 'rawKeyDown', ...tab });
			await send(at + 0.0003, { type: 'keyUp', ...tab });
		}
	}

	/** A burst the plain Playwright way: `keyboard.type(code + '\n')`, no Shift presses. */
	async type(code: string, delay = 0): Promise<void> {
		await this.idle();
		await this.page.keyboard.type(`${code}\n`, { delay });
	}

	/** A person at the keyboard: `delay` ms a key (Playwright's timing only ever adds to it). */
	async typeByHand(text: string, delay = 90): Promise<void> {
		await this.page.keyboard.type(text, { delay });
	}

	/**
	 * The moment a person takes between typing and picking up the scanner:
	 * over the detector's one-second limit, so the two are never one burst.
	 */
	async pause(): Promise<void> {
		await this.page.waitForTimeout(1100);
	}

	/**
	 * Waits for the app to be there and a quiet moment in the page, as a
	 * person picks up the scanner once the screen is there: keys sent while
	 * the app is still starting reach no listener yet. The header is drawn by
	 * the root layout, whose mount starts the wedge listener (nothing is
	 * rendered on the server); an idle moment alone can come while the app's
	 * code is still loading.
	 */
	private async idle(): Promise<void> {
		await expect(this.page.getByRole('banner')).toBeVisible();
		await this.page.evaluate(
			() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }))
		);
	}
}
