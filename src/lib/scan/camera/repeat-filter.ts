/**
 * A camera sees the same label in frame after frame: the same code seen
 * again within `windowMs` of its last sighting is the same scan. Every
 * sighting restarts the window, so a label held in view for ten seconds is
 * still one scan; taken away and shown again after the window, it is a new
 * one (scan-to-receive then reports it as a duplicate, which is right).
 * A different code in between ends the repeat at once.
 */
export const REPEAT_WINDOW_MS = 1500;

export class RepeatFilter {
	private last: { code: string; seenAt: number } | null = null;

	constructor(private readonly windowMs = REPEAT_WINDOW_MS) {}

	/** Records a sighting at `now` (ms); true when it is a new scan. */
	isNew(code: string, now: number): boolean {
		const repeat =
			this.last !== null && this.last.code === code && now - this.last.seenAt < this.windowMs;
		this.last = { code, seenAt: now };
		return !repeat;
	}

	reset(): void {
		this.last = null;
	}
}
