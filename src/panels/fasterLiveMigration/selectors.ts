/**
 * Everything the panel shows, derived from the runner's view of the lock-step machine. Each lane is
 * turned into a view of the live migration machine, so the figures, inventory rows and step text of
 * the classic panel's selectors apply to it unchanged. Results follow one option (the learner's
 * choice, by default the one the poster recommends for the link speed); the Comparison table has
 * all four.
 */
import type { SnapshotFrom } from 'xstate';
import type {
  FasterLiveMigrationMachine,
  Lane,
  LaneSnap,
} from '../../machines/fasterLiveMigration.machine';
import type { LogEntry } from '../../machines/step';
import {
  type ComparisonParams,
  crossovers,
  GUIDANCE_THRESHOLD_GBPS,
  guidanceFor,
  logSpeeds,
  OPTION_KINDS,
  OPTION_LABELS,
  type OptionKind,
  timeCurves,
} from '../../model/fasterLiveMigration';
import { formatDuration } from '../../model/format';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import type { CrossoverChartProps, LaneTone, RaceLane } from '../../views/scene';
import {
  currentMeta,
  type View as LaneView,
  inventory as laneInventory,
  narration as laneNarration,
  results as laneResults,
  stepDetail as laneStepDetail,
} from '../liveMigration2008r2/selectors';

export type Snap = SnapshotFrom<FasterLiveMigrationMachine>;
export type View = RunnerView<Snap>;

export const COMPARISON_COLUMNS = [
  'Option',
  'Total time',
  'Downtime',
  'Rounds',
  'Data sent',
  'CPU used',
] as const;

/** A lane as a runner view of the live migration machine, at the run's moment. */
export function laneView(v: View, lane: Lane): LaneView {
  const done = lane.snapshot.status === 'done';
  const now = done && lane.endedAt !== null ? lane.endedAt : v.now;
  const d = lane.snapshot.context.step.durationS;
  const fraction =
    d === null
      ? done
        ? 1
        : 0
      : d <= 0
        ? 1
        : Math.min(1, Math.max(0, (now - lane.stepStartedAt) / d));
  return {
    snapshot: lane.snapshot as unknown as LaneView['snapshot'],
    now,
    stepStartedAt: lane.stepStartedAt,
    stepDurationS: d,
    stepFraction: fraction,
    endT: lane.endedAt ?? lane.snapshot.context.plan.totalS,
    done,
    started: v.started,
    playing: v.playing && !done,
    script: [],
    stepStarts: [],
    previous: lane.previous
      ? {
          snapshot: lane.previous.snapshot as unknown as LaneView['snapshot'],
          stepStartedAt: lane.previous.stepStartedAt,
          t: lane.previous.t,
        }
      : null,
  };
}

export function laneOf(v: View, kind: OptionKind): Lane {
  const lane = v.snapshot.context.lanes.find((l) => l.kind === kind);
  if (!lane) throw new Error(`no lane ${kind}`);
  return lane;
}

const outcomeOf = (l: Lane) => l.snapshot.context.outcome?.kind;

function figureValue(lv: LaneView, label: string): string {
  return laneResults(lv).figures.find((f) => f.label === label)?.value ?? '';
}

// ---- the comparison ----------------------------------------------------------------------------

export interface ComparisonRow {
  kind: OptionKind;
  option: string;
  cells: Record<Exclude<(typeof COMPARISON_COLUMNS)[number], 'Option'>, string>;
  note: string;
}

export function comparison(v: View): ComparisonRow[] {
  return v.snapshot.context.lanes.map((lane) => {
    const lv = laneView(v, lane);
    const o = outcomeOf(lane);
    return {
      kind: lane.kind,
      option: lane.label,
      cells: {
        'Total time': figureValue(lv, 'Total time'),
        Downtime: figureValue(lv, 'Downtime'),
        Rounds: figureValue(lv, 'Rounds'),
        'Data sent': figureValue(lv, 'Data sent'),
        'CPU used': figureValue(lv, 'CPU used'),
      },
      note: o === 'refused' ? 'refused' : (o ?? ''),
    };
  });
}

