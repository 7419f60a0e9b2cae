/**
 * Steps the sync tests share: what staff do on a device, and what the tests
 * check across devices.
 */
import { expect, type Page } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { GenerateSerialsPage } from '../pages/generate-serials';
import { ReceiptPage } from '../pages/receipt-page';
import { SettingsPage } from '../pages/settings-page';
import { logFingerprint } from '../fixtures';
import type { Device } from './devices';

/** Adjust stock on a unit's page: the way staff change a unit's status. */
export async function adjust(
	page: Page,
	productId: string,
	serial: string,
	action: string
): Promise<void> {
	await page.goto(
		`/unit?product=${encodeURIComponent(productId)}&serial=${encodeURIComponent(serial)}`
	);
	const form = page.getByRole('form', { name: 'Adjust stock' });
	await form.getByLabel('Adjust stock').selectOption({ label: action });
	await form.getByRole('button', { name: 'Save adjustment' }).click();
	await expect(page.getByRole('status').filter({ hasText: `${action}.` })).toBeVisible();
}

/** Receives a range too big for the fixtures' patience (100,000 serials take a while). */
export async function receiveBigRange(
	page: Page,
	productId: string,
	first: string,
	last: string,
	count: number
): Promise<void> {
	const generate = new GenerateSerialsPage(page);
	await generate.goto(productId);
	await generate.fillDetails({ newSupplier: 'Northwind' });
	await generate.range(first, last);
	await generate.submit();
	await expect(new ReceiptPage(page).heading).toHaveText(
		`${count.toLocaleString('en')} serials generated`,
		{
			timeout: 120_000
		}
	);
}

/** The number Settings shows as "Events in the log". */
export async function logSize(page: Page): Promise<string> {
	const settings = new SettingsPage(page);
	await settings.goto();
	await expect(settings.eventCount).toHaveText(/^[\d,]+$/);
	return settings.eventCount.innerText();
}

/** Every device holds the same events, each once, in its log and in its tables. */
export async function expectSameEventsOnce(all: Device[]): Promise<void> {
	const [first, ...rest] = all as [Device, ...Device[]];
	const fingerprint = await logFingerprint(first.page);
	const size = await logSize(first.page);
	for (const d of rest) {
		expect(await logFingerprint(d.page)).toBe(fingerprint);
		expect(await logSize(d.page)).toBe(size);
	}
}

/**
 * What a hostile peer writes on its data channel: a y-webrtc sync message
 * (a Yjs update appending `events` to the store's log) as one frame of
 * framed-channel.ts (kind 0: a whole message).
 */
export function hostileFrame(events: unknown[]): number[] {
	const doc = new Y.Doc();
	doc.getArray('events').push(events);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // y-webrtc: sync message
	encoding.writeVarUint(encoder, 2); // y-protocols: update
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
	return [0, ...encoding.toUint8Array(encoder)];
}

/** Keeps a hand on the page's raw data channels (an init script), to write to them as a hostile peer would. */
export function captureChannels(): void {
	const channels: RTCDataChannel[] = ((
		window as unknown as { __channels: RTCDataChannel[] }
	).__channels = []);
	const original = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'send')?.value as (
		this: RTCDataChannel,
		data: never
	) => void;
	RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
		if (!channels.includes(this)) channels.push(this);
		original.call(this, data);
	};
}
