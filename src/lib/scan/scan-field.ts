/**
 * A field that takes scans as its input: while it has focus it claims the
 * scan stream, and a scan fills it (or, for a list, adds a line) instead of
 * meaning "open this unit". For fields where scanning a label is the natural
 * way to fill them in: "First serial" of a range, a product's barcode.
 *
 *   <input {@attach scanIntoField({ bus })} />
 *   <textarea {@attach scanIntoField({ bus, asLine: true })}></textarea>
 */
import type { Attachment } from 'svelte/attachments';
import type { ScanBus } from './scan-bus';

export interface ScanFieldOptions {
	/** Add each scan as a new line at the end instead of replacing the value. */
	asLine?: boolean;
	/** What the field shows of a scan (e.g. a GS1 code as its bracketed text); the scan itself by default. */
	transform?: (code: string) => string;
	/** The page's scan bus (app-context.ts). */
	bus: Pick<ScanBus, 'claim'>;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

export function scanIntoField({
	asLine = false,
	transform = (code) => code,
	bus
}: ScanFieldOptions): Attachment<TextField> {
	return (field) => {
		let release: (() => void) | null = null;
		const claim = () => {
			release ??= bus.claim((scan) => {
				put(field, transform(scan.code), asLine);
				return { ok: true };
			});
		};
		const unclaim = () => {
			release?.();
			release = null;
		};
		field.addEventListener('focus', claim);
		field.addEventListener('blur', unclaim);
		if (document.activeElement === field) claim();
		return () => {
			unclaim();
			field.removeEventListener('focus', claim);
			field.removeEventListener('blur', unclaim);
		};
	};
}

function put(field: TextField, code: string, asLine: boolean) {
	if (asLine) {
		const text = field.value;
		field.value = `${text}${text && !/[\r\n]$/.test(text) ? '\n' : ''}${code}\n`;
	} else {
		field.value = code;
	}
	const end = field.value.length;
	try {
		field.setSelectionRange(end, end);
	} catch {
		// A field type without a selection.
	}
	if (asLine) field.scrollTop = field.scrollHeight;
	// Svelte's bind:value listens for input.
	field.dispatchEvent(new Event('input', { bubbles: true }));
}
