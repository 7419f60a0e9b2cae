/**
 * The aiming area: the part of the camera picture that is decoded, drawn
 * over the video so the user knows where to hold the code. Decoding only
 * this part reads the label the user aims at (not its neighbour on the
 * shelf) and costs a fraction of the whole frame.
 *
 * The video fills its box with `object-fit: cover`, so the box shows only
 * the middle of a frame whose shape differs from the box; `aimRegion` maps
 * the area from the box to the frame's pixels.
 */
export interface Insets {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Fractions of the video box; wide, since most labels carry a linear code. */
export const AIM_AREA: Readonly<Insets> = Object.freeze({
	left: 0.1,
	right: 0.1,
	top: 0.22,
	bottom: 0.22
});

/** Added around the area on each side, as a fraction of the visible picture: a code at the edge still reads. */
export const AIM_MARGIN = 0.04;

/**
 * The frame pixels under the aiming area of a `view`-sized box showing a
 * `frame`-sized picture with object-fit: cover. The whole frame when the box
 * has no size (not laid out).
 */
export function aimRegion(
	frame: { width: number; height: number },
	view: { width: number; height: number },
	area: Readonly<Insets> = AIM_AREA,
	margin = AIM_MARGIN
): Region {
	const whole = { x: 0, y: 0, width: frame.width, height: frame.height };
	if (view.width <= 0 || view.height <= 0 || frame.width <= 0 || frame.height <= 0) return whole;
	const scale = Math.max(view.width / frame.width, view.height / frame.height);
	const visibleWidth = view.width / scale;
	const visibleHeight = view.height / scale;
	const offsetX = (frame.width - visibleWidth) / 2;
	const offsetY = (frame.height - visibleHeight) / 2;
	const x0 = Math.max(0, Math.round(offsetX + visibleWidth * (area.left - margin)));
	const y0 = Math.max(0, Math.round(offsetY + visibleHeight * (area.top - margin)));
	const x1 = Math.min(frame.width, Math.round(offsetX + visibleWidth * (1 - area.right + margin)));
	const y1 = Math.min(
		frame.height,
		Math.round(offsetY + visibleHeight * (1 - area.bottom + margin))
	);
	if (x1 <= x0 || y1 <= y0) return whole;
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
