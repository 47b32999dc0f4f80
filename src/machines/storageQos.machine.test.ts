import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  QOS_CONSTANTS,
  QOS_DEFAULT_PARAMS,
  type QosInput,
  type QosPhase,
  qosInput,
  runFigures,
} from '../model/storageQos';
import { worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import {
  storageQosMachine as machine,
  QOS_FAULTS,
  type QosEvent,
  type StorageQosMachine,
  settledText,
} from './storageQos.machine';

type Snap = SnapshotFrom<StorageQosMachine>;

const EVENTS: QosEvent[] = [
  { type: 'START', t: 0 },
  { type: 'STEP_DONE', t: 0 },
  ...QOS_FAULTS.map((f) => ({ type: f.type, t: 0 }) as QosEvent),
];

/** The default story, a run with no cap (maxIops = 0) and one where nothing is below a minimum. */
const INPUTS: Record<string, QosInput> = {
  default: qosInput(),
  'no cap': qosInput({ ...QOS_DEFAULT_PARAMS, maxIops: 0 }),
  'no minimum': qosInput({ ...QOS_DEFAULT_PARAMS, minIops: 0 }),
};

const step = (s: Snap, e: QosEvent): Snap => transition(machine, s, e)[0] as Snap;
const send = (s: Snap, type: QosEvent['type']): Snap => step(s, { type, t: 0 } as QosEvent);
const start = (input: QosInput): Snap => initialTransition(machine, input)[0] as Snap;

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    p: s.context.phase,
    b: s.context.burst,
    a: s.context.alerts,
    o: s.context.outcome?.kind,
  });

/** The phase each state shows (the failed run: a stopped volume). */
const PHASE_OF: Record<string, QosPhase> = {
  idle: 'idle',
  'running.issuing': 'uncapped',
  'running.normalizing': 'uncapped',
  'running.capping': 'capping',
  'running.sharing': 'capped',
  settled: 'capped',
  failed: 'stopped',
};

const leaf = (s: Snap) =>
  typeof s.value === 'string' ? s.value : `running.${Object.values(s.value)[0]}`;

/** 32930 minus 32931 lines for a VM's name in the log. */
function openAlerts(s: Snap, name: string): number {
  let open = 0;
  for (const e of s.context.log) {
    if (!e.text.includes(`: ${name}'s disk`)) continue;
    if (e.text.startsWith('Msvm_StorageAlert 32930')) open += 1;
    if (e.text.startsWith('Msvm_StorageAlert 32931')) open -= 1;
    expect(open === 0 || open === 1, `${name}: ${e.text}`).toBe(true);
  }
  return open;
}

function checkInvariants(s: Snap): void {
  const c = s.context;
  const where = serializeState(s);
  expect(c.phase, where).toBe(PHASE_OF[leaf(s)]);
  const f = runFigures(c);
  expect(worldViolations(c.world)).toEqual([]);
  // The model's rules hold at every moment.
  expect(f.served).toBeLessThanOrEqual(c.capacity);
  for (const d of f.disks) {
    expect(d.served).toBeLessThanOrEqual(d.offered);
    if (c.phase === 'capping' || c.phase === 'capped')
      if (d.maxIops > 0) expect(d.served).toBeLessThanOrEqual(d.maxIops);
    if (d.status === 'Throttled') expect(['capping', 'capped']).toContain(c.phase);
  }
  // The host has reported exactly the disks below their minimum, each once, none left over.
  expect([...c.alerts].sort(), where).toEqual([...f.alerts].sort());
  for (const vm of Object.values(c.world.vms))
    expect(openAlerts(s, vm.name), `${where} ${vm.name}`).toBe(c.alerts.includes(vm.id) ? 1 : 0);
  // The volume is up and the VMs run, except once it has failed (then they pause).
  const failed = s.matches('failed');
  expect(c.world.storage[c.volume]?.online).toBe(!failed);
  for (const i of c.world.instances) expect(i.status).toBe(failed ? 'paused' : 'running');
  // The log is in time order and every ending says why.
  for (const [i, e] of c.log.entries()) expect(e.t).toBeGreaterThanOrEqual(c.log[i - 1]?.t ?? 0);
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
  else expect(c.outcome).toBeNull();
}

const walked: Record<string, number> = {};

