/**
 * The keyboard-wedge scanner source: a capture-phase keydown listener on the
 * window feeds WedgeDetector and emits every scan it recognises, wherever the
 * focus is.
 *
 * A scan must not stay typed in a focused field. The detector lets slow keys
 * through (they cannot yet be told from typing) and holds fast ones back.
 * Before any characters reach the page this source remembers the focused
 * field (value and selection); when a burst turns out to be a scan, the
 * field is put back as it was before the scan's first character reached it.
 * When a burst turns out to be typing, the held characters are typed into
 * the field, in order, before the key that showed it — so a person at the
 * keyboard sees every key, a fast rolled pair at most `maxKeyGapMs` late.
 */
import type { ScanBus } from './scan-bus';
import type { ScanEvent, ScanSourceHandle } from './types';
import { GS, WedgeDetector, type TypingStep, type WedgeScan } from './wedge-detector';
import { type WedgeSettings } from './wedge-settings';

/** How a wedge scan was typed, for the scanner test page. */
export interface WedgeTiming {
	/** Characters typed, prefix and suffix included, terminator not. */
	keys: number;
	/** First key to terminator. */
	durationMs: number;
	/** The longest gap between two keys. */
	maxGapMs: number;
	/** The mean gap between two keys. */
	meanGapMs: number;
}

const timings = new WeakMap<ScanEvent, WedgeTiming>();

