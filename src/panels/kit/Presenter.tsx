/**
 * Presenter mode (CONTRACT "Presenting"): the stage (the picture, the current step's title and
 * narration) fills a 16:9 box sized from the window, text readable from the back of a room; the
 * controls sit over the bottom edge and fade out until the pointer moves or a key other than a
 * clicker's is pressed (they stay reachable by keyboard: focus shows them). Clicker keys:
 * PageDown / PageUp step (and move on to the next / previous tour stop at the run's ends), `B`
 * blacks the screen out and back, `F` toggles full screen, Escape leaves. No dialog opens here
 * (a session's confirm choices are buttons of their own), so nothing takes the clicker's keys.
 */
import {
  type CSSProperties,
  type ReactNode,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { RunnerView, SimRunner } from '../../sim/runner';
import type { StepItem } from '../../views/controls';
import type { TourStopInfo } from '../types';
import {
  CLICKER_KEYS,
  choosePictureLayout,
  FIT_CHOICES,
  type FitChoice,
  fitSpeed,
  isTypingTarget,
  type NotesMessage,
  type NotesState,
  openNotesChannel,
  type PictureLayout,
  pictureTextFloor,
  svgUnitsPerPixel,
  talkEnd,
  talkStart,
} from './presenter';
import type { NarrationText, PanelInfo, ProcessViews } from './RunPanel';
import { currentStepKey } from './steps';
import { type TextRate, useTextValue } from './textRate';

/** How long the controls stay after the last pointer move or key, ms. */
const CONTROLS_IDLE_MS = 2500;
/** The width the picture is laid out at before it is scaled to the stage (the panel's column). */
const PICTURE_WIDTH_PX = 940;
const EPS = 1e-6;

/**
 * Keep `--svg-k` on every SVG inside `root` (its user units per layout pixel), so the pictures'
 * text rules (`font-size: max(<size>, var(--text-floor))`) apply the floor in the SVG's own units.
 * SVGs that a later step mounts are picked up as they appear.
 */
function useSvgUnits(root: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined' || typeof MutationObserver === 'undefined')
      return;
    const svgs = el.getElementsByTagName('svg');
    const seen = new WeakSet<Element>();
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        const svg = e.target as SVGSVGElement;
        const vb = svg.viewBox?.baseVal ?? null;
        const k = svgUnitsPerPixel(vb, e.contentRect);
        svg.style.setProperty('--svg-k', k.toFixed(4));
      }
    });
    const scan = () => {
      for (const svg of svgs) {
        if (seen.has(svg)) continue;
        seen.add(svg);
        ro.observe(svg);
      }
    };
    scan();
    const mo = new MutationObserver(scan);
    mo.observe(el, { childList: true, subtree: true });
    return () => {
      mo.disconnect();
      ro.disconnect();
    };
  }, [root]);
}

/**
 * The picture, laid out at the panel column's width and scaled to fill its box (never jumps).
 * Its text is held at or above `PICTURE_TEXT_MIN` of the stage's height on screen (the pictures'
 * CSS reads the floor as `--text-floor`), so a label small in the page is readable on a projector.
 */
function ScaledPicture({
  children,
  onLayout,
}: {
  children: ReactNode;
  /** Told once, at the first measure, which layout draws this picture largest. */
  onLayout: (layout: PictureLayout) => void;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ scale: 1, x: 0, y: 0, floor: 0 });
  // The tallest the picture has been: a step that adds a card does not shrink the rest.
  const tallest = useRef(0);
  useSvgUnits(inner);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const stage = o.closest<HTMLElement>('.presenter-box') ?? o;
    let chosen = false;
    const layout = () => {
      tallest.current = Math.max(tallest.current, i.offsetHeight);
      const main = o.parentElement;
      if (!chosen && main && tallest.current > 0 && main.clientWidth > 0) {
        chosen = true;
        const gap = Number.parseFloat(getComputedStyle(main).columnGap) || 0;
        const size = { width: main.clientWidth, height: main.clientHeight };
        const pick = choosePictureLayout(size, gap, {
          width: PICTURE_WIDTH_PX,
          height: tallest.current,
        });
        if (pick.layout !== 'side') {
          onLayout(pick.layout);
          return; // the box changes: measured again when it has
        }
      }
      const w = o.clientWidth;
      const h = o.clientHeight;
      if (w <= 0 || h <= 0 || tallest.current <= 0) return;
      const widthScale = w / PICTURE_WIDTH_PX;
      const scale = Math.min(widthScale, h / tallest.current);
      const next = {
        scale,
        x: Math.max(0, (w - PICTURE_WIDTH_PX * scale) / 2),
        y: 0, // top-aligned, beside the narration
        floor: pictureTextFloor(stage.clientHeight, scale, widthScale),
      };
      setBox((b) =>
        Math.abs(b.scale - next.scale) < 1e-3 &&
        Math.abs(b.x - next.x) < 0.5 &&
        Math.abs(b.floor - next.floor) < 0.05
          ? b
          : next,
      );
    };
    layout();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(layout);
    ro.observe(o);
    ro.observe(i);
    return () => ro.disconnect();
  }, [onLayout]);
  return (
    <div ref={outer} className="presenter-picture">
      <div
        ref={inner}
        className="presenter-picture-inner"
        style={
          {
            width: PICTURE_WIDTH_PX,
            transform: `translate(${box.x}px, ${box.y}px) scale(${box.scale})`,
            '--pic-floor': `${box.floor.toFixed(2)}px`,
          } as CSSProperties
        }
      >
        {children}
      </div>
    </div>
  );
}

