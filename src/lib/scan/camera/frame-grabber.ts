/**
 * Copies a frame into one reused canvas, so that decoding a video frame by
 * frame allocates no canvas per frame. `willReadFrequently` keeps the canvas
 * in CPU memory: every frame is read back with getImageData.
 */
import type { Region } from './aim-area';
import type { FrameSource } from './decoder';

export class FrameGrabber {
	private canvas: HTMLCanvasElement | null = null;
	private context: CanvasRenderingContext2D | null = null;

	/**
	 * A canvas holding the frame, or the `region` of it (the source itself
	 * when it is a canvas and nothing is asked of it), turned by `rotation`
	 * degrees about the region's centre. ImageData, which canvases cannot
	 * turn, is only cut.
	 */
	canvasOf(source: FrameSource, region?: Region, rotation = 0): HTMLCanvasElement | null {
		if (source instanceof HTMLCanvasElement && !region && !rotation) return source;
		const { x, y, width, height } = region ?? { x: 0, y: 0, ...sizeOf(source) };
		if (width <= 0 || height <= 0) return null;
		if (source instanceof ImageData) {
			const context = this.contextFor(width, height);
			context.putImageData(source, -x, -y, x, y, width, height);
			return context.canvas;
		}
		const context = this.contextFor(width, height);
		if (!rotation) {
			context.drawImage(source, x, y, width, height, 0, 0, width, height);
		} else {
			// The whole frame through the turn: its own pixels fill the corners.
			context.setTransform(1, 0, 0, 1, width / 2, height / 2);
			context.rotate((rotation * Math.PI) / 180);
			context.drawImage(source, -(x + width / 2), -(y + height / 2));
			context.setTransform(1, 0, 0, 1, 0, 0);
		}
		return context.canvas;
	}

	/** The frame's pixels. */
	imageDataOf(source: FrameSource): ImageData | null {
		if (source instanceof ImageData) return source;
		const canvas = this.canvasOf(source);
		if (!canvas) return null;
		const context =
			canvas === this.canvas ? this.context : canvas.getContext('2d', { willReadFrequently: true });
		return context?.getImageData(0, 0, canvas.width, canvas.height) ?? null;
	}

	dispose(): void {
		if (this.canvas) this.canvas.width = this.canvas.height = 0;
		this.canvas = null;
		this.context = null;
	}

	private contextFor(width: number, height: number): CanvasRenderingContext2D {
		if (!this.canvas || !this.context) {
			this.canvas = document.createElement('canvas');
			const context = this.canvas.getContext('2d', { willReadFrequently: true, alpha: false });
			if (!context) throw new Error('This browser cannot draw camera frames (no 2D canvas)');
			this.context = context;
		}
		if (this.canvas.width !== width) this.canvas.width = width;
		if (this.canvas.height !== height) this.canvas.height = height;
		return this.context;
	}
}

/** The intrinsic size of a frame: a video's picture, not its box on screen. */
export function sizeOf(source: FrameSource): { width: number; height: number } {
	if (source instanceof HTMLVideoElement)
		return { width: source.videoWidth, height: source.videoHeight };
	return { width: source.width, height: source.height };
}
