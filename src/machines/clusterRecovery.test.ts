/**
 * The cluster run on a toy model: a node that fails (its VMs restart on another), a glitch that
 * only needs the switch step, a crash that ends the run, and a fault refused here.
 */
import { describe, expect, it } from 'vitest';
import {
  type EventFromLogic,
  initialTransition,
  type SnapshotFrom,
  setup,
  transition,
} from 'xstate';
import { clusterWorld, type Restarting, restartElsewhere } from '../model/failoverCluster';
import { GiB } from '../model/units';
import { activeInstance, setHostUp, type World } from '../model/world';
import { type ClusterRunContext, clusterRun } from './clusterRecovery';
import type { StepMeta } from './step';

interface Toy extends Restarting {
  /** Something waits on the switch step. */
  pending: boolean;
}
type Fault = 'node' | 'glitch' | 'crash' | 'nope';
interface ToyResult {
  cluster: Toy;
  detectS: number;
  end: string | null;
}
type Ctx = ClusterRunContext<{ label: string }, Toy, { t: number; changes: number; boots: number }>;

const FAULTS = [
  { type: 'FAIL_NODE', label: 'Fail node', fault: 'node' },
  { type: 'GLITCH', label: 'Glitch', fault: 'glitch' },
  { type: 'CRASH', label: 'Crash', fault: 'crash' },
  { type: 'NOPE', label: 'Not here', fault: 'nope' },
] as const;

const meta = (step: number, title: string): StepMeta => ({
  step,
  title,
  narration: title,
  source: '000',
});

const world = (): World =>
  clusterWorld({
    nodes: ['n1', 'n2'],
    os: '2012R2',
    network: { id: 'net', name: 'Cluster network', nic: 'cl', gbps: 10 },
    storage: { id: 'vol', name: 'Disk', kind: 'csv', coordinator: 'n1' },
    vms: [
      {
        id: 'vm1',
        name: 'VM1',
        mac: '00-15-5D-00-00-10',
        memoryBytes: GiB,
        disks: [{ id: 'd1', kind: 'vhdx', storage: 'vol', sizeBytes: GiB }],
        storageController: 'n2',
      },
    ],
  });

function inject(cl: Toy, fault: Fault): ToyResult {
  if (fault === 'glitch') return { cluster: { ...cl, pending: true }, detectS: 1, end: null };
  if (fault === 'crash') return { cluster: cl, detectS: 0, end: 'crashed' };
  const r = restartElsewhere(setHostUp(cl.world, 'n2', false), cl.restarts, ['vm1'], () => 'n1');
  return { cluster: { ...cl, world: r.world, restarts: r.restarts }, detectS: 5, end: null };
}

const RUN = clusterRun<Ctx, { params: { label: string } }>()(
  'toy',
  {
    running: meta(1, 'Runs'),
    detecting: meta(2, 'Detect'),
    switching: meta(3, 'Switch'),
    restarting: meta(4, 'Restart'),
    steady: meta(5, 'Steady'),
  },
  FAULTS,
  {
    cluster: () => ({ world: world(), restarts: {}, pending: false }),
    timing: { runS: 60, vmBootS: 20 },
    startTally: (t) => ({ t, changes: 0, boots: 0 }),
    settle: (c, t, next) => ({
      cluster: next,
      tally: { ...c.tally, t, changes: c.tally.changes + 1 },
    }),
    countBoots: (tally, n) => ({ ...tally, boots: tally.boots + n }),
    refusal: (_, fault) => (fault === 'nope' ? 'there is nothing to fail here' : null),
    canInject: (cl, fault) => fault !== 'node' || cl.world.hosts.n2?.up === true,
    inject,
    switching: {
      needsSwitch: (cl) => cl.pending,
      switchS: () => 2,
      switchDone: (cl) => ({ ...cl, pending: false }),
    },
    say: {
      begin: (c) => `The ${c.params.label} starts`,
      hit: (_, __, fault) => [`${fault} hits`],
      detected: (_, __, fault) => [`${fault} detected`],
      failed: (_, r) => ({ fault: 'It crashed', text: `Failed: ${r.end}` }),
      switching: () => ['Switching'],
      switched: (_, next) => `Switched (${next.pending ? 'pending' : 'done'})`,
      restart: (where) => `Restarting ${where}`,
      booted: (vms) => `${vms.join(', ')} booted`,
      complete: (c) => `Complete after ${c.tally.changes} changes`,
    },
  },
);

const machine = setup(RUN.setup).createMachine(RUN.config);
type Snap = SnapshotFrom<typeof machine>;
type Ev = EventFromLogic<typeof machine>;