/** Toggle the page's full screen; a browser that refuses (headless, a policy) is ignored. */
function toggleFullScreen(): void {
  try {
    const done = document.fullscreenElement
      ? document.exitFullscreen?.()
      : document.documentElement.requestFullscreen?.();
    void done?.catch(() => {});
  } catch {
    // no Fullscreen API here: presenter mode works windowed
  }
}

/** Open the speaker notes window (`#/notes`) of this app. */
export function openSpeakerNotes(): void {
  const url = `${window.location.pathname}${window.location.search}#/notes`;
  window.open(url, 'hyperv-poster-notes', 'popup,width=960,height=720');
}

/**
 * Send the presenting window's state to the notes window whenever it changes, and again to a
 * notes window that says hello. `state` is null while there is nothing to send.
 */
export function useNotesBroadcast(state: Omit<NotesState, 'since'> | null): void {
  const since = useMemo(() => talkStart(Date.now()), []);
  const channel = useRef<BroadcastChannel | null>(null);
  const latest = useRef<NotesState | null>(null);
  useEffect(() => {
    const c = openNotesChannel();
    channel.current = c;
    if (!c) return;
    c.onmessage = (e: MessageEvent<NotesMessage>) => {
      if (e.data?.kind === 'hello' && latest.current)
        c.postMessage({ kind: 'state', state: latest.current } satisfies NotesMessage);
    };
    if (latest.current) c.postMessage({ kind: 'state', state: latest.current });
    return () => {
      c.close();
      channel.current = null;
    };
  }, []);
  const key = JSON.stringify(state);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the state's contents
  useEffect(() => {
    if (!state) return;
    latest.current = { ...state, since };
    channel.current?.postMessage({ kind: 'state', state: latest.current } satisfies NotesMessage);
  }, [key, since]);
}

/** Tell a notes window that presenter mode was left (and stop the talk clock). */
function announceLeft(): void {
  talkEnd();
  const c = openNotesChannel();
  if (!c) return;
  c.postMessage({ kind: 'left' } satisfies NotesMessage);
  c.close();
}

type View = RunnerView<AnyMachineSnapshot>;

/** "Step 3 of 6" and the next step's title, for the stage and the notes. */
export function stageFacts(
  views: ProcessViews<AnyStateMachine>,
  x: View,
): { counter: string; next: string } {
  const sv = views.stepView ? views.stepView(x) : x;
  const scope = views.scopeOf?.(x);
  const { steps } = (scope !== undefined ? views.scopes?.[scope] : undefined) ?? views;
  const last = steps.reduce((n, st) => Math.max(n, st.number), 0);
  const cur = currentStepKey(steps, sv.snapshot);
  const i = cur ? steps.findIndex((st) => st.key === cur) : -1;
  const item = i >= 0 ? steps[i] : undefined;
  const title = (st: StepItem) => `Step ${st.number}: ${st.title}`;
  if (item) {
    const after = steps[i + 1];
    return { counter: `Step ${item.number} of ${last}`, next: after ? title(after) : 'the end' };
  }
  if (!x.started && steps[0]) return { counter: `${last} steps`, next: title(steps[0]) };
  return { counter: x.done ? 'End of the run' : '', next: '' };
}

export interface PresenterViewProps {
  runner: SimRunner<AnyStateMachine>;
  /** The run at the text rate, and the panel's views of it. */
  text: TextRate<AnyStateMachine>;
  views: ProcessViews<AnyStateMachine>;
  /** The narration at a moment, with its source line (what the notes window shows). */
  narrationOf: (x: View) => NarrationText & { source?: string };
  info: PanelInfo | undefined;
  /** The narration live region (the current step's title, narration and source). */
  narration: ReactNode;
  /** The panel's picture. */
  stage: ReactNode;
  /** The playback controls, faults and actions (shown over the bottom edge). */
  controls: ReactNode;
  /** A notice about unusable link parameters, if any. */
  notice?: ReactNode;
  onSpeed: (speed: number) => void;
  onLeave: () => void;
  tour?: TourStopInfo;
  reducedMotion: boolean;
}

