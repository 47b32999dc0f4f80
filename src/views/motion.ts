/**
 * Every animation timing of the pictures, in one table. A scene asks for a named entry with
 * `transitionFor(name, animate)`: with `animate` false (reduced motion) every entry is `NO_MOTION`, so the
 * picture jumps to the same state it would glide to. Times are in seconds of wall time (framer-
 * motion's unit); they shape how a change is drawn, never what the run does.
 *
 * Only discrete changes tween (a card changing host, a glow moving to another state). A value
 * that follows sim time (a progress bar, a shell filling, a round's bar, a "now" cursor) is drawn
 * at its value every frame: the run is its animation, and a tween restarted every frame would only
 * cost main-thread time (framer-motion restarting an animation per element per frame was the
 * largest JS cost at 4x CPU slowdown).
 *
 * The one CSS timing, the Steps list's background fade (controls.css, 120 ms), sits under
 * `prefers-reduced-motion: no-preference` there.
 */
import type { Transition } from 'framer-motion';

export const MOTION = {
  /** The VM card of the live migration picture moving to the destination node (a soft spring). */
  vmMove: { type: 'spring', stiffness: 120, damping: 20 },
  /** A VM card or shell card changing host in the cluster and SMB pictures. */
  cardMove: { duration: 0.6, ease: 'easeInOut' },
  /** An SMB connection's end moving to the host that now holds the VHD open. */
  connectionMove: { duration: 0.6, ease: 'easeInOut' },
  /** The VM badge sliding between host columns in the disk copy picture (and its thumbnail). */
  badgeMove: { duration: 0.6 },
  /** The MAC table row the switch just learnt fading in and out. */
  macHighlight: { duration: 0.8 },
  /** The statechart's glow gliding to the state now lit (a quick spring). */
  statechartGlow: { type: 'spring', stiffness: 240, damping: 28 },
} as const satisfies Record<string, Transition>;

export type MotionName = keyof typeof MOTION;

/** Reduced motion: no tween at all. */
export const NO_MOTION = { duration: 0 } as const satisfies Transition;

/** The transition for `name`, or none when `animate` is false. */
export function transitionFor(name: MotionName, animate: boolean): Transition {
  return animate ? MOTION[name] : NO_MOTION;
}
