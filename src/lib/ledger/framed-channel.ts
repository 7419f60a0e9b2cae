/**
 * Large messages over WebRTC data channels.
 *
 * y-webrtc sends each sync message as one data channel message, and a message
 * over the channel's max-message-size (256 KiB in Chromium) makes `send`
 * throw, which y-webrtc swallows: the first sync of a big store never arrives
 * (y-webrtc issues #20 and #61). This wraps the data channels of the peer
 * connections that simple-peer makes (through its documented `wrtc` option):
 * every message is sent as frames of at most FRAME_SIZE bytes and reassembled,
 * in order, on the other side, so y-webrtc and simple-peer see whole messages.
 *
 * Frame: one kind byte, then for FIRST the message's total length (uint32,
 * big-endian), then payload. A channel is ordered and reliable, so frames of
 * one message arrive together and in order; a message is queued whole, so the
 * frames of two messages never interleave. Sending waits while the channel's
 * own buffer is above HIGH_WATER, so a 10 MB sync does not overrun Chromium's
 * send queue (which closes the channel when full).
 */

export const FRAME_SIZE = 64 * 1024;
/** A reassembled message larger than this is a protocol error (a big store is a few MB). */
export const MAX_MESSAGE = 256 * 1024 * 1024;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

const WHOLE = 0;
const FIRST = 1;
const MIDDLE = 2;
const LAST = 3;
const HEADER = 1;
const FIRST_HEADER = 5;

/** Splits one message into the frames that carry it. */
export function toFrames(message: Uint8Array, frameSize = FRAME_SIZE): Uint8Array<ArrayBuffer>[] {
	if (message.length + HEADER <= frameSize) {
		const frame = new Uint8Array(message.length + HEADER);
		frame[0] = WHOLE;
		frame.set(message, HEADER);
		return [frame];
	}
	const frames: Uint8Array<ArrayBuffer>[] = [];
	const first = new Uint8Array(frameSize);
	first[0] = FIRST;
	new DataView(first.buffer).setUint32(1, message.length);
	first.set(message.subarray(0, frameSize - FIRST_HEADER), FIRST_HEADER);
	frames.push(first);
	for (let at = frameSize - FIRST_HEADER; at < message.length; at += frameSize - HEADER) {
		const part = message.subarray(at, at + frameSize - HEADER);
		const frame = new Uint8Array(part.length + HEADER);
		frame[0] = at + part.length >= message.length ? LAST : MIDDLE;
		frame.set(part, HEADER);
		frames.push(frame);
	}
	return frames;
}

/** Reassembles frames into messages; throws on frames out of order or oversize. */
export class Reassembler {
	private parts: Uint8Array[] = [];
	private expected = 0;
	private received = 0;

	/** The message this frame completes, or null while one is still arriving. */
	push(frame: Uint8Array): Uint8Array | null {
		const kind = frame[0];
		const busy = this.parts.length > 0;
		if (kind === WHOLE && !busy) return frame.slice(HEADER);
		if (kind === FIRST && !busy && frame.length >= FIRST_HEADER) {
			this.expected = new DataView(frame.buffer, frame.byteOffset).getUint32(1);
			if (this.expected > MAX_MESSAGE) throw this.fail(`a message of ${this.expected} bytes`);
			this.add(frame.slice(FIRST_HEADER));
			return null;
		}
		if ((kind === MIDDLE || kind === LAST) && busy) {
			this.add(frame.slice(HEADER));
			if (kind === MIDDLE) return null;
			if (this.received !== this.expected) throw this.fail('a message of the wrong length');
			const message = new Uint8Array(this.expected);
			let at = 0;
			for (const part of this.parts) {
				message.set(part, at);
				at += part.length;
			}
			this.reset();
			return message;
		}
		throw this.fail(`a frame of kind ${String(kind)} out of order`);
	}

	private add(part: Uint8Array): void {
		this.parts.push(part);
		this.received += part.length;
		if (this.received > this.expected) throw this.fail('more bytes than announced');
	}

	private reset(): void {
		this.parts = [];
		this.expected = 0;
		this.received = 0;
	}

	private fail(what: string): Error {
		this.reset();
		return new Error(`peer sent ${what}`);
	}
}

/** The part of RTCDataChannel that simple-peer uses, and that FramedChannel wraps. */
export interface ChannelLike {
	readonly label: string;
	readonly readyState: RTCDataChannelState;
	readonly bufferedAmount: number;
	binaryType: BinaryType;
	bufferedAmountLowThreshold: number;
	onmessage: ((event: MessageEvent) => void) | null;
	onopen: ((event: Event) => void) | null;
	onclose: ((event: Event) => void) | null;
	onerror: ((event: RTCErrorEvent) => void) | null;
	onbufferedamountlow: ((event: Event) => void) | null;
	send(data: ArrayBufferView<ArrayBuffer> | ArrayBuffer): void;
	close(): void;
}

