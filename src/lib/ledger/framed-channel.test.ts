import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
	FRAME_SIZE,
	FramedChannel,
	Reassembler,
	toFrames,
	type ChannelLike
} from './framed-channel';

/** Chromium's limit: a bigger message makes send throw (y-webrtc swallows it). */
const MAX_MESSAGE_SIZE = 256 * 1024;

/**
 * Two ends of a data channel in memory. Sent messages sit in `bufferedAmount`
 * until `flush` hands them to the other end, like the SCTP send queue.
 */
class FakeChannel implements ChannelLike {
	label = 'fake';
	readyState: RTCDataChannelState = 'open';
	bufferedAmount = 0;
	binaryType: BinaryType = 'blob';
	bufferedAmountLowThreshold = 0;
	onmessage: ((event: MessageEvent) => void) | null = null;
	onopen: ((event: Event) => void) | null = null;
	onclose: ((event: Event) => void) | null = null;
	onerror: ((event: RTCErrorEvent) => void) | null = null;
	onbufferedamountlow: ((event: Event) => void) | null = null;
	other: FakeChannel | null = null;
	inFlight: ArrayBuffer[] = [];
	largestSent = 0;
	maxBuffered = 0;

	send(data: ArrayBufferView<ArrayBuffer> | ArrayBuffer): void {
		const bytes =
			data instanceof ArrayBuffer
				? data
				: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
		if (bytes.byteLength > MAX_MESSAGE_SIZE) throw new TypeError('larger than max-message-size');
		this.largestSent = Math.max(this.largestSent, bytes.byteLength);
		this.inFlight.push(bytes);
		this.bufferedAmount += bytes.byteLength;
		this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
	}

	close(): void {
		this.readyState = 'closed';
	}

	/** Delivers everything in flight, announcing the low buffer as a channel does. */
	flush(): void {
		while (this.inFlight.length > 0) {
			const data = this.inFlight.shift() as ArrayBuffer;
			const before = this.bufferedAmount;
			this.bufferedAmount -= data.byteLength;
			this.other?.onmessage?.(new MessageEvent('message', { data }));
			if (
				before > this.bufferedAmountLowThreshold &&
				this.bufferedAmount <= this.bufferedAmountLowThreshold
			) {
				this.onbufferedamountlow?.(new Event('bufferedamountlow'));
			}
		}
	}
}

function pair() {
	const a = new FakeChannel();
	const b = new FakeChannel();
	a.other = b;
	b.other = a;
	return { a, b, left: new FramedChannel(a), right: new FramedChannel(b) };
}

function bytes(n: number, seed = 1): Uint8Array {
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
	return out;
}
/** Deep equality of big byte arrays is slow in expect: compare as buffers. */
const same = (x: Uint8Array[], y: Uint8Array[]) =>
	x.length === y.length && x.every((m, i) => Buffer.compare(m, y[i]!) === 0);
const received = (channel: FramedChannel) => {
	const got: Uint8Array[] = [];
	channel.onmessage = (event) => got.push(new Uint8Array(event.data as ArrayBuffer));
	return got;
};

describe('framing', () => {
	it('round-trips messages of any size, split at every frame boundary', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 3 * 300 }), { minLength: 1, maxLength: 8 }),
				(sizes) => {
					const reassembler = new Reassembler();
					const messages = sizes.map((n, i) => bytes(n, i));
					const out: Uint8Array[] = [];
					for (const m of messages) {
						for (const frame of toFrames(m, 300)) {
							expect(frame.length).toBeLessThanOrEqual(300);
							const done = reassembler.push(frame);
							if (done) out.push(done);
						}
					}
					expect(out).toEqual(messages);
				}
			)
		);
	});

	it('refuses frames out of order', () => {
		const [first, second] = toFrames(bytes(1000), 300);
		const reassembler = new Reassembler();
		expect(() => reassembler.push(second!)).toThrow(/out of order/);
		reassembler.push(first!);
		expect(() => reassembler.push(toFrames(bytes(5))[0]!)).toThrow(/out of order/);
	});
});

describe('FramedChannel', () => {
	it('carries a 10 MB message over a channel that refuses more than 256 KiB at once', () => {
		const { a, b, left, right } = pair();
		const got = received(right);
		const big = bytes(10 * 1024 * 1024);
		left.send(big);
		while (a.inFlight.length > 0) a.flush();
		expect(same(got, [big])).toBe(true);
		expect(a.largestSent).toBeLessThanOrEqual(FRAME_SIZE);
		// Backpressure: never more than about a megabyte in the channel's own buffer.
		expect(a.maxBuffered).toBeLessThanOrEqual(1024 * 1024 + FRAME_SIZE);
		expect(b.readyState).toBe('open');
	});

	it('keeps messages in order, small ones queued behind a big one', () => {
		const { a, left, right } = pair();
		const got = received(right);
		const messages = [
			bytes(10),
			bytes(3 * 1024 * 1024, 2),
			bytes(20, 3),
			bytes(FRAME_SIZE - 1, 4),
			bytes(FRAME_SIZE, 5)
		];
		for (const m of messages) left.send(m);
		while (a.inFlight.length > 0) a.flush();
		expect(got.map((m) => m.length)).toEqual(messages.map((m) => m.length));
		expect(same(got, messages)).toBe(true);
	});

	it('throws like a data channel when it is not open, and counts queued bytes as buffered', () => {
		const { a, left } = pair();
		left.send(bytes(5 * 1024 * 1024));
		expect(left.bufferedAmount).toBeGreaterThanOrEqual(5 * 1024 * 1024);
		a.readyState = 'closed';
		expect(() => left.send(bytes(3))).toThrow(/closed/);
	});

	it('closes the channel on broken framing, and survives a handler that throws', () => {
		const warn = vi.fn();
		const a = new FakeChannel();
		const b = new FakeChannel();
		a.other = b;
		const right = new FramedChannel(b, warn);
		right.onmessage = () => {
			throw new Error('y-webrtc could not read it');
		};
		a.send(toFrames(bytes(10))[0]!);
		a.flush();
		expect(warn).toHaveBeenCalledWith(
			expect.objectContaining({ message: 'y-webrtc could not read it' })
		);
		expect(b.readyState).toBe('open');
		a.send(new Uint8Array([7, 1, 2]));
		a.flush();
		expect(String(warn.mock.lastCall?.[0])).toMatch(/out of order/);
		expect(b.readyState).toBe('closed');
	});
});
