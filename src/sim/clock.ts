/**
 * The sim clock: the one place wall time becomes sim time. While the runner is playing, each
 * animation frame advances it by (frame interval x speed). A frame interval is capped, and the
 * clock halts while the tab is hidden, so coming back never makes the simulation leap.
 */
export interface Advanceable {
  advance(dtSim: number): void;
  getSnapshot(): { playing: boolean };
}

export interface FrameSource {
  request(cb: (wallMs: number) => void): number;
  cancel(id: number): void;
  /** True while the page is hidden (frames should not count). */
  hidden(): boolean;
  onVisibilityChange(cb: () => void): () => void;
}

/** Longest wall interval one frame may account for, ms. */
export const MAX_FRAME_MS = 100;

export const browserFrames: FrameSource = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onVisibilityChange: (cb) => {
    document.addEventListener('visibilitychange', cb);
    return () => document.removeEventListener('visibilitychange', cb);
  },
};

/** A frame loop with the hidden-tab rule: what SimClock and SharedClock share. */
abstract class FrameLoop {
  protected last: number | null = null;
  private frame: number | null = null;
  private stopVisibility: (() => void) | null = null;

  constructor(protected readonly frames: FrameSource) {}

  protected get running(): boolean {
    return this.frame !== null;
  }

  protected startLoop(): void {
    if (this.frame !== null) return;
    this.stopVisibility = this.frames.onVisibilityChange(() => {
      this.last = null;
    });
    this.frame = this.frames.request(this.tick);
  }

  protected stopLoop(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
    this.last = null;
    this.stopVisibility?.();
    this.stopVisibility = null;
  }

  /** The wall interval since the last counted frame, capped (0 on the first). */
  protected interval(wallMs: number): number {
    return this.last === null ? 0 : Math.min(Math.max(0, wallMs - this.last), MAX_FRAME_MS);
  }

  protected abstract onFrame(wallMs: number): void;

  /** One animation frame at wall time `wallMs`. Public for tests. */
  readonly tick = (wallMs: number): void => {
    this.onFrame(wallMs);
    if (this.frame !== null) this.frame = this.frames.request(this.tick);
  };
}

export class SimClock extends FrameLoop {
  private speed = 1;

  constructor(
    private readonly target: Advanceable,
    frames: FrameSource = browserFrames,
  ) {
    super(frames);
  }

  setSpeed(speed: number): void {
    if (Number.isFinite(speed) && speed > 0) this.speed = speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  start(): void {
    this.startLoop();
  }

  stop(): void {
    this.stopLoop();
  }

  protected onFrame(wallMs: number): void {
    if (!this.target.getSnapshot().playing || this.frames.hidden()) {
      this.last = null;
      return;
    }
    if (this.last !== null) this.target.advance((this.interval(wallMs) / 1000) * this.speed);
    this.last = wallMs;
  }
}

/**
 * One clock for many runners at a lower frame rate (the overview's thumbnails): a single frame
 * loop, running only while some runner is attached. Each runner steps at most once per
 * `minIntervalMs`, by the wall time since its own last step x its own speed; at most
 * `maxPerFrame` runners step in one frame (those waiting longest first), so their rendering is
 * spread over frames instead of landing in the same one. Hidden tabs and capped intervals behave
 * as in `SimClock`.
 */
export class SharedClock extends FrameLoop {
  private readonly targets = new Map<Advanceable, { speed: number; last: number | null }>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly maxPerFrame = Number.POSITIVE_INFINITY,
    frames: FrameSource = browserFrames,
  ) {
    super(frames);
  }

  /** Attach a runner at `speed`; the returned function detaches it. */
  attach(target: Advanceable, speed: number): () => void {
    this.targets.set(target, { speed, last: null });
    if (!this.running) this.startLoop();
    return () => {
      this.targets.delete(target);
      if (this.targets.size === 0) this.stopLoop();
    };
  }

  /** How many runners are attached (for tests). */
  get size(): number {
    return this.targets.size;
  }

  protected onFrame(wallMs: number): void {
    if (this.frames.hidden() || this.last === null) {
      // Hidden, or the first frame back: every runner starts counting again from here.
      for (const t of this.targets.values()) t.last = this.frames.hidden() ? null : wallMs;
      this.last = this.frames.hidden() ? null : wallMs;
      return;
    }
    this.last = wallMs;
    const due = [...this.targets.entries()]
      .filter(([, t]) => t.last === null || wallMs - t.last >= this.minIntervalMs)
      .sort((a, b) => (a[1].last ?? -1) - (b[1].last ?? -1))
      .slice(0, this.maxPerFrame);
    for (const [target, t] of due) {
      if (t.last === null) {
        t.last = wallMs;
        continue;
      }
      const dtMs = Math.min(Math.max(0, wallMs - t.last), MAX_FRAME_MS);
      t.last = wallMs;
      if (target.getSnapshot().playing) target.advance((dtMs / 1000) * t.speed);
    }
  }
}