for (const [name, input] of Object.entries(INPUTS)) {
  describe(`storage QoS machine (${name}): every reachable state, every fault from each`, () => {
    const adjacency = getAdjacencyMap(machine, { input, events: EVENTS, serializeState });
    const states = Object.values(adjacency).map((a) => a.state as Snap);
    walked[name] = states.length;

    it('holds the invariants in every reachable state and after every event from it', () => {
      // idle, four steps and settled, each calm or bursting; failed from each.
      expect(states.length).toBeGreaterThanOrEqual(13);
      for (const s of states) {
        checkInvariants(s);
        for (const e of EVENTS) checkInvariants(step(s, e));
      }
    });

    it('has a shortest path to every state and simple paths to both endings', () => {
      const shortest = getShortestPaths(machine, { input, events: EVENTS, serializeState });
      expect(shortest.length).toBe(states.length);
      for (const path of shortest) {
        let s = start(input);
        for (const p of path.steps) s = step(s, p.event as QosEvent);
        expect(serializeState(s)).toBe(serializeState(path.state as Snap));
      }
      const endings = getSimplePaths(machine, {
        input,
        events: EVENTS,
        serializeState,
        toState: (s) => s.status === 'done',
      });
      const outcomes = new Set(endings.map((p) => (p.state as Snap).context.outcome?.kind));
      expect([...outcomes].sort()).toEqual(['failed', 'settled']);
      expect(endings.length).toBeGreaterThan(10);
    });

    it('fails on "Fail storage" from every state that is not over: nothing served, VMs paused', () => {
      let checked = 0;
      for (const s of states.filter((x) => x.status !== 'done')) {
        const after = send(s, 'FAIL_STORAGE');
        expect(after.value).toBe('failed');
        expect(runFigures(after.context).served).toBe(0);
        expect(after.context.outcome?.text).toMatch(/VMVOL1 failed/);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(5);
    });

    it('takes "Burst noisy VM" once, from any state that is not over, and keeps its step', () => {
      for (const s of states.filter((x) => x.status !== 'done')) {
        const after = send(s, 'BURST_NOISY_VM');
        if (s.context.burst) {
          expect(after.context).toBe(s.context);
          continue;
        }
        expect(after.value).toEqual(s.value);
        expect(after.context.burst).toBe(true);
        expect(after.context.step).toEqual(s.context.step);
        expect(after.context.log.at(-1)?.kind === 'fault' || after.context.alerts.length > 0).toBe(
          true,
        );
      }
    });

    it('ignores every event once over', () => {
      for (const s of states.filter((x) => x.status === 'done'))
        for (const e of EVENTS) expect(step(s, e).context).toBe(s.context);
    });
  });
}

describe('storage QoS machine: the story', () => {
  it('steps take the model’s durations and end settled', () => {
    let s = send(start(INPUTS.default as QosInput), 'START');
    const durations: (number | null)[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS);
      s = send(s, 'STEP_DONE');
    }
    const S = QOS_CONSTANTS.stepS;
    expect(durations).toEqual([S.issuing, S.normalizing, S.capping, S.sharing]);
    expect(s.value).toBe('settled');
    expect(s.context.outcome?.text).toBe(settledText(s.context));
    expect(s.context.outcome?.text).toMatch(/RPT01 is held to its maximum/);
    expect(s.context.outcome?.text).toMatch(/no disk is below its minimum/);
  });

  it('raises an alert for each other VM at the start and clears it when they get their share', () => {
    let s = send(start(INPUTS.default as QosInput), 'START');
    const raised = s.context.log.filter((e) => e.text.startsWith('Msvm_StorageAlert 32930'));
    expect(raised.map((e) => e.text.match(/: (\w+)'s disk/)?.[1])).toEqual([
      'SQL01',
      'WEB01',
      'APP01',
    ]);
    s = send(send(s, 'STEP_DONE'), 'STEP_DONE'); // capping: still below
    expect(s.context.alerts).toHaveLength(3);
    s = send(s, 'STEP_DONE'); // sharing: back in policy
    expect(s.context.alerts).toEqual([]);
    expect(s.context.log.filter((e) => e.text.startsWith('Msvm_StorageAlert 32931'))).toHaveLength(
      3,
    );
  });

  it('with no maximum the noisy VM keeps most of the volume and the alerts stay', () => {
    let s = send(start(INPUTS['no cap'] as QosInput), 'START');
    while (s.status !== 'done') s = send(s, 'STEP_DONE');
    expect(s.context.alerts).toHaveLength(3);
    expect(s.context.outcome?.text).toMatch(/nothing is held back/);
    expect(s.context.outcome?.text).toMatch(/still below their minimum/);
  });

  it('a burst before the cap pushes the others further down; after it, nothing changes for them', () => {
    const issuing = send(start(INPUTS.default as QosInput), 'START');
    const before = runFigures(issuing.context);
    const burst = runFigures(send(issuing, 'BURST_NOISY_VM').context);
    for (const [i, d] of before.disks.entries())
      if (d.vm !== issuing.context.noisy) expect(burst.disks[i]?.served).toBeLessThan(d.served);
    let capped = issuing;
    while (!capped.matches({ running: 'sharing' })) capped = send(capped, 'STEP_DONE');
    const a = runFigures(capped.context);
    const b = runFigures(send(capped, 'BURST_NOISY_VM').context);
    for (const [i, d] of a.disks.entries())
      if (d.vm !== capped.context.noisy) expect(b.disks[i]?.served).toBe(d.served);
    expect(b.throttled).toBeGreaterThan(a.throttled);
  });

  it('runs the same under the sim runner, faults at any moment', () => {
    const input = INPUTS.default as QosInput;
    const S = QOS_CONSTANTS.stepS;
    const total = S.issuing + S.normalizing + S.capping + S.sharing;
    for (const t of [0.5, S.issuing + 1, total - 1]) {
      for (const fault of QOS_FAULTS) {
        const r = new SimRunner(machine, input, { startEvent: 'START' });
        r.play();
        r.advance(t);
        r.inject(fault.type);
        r.skipToEnd();
        const s = r.getSnapshot().snapshot as Snap;
        checkInvariants(s);
        expect(s.context.outcome?.kind).toBe(fault.type === 'FAIL_STORAGE' ? 'failed' : 'settled');
      }
    }
    console.info(`storage QoS states walked: ${JSON.stringify(walked)}`);
  });
});