/** "HV-A to HV-B": the lane's source and destination, by their names in its world. */
function laneHosts(lane: Lane | undefined): string {
  if (!lane) return 'one host to another';
  const c = lane.snapshot.context;
  const name = (id: string) => c.world.hosts[id]?.name ?? id;
  return `${name(c.source)} to ${name(c.destination)}`;
}

// ---- the picture ----------------------------------------------------------------------------------

function laneStatus(v: View, lane: Lane): { status: string; tone: LaneTone } {
  const o = lane.snapshot.context.outcome;
  const w = lane.snapshot.context.world;
  if (o) {
    if (o.kind === 'migrated')
      return { status: `Migrated in ${formatDuration(lane.endedAt ?? 0)}`, tone: 'ok' };
    const inst = w.instances.find((i) => i.status !== 'shell' && i.status !== 'off');
    const where = inst ? `VM on ${w.hosts[inst.host]?.name ?? inst.host}` : 'VM down';
    const word = { failed: 'Failed', cancelled: 'Cancelled', refused: 'Refused' }[o.kind];
    return { status: `${word}: ${where}`, tone: 'failed' };
  }
  if (!v.started) return { status: 'Ready', tone: 'idle' };
  const lv = laneView(v, lane);
  const detail = laneStepDetail(lv);
  const meta = currentMeta(lv.snapshot);
  const short = detail?.replace(/:.*$/, '') ?? meta?.title ?? 'Running';
  return { status: short.length > 24 ? `Step ${meta?.step ?? ''}` : short, tone: 'running' };
}

export function raceLanes(v: View, followed: OptionKind, rdma: boolean): RaceLane[] {
  const recommended = guidanceFor(v.snapshot.context.params.linkGbps, rdma);
  return v.snapshot.context.lanes.map((lane) => {
    const plan = lane.snapshot.context.plan;
    const refused = outcomeOf(lane) === 'refused';
    const segments = refused
      ? []
      : [
          { kind: 'setup' as const, startS: 0, durationS: plan.setupS },
          ...plan.precopy.rounds.map((r) => ({
            kind: r.kind,
            startS: plan.setupS + r.startS,
            durationS: r.durationS,
          })),
          {
            kind: 'after' as const,
            startS: plan.setupS + plan.precopy.memoryPhaseS - plan.storageHandoffS - plan.resumeS,
            durationS: plan.storageHandoffS + plan.resumeS + plan.switchUpdateS,
          },
        ];
    return {
      key: lane.kind,
      label: lane.label,
      segments,
      endedAt: lane.endedAt,
      ...laneStatus(v, lane),
      recommended: lane.kind === recommended,
      followed: lane.kind === followed,
    };
  });
}

export function raceMaxS(v: View): number {
  const lanes = v.snapshot.context.lanes.filter((l) => outcomeOf(l) !== 'refused');
  return Math.max(1e-3, ...lanes.map((l) => l.snapshot.context.plan.totalS));
}

const SPEEDS = logSpeeds(0.1, 100, 40);

export function crossoverData(
  params: ComparisonParams,
  rdma: boolean,
): Omit<CrossoverChartProps, 'currentGbps'> {
  const kinds = OPTION_KINDS.filter((k) => rdma || k !== 'smb-direct');
  const curves = timeCurves(params, SPEEDS);
  // Where compression meets each of the others (the poster's comparison), then where the fastest
  // of all changes.
  const pairs: OptionKind[][] = [
    ['tcp', 'compression'],
    ['compression', 'smb-multichannel'],
    ['compression', 'smb-direct'],
  ].filter((pair) => pair.every((k) => kinds.includes(k as OptionKind))) as OptionKind[][];
  const found = [
    ...pairs.flatMap((pair) => crossovers(params, 0.1, 100, pair)),
    ...crossovers(params, 0.1, 100, kinds),
  ];
  const marks = new Map<string, { linkGbps: number; text: string }>();
  for (const c of found) {
    const text = `${OPTION_LABELS[c.to]} overtakes ${OPTION_LABELS[c.from]}`;
    if (!marks.has(text)) marks.set(text, { linkGbps: c.linkGbps, text });
  }
  return {
    curves: kinds.map((k) => ({ key: k, label: OPTION_LABELS[k], points: curves[k] })),
    thresholdGbps: GUIDANCE_THRESHOLD_GBPS,
    crossovers: [...marks.values()].sort((a, b) => a.linkGbps - b.linkGbps),
  };
}

