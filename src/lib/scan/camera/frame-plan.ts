/**
 * Which part of each camera frame is decoded. The aiming area first (the
 * label the user aims at, at full resolution, and cheap), and the whole
 * frame on every other frame: a code larger than the area, or held away
 * from its middle, is read all the same (issue 11: on photographs of real
 * labels, the aiming area alone read 17 of 70 codes and the whole picture
 * 55). Of every three aiming-area frames, two are turned by ±TILT
 * degrees, so a linear code held askew — which scan lines can only read
 * when they cross every bar — is read too; 2-D decoders find any angle
 * themselves.
 *
 * Not done: decoding the aiming area enlarged 2x. It read a few more small,
 * grainy linear codes on our test pictures, but it also read a look-alike
 * EAN-13 whose check digit was wrong as another, valid, EAN-13, in two
 * frames running (bench/README.md, issue 11).
 */
export interface FrameView {
	region: 'aim' | 'whole';
	/** Degrees the region is turned before decoding (0: as it is). */
	rotation: number;
}

export const TILT = 30;

const AIM: FrameView = { region: 'aim', rotation: 0 };
const WHOLE: FrameView = { region: 'whole', rotation: 0 };

const CYCLE: readonly FrameView[] = [
	AIM,
	WHOLE,
	{ ...AIM, rotation: TILT },
	WHOLE,
	{ ...AIM, rotation: -TILT },
	WHOLE
];

/** The view of the `n`th decoded frame (from 0). */
export function frameView(n: number): FrameView {
	return CYCLE[((n % CYCLE.length) + CYCLE.length) % CYCLE.length] ?? WHOLE;
}