/** The presenter's stage in a 16:9 box, and its keys. */
export function PresenterView(props: PresenterViewProps) {
  const { runner, tour, onLeave, views, info } = props;
  const facts = useTextValue(props.text, (x) => stageFacts(views, x as View));
  const notes = useTextValue(props.text, (x): Omit<NotesState, 'since'> => {
    const n = props.narrationOf(x as View);
    return {
      panel: info?.title ?? '',
      route: info?.route ?? '',
      step: n.title,
      narration: n.text,
      ...(n.source ? { source: n.source } : {}),
      next: stageFacts(views, x as View).next,
      now: Math.round(x.now * 10) / 10,
      endT: x.endT,
      talkingPoints: info?.talkingPoints ?? [],
      ...(tour
        ? { tour: { title: tour.title, stop: tour.stop, of: tour.of, caption: tour.caption } }
        : {}),
    };
  });
  useNotesBroadcast(notes);
  const [awake, setAwake] = useState(true);
  const [black, setBlack] = useState(false);
  const [fit, setFit] = useState<FitChoice | ''>('');
  const [layout, setLayout] = useState<PictureLayout>('side');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The moment this stop opened at: PageUp there goes back to the previous tour stop.
  const openedAt = useMemo(() => runner.getSnapshot().now, [runner]);

  const wake = () => {
    setAwake(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setAwake(false), CONTROLS_IDLE_MS);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: start the idle timer once
  useEffect(() => {
    wake();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const leave = () => {
    announceLeft();
    if (document.fullscreenElement) toggleFullScreen();
    onLeave();
  };
  const keys = useRef({ leave, tour, wake });
  keys.current = { leave, tour, wake };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target))
        return;
      const { leave, tour, wake } = keys.current;
      if (!CLICKER_KEYS.has(e.key)) wake();
      const v = runner.getSnapshot();
      switch (e.key) {
        case 'PageDown':
          e.preventDefault();
          if (v.done && tour?.onNext) tour.onNext();
          else runner.stepForward();
          break;
        case 'PageUp':
          e.preventDefault();
          if (v.now <= openedAt + EPS && tour?.onPrevious) tour.onPrevious();
          else runner.stepBack();
          break;
        case 'b':
        case 'B':
        case '.':
          e.preventDefault();
          setBlack((b) => !b);
          break;
        case 'f':
        case 'F':
          e.preventDefault();
          toggleFullScreen();
          break;
        case 'Escape':
          e.preventDefault();
          leave();
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner, openedAt]);

  const choose = (value: FitChoice | '') => {
    setFit(value);
    const choice = FIT_CHOICES.find((c) => c.value === value);
    if (choice) props.onSpeed(fitSpeed(runner.getSnapshot().endT, choice.seconds));
  };

  return (
    <div
      className="presenter"
      data-idle={!awake}
      data-reduced={props.reducedMotion}
      onPointerMove={wake}
      onPointerDown={wake}
    >
      <div className="presenter-box">
        <div className="presenter-top">
          <p className="presenter-panel">{info?.title ?? ''}</p>
          {tour && (
            <section className="presenter-tour" aria-label="Tour">
              <p>
                {tour.title} · Stop {tour.stop} of {tour.of}
              </p>
            </section>
          )}
          <p className="presenter-counter">{facts.counter}</p>
        </div>
        {props.notice}
        <div className="presenter-main" data-layout={layout}>
          <ScaledPicture onLayout={setLayout}>{props.stage}</ScaledPicture>
          <div className="presenter-side">
            {props.narration}
            <p className="presenter-next">{facts.next ? `Next: ${facts.next}` : ''}</p>
          </div>
        </div>
        <div className="presenter-controls">
          {props.controls}
          <div className="presenter-buttons">
            <label className="presenter-fit">
              Fit run to{' '}
              <select value={fit} onChange={(e) => choose(e.currentTarget.value as FitChoice)}>
                <option value="" disabled>
                  Choose…
                </option>
                {FIT_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            {tour && (
              <>
                <button type="button" disabled={!tour.onPrevious} onClick={tour.onPrevious}>
                  Previous stop
                </button>
                <button type="button" disabled={!tour.onNext} onClick={tour.onNext}>
                  Next stop
                </button>
              </>
            )}
            <button type="button" onClick={openSpeakerNotes}>
              Open speaker notes
            </button>
            <button type="button" aria-keyshortcuts="B" onClick={() => setBlack(true)}>
              Black out
            </button>
            <button type="button" aria-keyshortcuts="F" onClick={toggleFullScreen}>
              Full screen
            </button>
            <button type="button" aria-keyshortcuts="Escape" onClick={leave}>
              Leave presenter mode
            </button>
          </div>
        </div>
        {black && (
          <button
            type="button"
            className="presenter-black"
            aria-keyshortcuts="B"
            onClick={() => setBlack(false)}
          >
            <span className="visually-hidden">Screen blacked out: show the picture again</span>
          </button>
        )}
      </div>
    </div>
  );
}