const start = (): Snap => initialTransition(machine, { params: { label: 'toy run' } })[0];
const send = (s: Snap, e: Ev): Snap => transition(machine, s, e)[0];
/** The current step's end. */
const done = (s: Snap): Ev => ({
  type: 'STEP_DONE',
  t: s.context.since + (s.context.step.durationS ?? 0),
});
const texts = (s: Snap) => s.context.log.map((l) => l.text);

describe('clusterRun', () => {
  it('runs to the end of its time when nothing fails', () => {
    let s = send(start(), { type: 'START', t: 3 });
    expect(s.value).toEqual({ running: 'running' });
    expect(s.context.endAt).toBe(63);
    expect(s.context.step.durationS).toBe(60);
    s = send(s, done(s));
    expect(s.value).toBe('completed');
    expect(s.status).toBe('done');
    expect(s.context.outcome).toEqual({ kind: 'completed', text: 'Complete after 0 changes' });
    expect(texts(s)).toEqual(['The toy run starts', 'Complete after 0 changes']);
    expect(s.context.tally).toEqual({ t: 63, changes: 1, boots: 0 });
  });

  it('detects a failed node, restarts its VM elsewhere (no switch needed), then runs on', () => {
    let s = send(send(start(), { type: 'START', t: 0 }), { type: 'FAIL_NODE', t: 10 });
    expect(s.value).toEqual({ running: 'detecting' });
    expect(s.context.step.durationS).toBe(5);
    expect(texts(s).at(-1)).toBe('node hits');
    expect(s.context.onDetected).toEqual(['node detected']);
    s = send(s, done(s));
    expect(s.value).toEqual({ running: 'restarting' });
    expect(texts(s).slice(-2)).toEqual(['node detected', 'Restarting VM1 on HV-1']);
    expect(s.context.cluster.restarts).toEqual({ vm1: 'booting' });
    expect(s.context.step.durationS).toBe(20);
    s = send(s, done(s));
    expect(s.value).toEqual({ running: 'steady' });
    expect(texts(s).at(-1)).toBe('VM1 booted');
    expect(activeInstance(s.context.cluster.world, 'vm1')?.status).toBe('running');
    expect(s.context.tally.boots).toBe(1);
    // Steady to the end of the run.
    expect(s.context.since + (s.context.step.durationS ?? 0)).toBe(60);
    s = send(s, done(s));
    expect(s.context.outcome?.kind).toBe('completed');
  });

  it('goes through the switch step when something waits on it, and a fault can no longer hit what is down', () => {
    let s = send(send(start(), { type: 'START', t: 0 }), { type: 'GLITCH', t: 1 });
    s = send(s, done(s));
    expect(s.value).toEqual({ running: 'switching' });
    expect(s.context.step.durationS).toBe(2);
    expect(texts(s).at(-1)).toBe('Switching');
    s = send(s, done(s));
    expect(s.value).toEqual({ running: 'steady' });
    expect(texts(s).at(-1)).toBe('Switched (done)');
    s = send(s, { type: 'FAIL_NODE', t: 20 });
    s = send(s, done(s));
    s = send(s, done(s));
    const after = send(s, { type: 'FAIL_NODE', t: 50 });
    expect(after.context).toBe(s.context);
  });

  it('cuts a step short at the end of the run, where the run completes', () => {
    let s = send(send(start(), { type: 'START', t: 0 }), { type: 'GLITCH', t: 59.5 });
    expect(s.context.step.durationS).toBe(0.5);
    s = send(s, done(s));
    expect(s.value).toBe('completed');
  });

  it('ends the run on a fault that the model says ends it, and refuses one it rules out', () => {
    const running = send(start(), { type: 'START', t: 0 });
    const refused = send(running, { type: 'NOPE', t: 4 });
    expect(refused.value).toEqual({ running: 'running' });
    expect(refused.context.log.at(-1)).toEqual({
      t: 4,
      kind: 'info',
      text: 'Refused: there is nothing to fail here',
    });
    expect(refused.context.cluster).toBe(running.context.cluster);
    const failed = send(running, { type: 'CRASH', t: 7 });
    expect(failed.value).toBe('failed');
    expect(failed.context.outcome).toEqual({ kind: 'failed', text: 'Failed: crashed' });
    expect(failed.context.log.slice(-2).map((l) => [l.kind, l.text])).toEqual([
      ['fault', 'It crashed'],
      ['outcome', 'Failed: crashed'],
    ]);
  });
});
