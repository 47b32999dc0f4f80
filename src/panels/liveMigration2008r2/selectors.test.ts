/**
 * The picture and its text equivalents come from the same runner view: check that they agree at
 * every moment of normal and faulted runs (CONTRACT.md: the inventory "must always agree with" the
 * picture), and that the end-of-run figures are the model's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOVE_FAULTS } from '../../machines/faults';
import { formatDuration } from '../../model/format';
import { gridAt } from '../../model/pageGrid';
import { createPanelRunner } from '../kit/definePanel';
import { completedStepKeys, currentStepKey } from '../kit/steps';
import { definition } from './definition';
import { sceneProps } from './scene';
import {
  copyMoment,
  grid,
  inventory,
  narration,
  results,
  STEPS,
  succeeded,
  type View,
} from './selectors';

const createRunner = () => createPanelRunner(definition, {}, definition.knobs);
type Runner = ReturnType<typeof createRunner>;

const figure = (v: View, label: string) => results(v).figures.find((f) => f.label === label)?.value;

/** Moments to sample: every transition, and points inside each step. */
function sampleTimes(runner: Runner): number[] {
  const end = runner.getSnapshot().endT;
  const ts = runner.history().map((h) => h.t);
  const inside = ts.flatMap((t, i) => {
    const next = ts[i + 1] ?? end;
    return [t + (next - t) * 0.25, t + (next - t) * 0.75];
  });
  return [...ts, ...inside, end].sort((a, b) => a - b);
}

function checkAgreement(v: View) {
  const g = grid(v);
  const scene = sceneProps(v, g);
  const rows = inventory(v);
  expect(rows).toHaveLength(1);
  const row = rows[0];
  // Inventory host = where the picture draws the running VM.
  const drawnHost = scene.hosts.find((h) => h.id === scene.vm.host)?.name ?? '—';
  expect(row?.host).toBe(drawnHost);
  // A shell in the picture = "migrating to" in the inventory.
  if (scene.vm.shellOn) {
    const shellName = scene.hosts.find((h) => h.id === scene.vm.shellOn)?.name;
    expect(row?.state).toContain(`migrating to ${shellName}`);
  } else {
    expect(row?.state).not.toContain('migrating to');
  }
  // Storage column names the controller the picture shows.
  const controller = scene.hosts.find((h) => h.id === scene.storage.controllerHost)?.name;
  expect(row?.storage).toContain(`controlled by ${controller}`);
  // The grid is the model's grid for this moment.
  const c = v.snapshot.context;
  expect(g.cells.length).toBe(
    gridAt(
      {
        plan: c.plan.precopy,
        memoryBytes: c.params.memoryMiB * 2 ** 20,
        wwsBytes: c.params.wwsMiB * 2 ** 20,
        seed: c.seed,
      },
      copyMoment(v),
    ).cells.length,
  );
  // Steps: the current step is announced, and every completed step comes before it.
  const cur = currentStepKey(STEPS, v.snapshot);
  const done = completedStepKeys(STEPS, v, succeeded(v));
  const n = narration(v);
  if (cur) {
    const step = STEPS.find((s) => s.key === cur);
    expect(n.title).toBe(`Step ${step?.number}: ${step?.title}`);
    const idx = STEPS.findIndex((s) => s.key === cur);
    expect(done.every((k) => STEPS.findIndex((s) => s.key === k) < idx)).toBe(true);
  }
}

describe('classic live migration panel: text equivalents agree with the picture', () => {
  it('at every sampled moment of the default run, ending with the model’s figures', () => {
    const runner = createRunner();
    runner.skipToEnd();
    let lastRounds = 0;
    for (const t of sampleTimes(runner)) {
      runner.seek(t);
      const v = runner.getSnapshot();
      checkAgreement(v);
      const rounds = Number(figure(v, 'Rounds'));
      expect(rounds).toBeGreaterThanOrEqual(lastRounds);
      lastRounds = rounds;
    }
    runner.skipToEnd();
    const v = runner.getSnapshot();
    const plan = v.snapshot.context.plan;
    expect(succeeded(v)).toBe(true);
    expect(narration(v).title).toBe('Migrated');
    expect(figure(v, 'Total time')).toBe(formatDuration(plan.totalS));
    expect(figure(v, 'Downtime')).toBe(formatDuration(plan.precopy.downtimeS));
    expect(figure(v, 'Rounds')).toBe(String(plan.precopy.rounds.length));
    expect(completedStepKeys(STEPS, v, true)).toEqual(STEPS.map((s) => s.key));
    expect(inventory(v)[0]?.host).toBe('HV-B');
  });

  it('after any fault at any moment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MOVE_FAULTS.map((f) => f.type)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (fault, at) => {
          const runner = createRunner();
          const end = runner.getSnapshot().endT;
          runner.stepForward();
          runner.seek(end * at);
          runner.inject(fault);
          runner.skipToEnd();
          for (const t of sampleTimes(runner)) {
            runner.seek(t);
            checkAgreement(runner.getSnapshot());
          }
          const v = runner.getSnapshot();
          // The run ended: either migrated or with an outcome the narration names.
          expect(v.done).toBe(true);
          expect(narration(v).title).toMatch(/^(Migrated|Migration (failed|cancelled))$/);
          expect(['HV-A', 'HV-B', '—']).toContain(inventory(v)[0]?.host);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});