type Handler = ((event: MessageEvent) => void) | null;

/** A data channel that carries messages of any size (up to MAX_MESSAGE) as frames. */
export class FramedChannel {
	onmessage: Handler = null;
	onbufferedamountlow: ((event: Event) => void) | null = null;
	bufferedAmountLowThreshold = 0;
	private queue: Uint8Array<ArrayBuffer>[] = [];
	private queued = 0;
	private readonly reassembler = new Reassembler();
	private received = 0;

	constructor(
		private readonly real: ChannelLike,
		private readonly onProtocolError: (error: Error) => void = (e) => console.warn(e.message)
	) {
		real.binaryType = 'arraybuffer';
		real.bufferedAmountLowThreshold = LOW_WATER;
		real.onbufferedamountlow = (event) => {
			this.pump();
			if (this.bufferedAmount <= this.bufferedAmountLowThreshold) this.onbufferedamountlow?.(event);
		};
		real.onmessage = (event) => this.receive(event);
	}

	get label(): string {
		return this.real.label;
	}
	get readyState(): RTCDataChannelState {
		return this.real.readyState;
	}
	/** Bytes not yet handed to the network: the channel's own buffer and our queue. */
	get bufferedAmount(): number {
		return this.real.bufferedAmount + this.queued;
	}
	/** Frames that arrived: none on a channel the other side does not use. */
	get framesReceived(): number {
		return this.received;
	}
	get binaryType(): BinaryType {
		return 'arraybuffer';
	}
	set binaryType(_value: BinaryType) {
		// Frames are always binary.
	}
	get onopen() {
		return this.real.onopen;
	}
	set onopen(handler) {
		this.real.onopen = handler;
	}
	get onclose() {
		return this.real.onclose;
	}
	set onclose(handler) {
		this.real.onclose = handler;
	}
	get onerror() {
		return this.real.onerror;
	}
	set onerror(handler) {
		this.real.onerror = handler;
	}

	send(data: ArrayBufferView | ArrayBuffer | string): void {
		if (this.real.readyState !== 'open') {
			throw new DOMException(`data channel is ${this.real.readyState}`, 'InvalidStateError');
		}
		const bytes =
			typeof data === 'string'
				? new TextEncoder().encode(data)
				: data instanceof ArrayBuffer
					? new Uint8Array(data)
					: new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		if (bytes.length > MAX_MESSAGE) throw new RangeError(`message of ${bytes.length} bytes`);
		for (const frame of toFrames(bytes)) {
			this.queue.push(frame);
			this.queued += frame.length;
		}
		this.pump();
	}

	close(): void {
		this.queue = [];
		this.queued = 0;
		this.real.close();
	}

	private pump(): void {
		while (this.queue.length > 0 && this.real.readyState === 'open') {
			if (this.real.bufferedAmount >= HIGH_WATER) return;
			const frame = this.queue.shift() as Uint8Array<ArrayBuffer>;
			this.queued -= frame.length;
			this.real.send(frame);
		}
		if (this.real.readyState !== 'open') {
			this.queue = [];
			this.queued = 0;
		}
	}

	private receive(event: MessageEvent): void {
		this.received++;
		let message: Uint8Array | null;
		try {
			if (!(event.data instanceof ArrayBuffer)) throw new Error('peer sent a text frame');
			message = this.reassembler.push(new Uint8Array(event.data));
		} catch (error) {
			// A peer that breaks the framing is not one to keep talking to.
			this.onProtocolError(error as Error);
			this.close();
			return;
		}
		if (message === null) return;
		try {
			this.onmessage?.(new MessageEvent('message', { data: message.buffer }));
		} catch (error) {
			// y-webrtc throws on a message it cannot read; one bad message from a
			// peer must not become an uncaught error in the app.
			this.onProtocolError(error as Error);
		}
	}
}

/**
 * An RTCPeerConnection whose data channels are FramedChannels, for
 * simple-peer's `wrtc` option (which y-webrtc passes on as `peerOpts.wrtc`).
 */
export function framedWrtc() {
	class FramedPeerConnection extends RTCPeerConnection {
		// @ts-expect-error simple-peer only needs the ChannelLike part of a data channel.
		override createDataChannel(label: string, init?: RTCDataChannelInit): FramedChannel {
			return new FramedChannel(super.createDataChannel(label, init));
		}
		override get ondatachannel() {
			return super.ondatachannel;
		}
		override set ondatachannel(handler: ((event: RTCDataChannelEvent) => void) | null) {
			super.ondatachannel = handler
				? (event) =>
						handler.call(this, {
							channel: new FramedChannel(event.channel)
						} as unknown as RTCDataChannelEvent)
				: null;
		}
	}
	return {
		RTCPeerConnection: FramedPeerConnection,
		RTCSessionDescription,
		RTCIceCandidate
	};
}
