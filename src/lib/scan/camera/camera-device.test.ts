import { describe, expect, it } from 'vitest';
import {
	cameraErrorMessage,
	CameraUnavailable,
	DecoderUnavailable,
	torchState
} from './camera-device';

function track(capabilities: object, settings: object = {}) {
	return {
		getCapabilities: () => capabilities as MediaTrackCapabilities,
		getSettings: () => settings as MediaTrackSettings
	};
}

describe('torchState', () => {
	it('is null for a camera without a torch', () => {
		expect(torchState(track({}))).toBeNull();
		expect(torchState(track({ torch: false }))).toBeNull();
		expect(torchState(track({ torch: [false] }))).toBeNull();
		expect(torchState(undefined)).toBeNull();
	});

	it('reads the torch as Chrome reports it (true) and as the spec does ([false, true])', () => {
		expect(torchState(track({ torch: true }))).toBe(false);
		expect(torchState(track({ torch: [false, true] }, { torch: true }))).toBe(true);
	});

	it('is null where the browser has no getCapabilities', () => {
		expect(torchState({ getSettings: () => ({}) } as unknown as MediaStreamTrack)).toBeNull();
	});
});

describe('cameraErrorMessage', () => {
	const error = (name: string) => new DOMException('x', name);

	it('tells the user what to do for each way a camera fails to open', () => {
		expect(cameraErrorMessage(error('NotAllowedError'))).toMatch(/^The camera is blocked/);
		expect(cameraErrorMessage(error('NotFoundError'))).toBe('No camera was found on this device.');
		expect(cameraErrorMessage(error('NotReadableError'))).toMatch(/in use by another app/);
		expect(cameraErrorMessage(new CameraUnavailable())).toMatch(/secure https/);
		expect(cameraErrorMessage(new DecoderUnavailable(new Error('wasm 404')))).toMatch(
			/could not load \(wasm 404\)\. Try the other camera decoder/
		);
		expect(cameraErrorMessage(new Error('odd'))).toBe('The camera could not start: odd');
	});
});