// ---- the text equivalents -----------------------------------------------------------------------

export function inventory(v: View): InventoryRow[] {
  return v.snapshot.context.lanes.flatMap((lane) =>
    laneInventory(laneView(v, lane)).map((row) => ({ ...row, vm: `${row.vm} (${lane.label})` })),
  );
}

/** The run's events and every lane's, in time order, each lane's named. */
export function log(v: View): LogEntry[] {
  const c = v.snapshot.context;
  const entries: { e: LogEntry; order: number }[] = c.log.map((e, i) => ({ e, order: i }));
  c.lanes.forEach((lane, li) => {
    lane.snapshot.context.log.forEach((e, i) => {
      entries.push({
        e: { ...e, text: `${lane.label}: ${e.text}` },
        order: 1000 * (li + 1) + i,
      });
    });
  });
  // Stable by time; at one moment the run's own entry (a fault) comes before the lanes' outcomes.
  return entries
    .sort(
      (a, b) =>
        a.e.t - b.e.t ||
        (a.e.kind === 'outcome' ? 1 : 0) - (b.e.kind === 'outcome' ? 1 : 0) ||
        a.order - b.order,
    )
    .map((x) => x.e);
}

export function makeSelectors(followed: OptionKind) {
  const followedView = (v: View) => laneView(v, laneOf(v, followed));
  const label = OPTION_LABELS[followed];

  const succeeded = (v: View) => outcomeOf(laneOf(v, followed)) === 'migrated';

  const narration = (v: View) => {
    const c = v.snapshot.context;
    const finished = c.lanes.filter((l) => l.snapshot.status === 'done').length;
    if (c.outcome) {
      const allMigrated = c.lanes.every((l) => outcomeOf(l) === 'migrated');
      const title =
        c.outcome.kind === 'refused'
          ? 'Migration refused'
          : allMigrated
            ? 'All four migrated'
            : 'Run over: not every option migrated';
      return {
        title,
        text: `${c.outcome.text} Results show ${label}; the Comparison table shows all four.`,
        tone: allMigrated ? ('ok' as const) : ('failed' as const),
      };
    }
    if (!v.started) {
      return {
        title: 'Ready to compare',
        text: `The same VM will be live migrated four times at once, from ${laneHosts(c.lanes[0])} (both Windows Server 2012 R2), once per option. Press Play or Start live migrations. Results follow ${label}; the Comparison table shows all four.`,
        tone: 'normal' as const,
      };
    }
    const lane = laneOf(v, followed);
    const lv = followedView(v);
    const n = laneNarration(lv);
    const others = ` ${finished} of 4 options finished. Results follow ${label}.`;
    if (lane.snapshot.context.outcome) {
      return { title: `${label}: ${n.title}`, text: `${n.text}.${others}`, tone: n.tone };
    }
    return {
      title: `${label}, ${n.title.replace(/^Step/, 'step')}`,
      text: `${n.text}${others}`,
      tone: n.tone,
    };
  };

  const results = (v: View) => {
    const lane = laneOf(v, followed);
    const r = laneResults(followedView(v));
    return {
      figures: [
        { label: 'Option', value: label, hint: 'the option these figures follow' },
        ...r.figures,
      ],
      ...(r.verdict ? { verdict: r.verdict } : {}),
      ...(outcomeOf(lane) === 'refused'
        ? { verdict: { tone: 'failed' as const, text: lane.snapshot.context.outcome?.text ?? '' } }
        : {}),
    };
  };

  const stepDetail = (v: View) => laneStepDetail(followedView(v));

  return {
    followedView,
    succeeded,
    narration,
    results,
    stepDetail,
  };
}

export type LaneSnapshot = LaneSnap;
