/**
 * "System Generated" serials: unique across devices that generate offline
 * at the same time, without asking anyone.
 *
 * A serial is the device's code (5 symbols, from a hash of its id) followed
 * by the device's counter (8 symbols, fixed width), both written in
 * SAFE_ALPHABET: 13 characters, within the 16 a label allows. Two devices
 * with different codes never collide because the code is a fixed-width
 * prefix; one device never repeats itself as long as its counter only
 * grows. The caller keeps the counter (and can recover it from the log with
 * `systemSerialParts`).
 *
 * Two devices may hash to the same code: with 21^5 ≈ 4.08 million codes,
 * the chance among 20 devices of one store is about 1 in 20,000. The caller
 * can detect that (a code already used by another device in the log) and
 * derive a new code from a salted id.
 */
import { MAX_BATCH } from './serial-rules';

/**
 * No look-alikes, for people who read a label aloud or type it in:
 * removed 0 O Q D (round), 1 I L (stroke), 2 Z, 5 S, 8 B, and U V.
 * What is left is 5 digits and 16 letters, all upper case, all in Code128
 * set B: 21 symbols.
 */
export const SAFE_ALPHABET = '34679ACEFGHJKMNPRTWXY';

export const DEVICE_CODE_LENGTH = 5;
export const COUNTER_WIDTH = 8;
export const SYSTEM_SERIAL_LENGTH = DEVICE_CODE_LENGTH + COUNTER_WIDTH;

const BASE = SAFE_ALPHABET.length;

/** Counters run from 0 to MAX_COUNTER − 1 (21^8 ≈ 37.8 billion per device). */
export const MAX_COUNTER = BASE ** COUNTER_WIDTH;

const DEVICE_CODES = BASE ** DEVICE_CODE_LENGTH;

// Symbol value by char code, -1 for anything outside the alphabet.
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE; i++) VALUE[SAFE_ALPHABET.charCodeAt(i)] = i;

function symbolValue(text: string, index: number): number {
	return VALUE[text.charCodeAt(index)] ?? -1;
}

/**
 * FNV-1a, 32-bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv), over the
 * UTF-8 bytes of the text. Stable across platforms and releases, which is
 * all a device code needs; it is not meant to resist an adversary.
 */
export function fnv1a32(text: string): number {
	let hash = 0x811c9dc5;
	const add = (byte: number): void => {
		hash = Math.imul(hash ^ byte, 0x01000193);
	};
	for (let i = 0; i < text.length; i++) {
		let cp = text.codePointAt(i) ?? 0;
		if (cp > 0xffff) i++;
		else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate, as TextEncoder does
		if (cp < 0x80) add(cp);
		else if (cp < 0x800) {
			add(0xc0 | (cp >> 6));
			add(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			add(0xe0 | (cp >> 12));
			add(0x80 | ((cp >> 6) & 0x3f));
			add(0x80 | (cp & 0x3f));
		} else {
			add(0xf0 | (cp >> 18));
			add(0x80 | ((cp >> 12) & 0x3f));
			add(0x80 | ((cp >> 6) & 0x3f));
			add(0x80 | (cp & 0x3f));
		}
	}
	return hash >>> 0;
}

/** Writes `value` in SAFE_ALPHABET, most significant symbol first, fixed width. */
function encode(value: number, width: number): string {
	let out = '';
	let rest = value;
	for (let i = 0; i < width; i++) {
		out = SAFE_ALPHABET.charAt(rest % BASE) + out;
		rest = Math.floor(rest / BASE);
	}
	return out;
}

/** The device's 5-symbol code, the same every time for the same id. */
export function deviceCode(deviceId: string): string {
	return encode(fnv1a32(deviceId) % DEVICE_CODES, DEVICE_CODE_LENGTH);
}

export function isDeviceCode(code: string): boolean {
	if (code.length !== DEVICE_CODE_LENGTH) return false;
	for (let i = 0; i < code.length; i++) if (symbolValue(code, i) < 0) return false;
	return true;
}

/**
 * `count` serials for counters startCounter, startCounter + 1, ...
 * Throws RangeError on bad arguments: the caller validates user input first,
 * so reaching this with a bad value is a bug, not a user mistake.
 */
export function systemSerials(code: string, startCounter: number, count: number): string[] {
	if (!isDeviceCode(code)) throw new RangeError(`Not a device code: "${code}"`);
	if (!Number.isSafeInteger(startCounter) || startCounter < 0) {
		throw new RangeError(`The counter must be a whole number ≥ 0, not ${startCounter}`);
	}
	if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH) {
		throw new RangeError(`The count must be 1 to ${MAX_BATCH}, not ${count}`);
	}
	if (startCounter + count > MAX_COUNTER) {
		throw new RangeError(`Device ${code} has used up its ${MAX_COUNTER} serials`);
	}
	const serials = new Array<string>(count);
	for (let i = 0; i < count; i++) serials[i] = code + encode(startCounter + i, COUNTER_WIDTH);
	return serials;
}

/** The device code and counter of a system-generated serial, or null. */
export function systemSerialParts(serial: string): { code: string; counter: number } | null {
	if (serial.length !== SYSTEM_SERIAL_LENGTH) return null;
	let counter = 0;
	for (let i = 0; i < SYSTEM_SERIAL_LENGTH; i++) {
		const value = symbolValue(serial, i);
		if (value < 0) return null;
		if (i >= DEVICE_CODE_LENGTH) counter = counter * BASE + value;
	}
	return { code: serial.slice(0, DEVICE_CODE_LENGTH), counter };
}