/** The timing of a scan this source emitted; undefined for scans of other sources. */
export function wedgeTiming(scan: ScanEvent): WedgeTiming | undefined {
	return timings.get(scan);
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface FieldSnapshot {
	field: Field;
	value: string;
	start: number | null;
	end: number | null;
	direction: 'forward' | 'backward' | 'none' | null;
}

export interface WedgeSourceOptions {
	bus: Pick<ScanBus, 'emit'>;
	/** Read on every key, so changes on the settings page apply at once. */
	settings: () => WedgeSettings;
}

export function startWedgeSource({ bus, settings }: WedgeSourceOptions): ScanSourceHandle {
	const detector = new WedgeDetector(settings, () => performance.now());
	/** The focused field before each typing step, by the step's first key. */
	const snapshots = new Map<number, FieldSnapshot | null>();
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** Keys whose keydown was swallowed: their keyup is swallowed too (a button acts on Space's keyup). */
	const swallowed = new Set<string>();

	function onKeyDown(event: KeyboardEvent) {
		if (event.isComposing) return;
		// AltGr is reported as Control+Alt on Windows, and types characters.
		const altGraph = event.getModifierState('AltGraph');
		const gs = isGroupSeparator(event);
		const plain =
			!event.repeat && (gs || altGraph || (!event.ctrlKey && !event.altKey && !event.metaKey));
		const verdict = detector.key(gs ? GS : event.key, eventTime(event), plain);
		type(verdict.typing);
		if (verdict.swallow) {
			event.preventDefault();
			event.stopPropagation();
			swallowed.add(event.code || event.key);
		}
		if (verdict.scan) {
			if (verdict.takeBackFrom !== null) restore(snapshots.get(verdict.takeBackFrom) ?? null);
			emit(verdict.scan);
		}
		forgetOldSnapshots();
		schedule();
	}

	function type(steps: readonly TypingStep[]) {
		for (const step of steps) {
			snapshots.set(step.from, snapshotOf(document.activeElement));
			if (step.release) typeIntoFocus(step.release);
		}
	}

	function forgetOldSnapshots() {
		const oldest = detector.oldestLiveSeq;
		for (const seq of snapshots.keys()) {
			if (seq >= oldest) break; // in insertion order, which is ascending
			snapshots.delete(seq);
		}
	}

	function onKeyUp(event: KeyboardEvent) {
		const id = event.code || event.key;
		if (!swallowed.delete(id)) return;
		event.preventDefault();
		event.stopPropagation();
	}

	function onBlur() {
		detector.reset();
		snapshots.clear();
		swallowed.clear();
		schedule();
	}

	/** Types held characters once no key has come within the gap. */
	function schedule() {
		clearTimeout(timer);
		const deadline = detector.deadline;
		if (deadline === null) return;
		timer = setTimeout(
			() => {
				const step = detector.expire(performance.now());
				if (step) type([step]);
				schedule();
			},
			Math.max(0, deadline - performance.now()) + 1
		);
	}

	function emit(scan: WedgeScan) {
		const event: ScanEvent = {
			code: scan.code,
			format: 'unknown',
			source: 'wedge',
			at: scan.endedAt
		};
		const gaps = scan.gaps.slice(0, -1);
		timings.set(event, {
			keys: scan.raw.length,
			durationMs: scan.endedAt - scan.startedAt,
			maxGapMs: gaps.length ? Math.max(...gaps) : 0,
			meanGapMs: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0
		});
		void bus.emit(event);
	}

	window.addEventListener('keydown', onKeyDown, { capture: true });
	window.addEventListener('keyup', onKeyUp, { capture: true });
	window.addEventListener('blur', onBlur);
	return {
		stop() {
			clearTimeout(timer);
			window.removeEventListener('keydown', onKeyDown, { capture: true });
			window.removeEventListener('keyup', onKeyUp, { capture: true });
			window.removeEventListener('blur', onBlur);
		}
	};
}

/**
 * A GS1 code's FNC1 / GS as a keyboard wedge types it: Ctrl+] (ASCII 29 is
 * Control with the key right of P on a US keyboard; scanners send that key
 * whatever the layout, so `code` BracketRight), or a key event carrying
 * ASCII 29 itself (some wedge adapters and virtual keyboards). Scanners
 * that send Alt+029 on the numeric keypad are not read: set them to send a
 * character instead (the "GS1 separator" setting).
 */
function isGroupSeparator(event: KeyboardEvent): boolean {
	if (event.key === GS) return true;
	if (!event.ctrlKey || event.altKey || event.metaKey) return false;
	return event.key === ']' || event.code === 'BracketRight';
}

/**
 * When the key was pressed. KeyboardEvent.timeStamp comes from the input
 * system, so keys that queued up while the page was busy keep their real
 * spacing; performance.now() at handling time would squeeze them together.
 */
function eventTime(event: Event): number {
	const now = performance.now();
	const t = event.timeStamp;
	return t > 0 && t <= now + 1 ? t : now;
}

function isField(el: Element | null): el is Field {
	return (
		el instanceof HTMLInputElement ||
		el instanceof HTMLTextAreaElement ||
		el instanceof HTMLSelectElement
	);
}

/** Selection of a text field; null for inputs without one (number, email, checkbox…). */
function selectionOf(field: Field): Pick<FieldSnapshot, 'start' | 'end' | 'direction'> {
	if (field instanceof HTMLSelectElement) return { start: null, end: null, direction: null };
	try {
		return {
			start: field.selectionStart,
			end: field.selectionEnd,
			direction: field.selectionDirection
		};
	} catch {
		return { start: null, end: null, direction: null };
	}
}

function snapshotOf(el: Element | null): FieldSnapshot | null {
	if (!isField(el)) return null;
	return { field: el, value: el.value, ...selectionOf(el) };
}

/** Puts a field back as it was before the burst, and tells its listeners (Svelte's bind:value). */
function restore(snapshot: FieldSnapshot | null) {
	if (!snapshot || !snapshot.field.isConnected) return;
	const { field, value, start, end, direction } = snapshot;
	if (field.value === value) return;
	field.value = value;
	if (start !== null && end !== null && !(field instanceof HTMLSelectElement)) {
		try {
			field.setSelectionRange(start, end, direction ?? undefined);
		} catch {
			// A field type without a selection: the value is what matters.
		}
	}
	field.dispatchEvent(new Event('input', { bubbles: true }));
	if (field instanceof HTMLSelectElement)
		field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types characters that were held back into the focused field, as the keys would have. */
function typeIntoFocus(text: string) {
	const el = document.activeElement;
	const editable =
		(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) &&
		!el.readOnly &&
		!el.disabled;
	if (!editable && !(el instanceof HTMLElement && el.isContentEditable)) return;
	// insertText keeps the field's undo history and fires beforeinput/input like typing.
	if (document.execCommand('insertText', false, text)) return;
	if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
		try {
			el.setRangeText(
				text,
				el.selectionStart ?? el.value.length,
				el.selectionEnd ?? el.value.length,
				'end'
			);
		} catch {
			el.value += text;
		}
		el.dispatchEvent(new Event('input', { bubbles: true }));
	}
}
