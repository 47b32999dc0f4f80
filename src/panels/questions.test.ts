/**
 * Every built panel's self-check questions, asked as a learner meets them: the default run is
 * played (in small steps, as the clock would) and each question must be reached exactly once,
 * with its text, options, answer and explanation computed from the run at that moment (the right
 * answer counts as right, a wrong one does not; the explanation names the step).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import type { PanelDefinition } from './kit/definition';
import { panelValues } from './kit/panelRunner';
import { preparedRunner } from './kit/preparedRunner';
import { type Question, reached } from './kit/quiz';
import { askQuestion, questionContext } from './kit/quizAnswers';
import { METAS, PANELS } from './registry';

type Def = PanelDefinition<AnyStateMachine, unknown>;

async function definitionOf(route: string): Promise<Def> {
  const entry = PANELS.find((p) => p.route === route);
  if (!entry) throw new Error(route);
  return ((await entry.load()) as unknown as { definition: Def }).definition;
}

/** Play the default run to its end, asking each question as the clock reaches it. */
function playAsking(def: Def) {
  const runner = preparedRunner(def, {}, def.knobs);
  const scenario = { input: runner.input, values: panelValues(def, {}), knobs: def.knobs };
  const startEvent = def.startEvent ?? 'START';
  const questions = (def.questions ?? []) as readonly Question<AnyStateMachine>[];
  const asked: { id: string; at: number; q: ReturnType<typeof askQuestion> }[] = [];
  const seen = new Set<string>();
  let prev = runner.getSnapshot();
  runner.play();
  const dt = Math.max(0.005, runner.getSnapshot().endT / 400);
  for (let guard = 0; guard < 5000 && !runner.getSnapshot().done; guard += 1) {
    const v = runner.getSnapshot();
    let hit = false;
    for (const q of questions) {
      if (seen.has(q.id)) continue;
      const r = reached(q, scenario, prev, v, runner.history());
      if (!r) continue;
      seen.add(q.id);
      runner.pause();
      if (r.seek !== undefined) runner.seek(r.seek);
      const ctx = questionContext(runner, startEvent, scenario);
      asked.push({ id: q.id, at: runner.getSnapshot().now, q: askQuestion(q, ctx) });
      runner.play();
      hit = true;
      break;
    }
    prev = runner.getSnapshot();
    if (!hit) runner.advance(dt);
  }
  return { asked, questions };
}

describe('self-check questions', () => {
  for (const panel of PANELS) {
    it(`${panel.route}: at least three, each asked once in the default run`, async () => {
      const def = await definitionOf(panel.route);
      const { asked, questions } = playAsking(def);
      expect(questions.length).toBeGreaterThanOrEqual(3);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      expect(asked.map((a) => a.id).sort()).toEqual(questions.map((q) => q.id).sort());
      for (const { q } of asked) {
        expect(q.prompt.length, q.id).toBeGreaterThan(10);
        expect(q.explanation, q.id).toMatch(/step/i);
        expect(q.check(q.expected), q.id).toBe(true);
        if (q.kind === 'choice') {
          expect(
            q.options.map((o) => o.value),
            q.id,
          ).toContain(q.expected);
          const wrong = q.options.find((o) => o.value !== q.expected);
          if (wrong) expect(q.check(wrong.value), q.id).toBe(false);
        } else {
          expect(Number.isFinite(Number(q.expected)), q.id).toBe(true);
          expect(q.check(String(Number(q.expected) * 10 + 1000)), q.id).toBe(false);
          expect(q.check('not a number'), q.id).toBe(false);
        }
      }
    }, 60_000);
  }
});

describe('presenting and self-check data of every panel', () => {
  const stories = readFileSync(
    resolve(process.cwd(), 'stories/panels/SelfCheck.stories.tsx'),
    'utf8',
  );

  it('every panel has 2 to 4 talking points', () => {
    for (const meta of METAS) {
      expect(meta.talkingPoints?.length ?? 0, meta.route).toBeGreaterThanOrEqual(2);
      expect(meta.talkingPoints?.length ?? 0, meta.route).toBeLessThanOrEqual(4);
    }
  });

  it('every panel has a generated first-question story', async () => {
    const folders = [...stories.matchAll(/= firstQuestion\((\w+)\);/g)].map((m) => m[1]);
    const routes: string[] = [];
    for (const folder of folders) {
      expect(stories).toContain(`import ${folder} from '../../src/panels/${folder}';`);
      routes.push(
        ((await import(`./${folder}/meta.ts`)) as { meta: { route: string } }).meta.route,
      );
    }
    expect(routes.sort()).toEqual(METAS.map((m) => m.route).sort());
  });

  it('numeric answers follow the parameters, never a stored figure', async () => {
    const ask = async (route: string, id: string, values: Record<string, number>) => {
      const def = await definitionOf(route);
      const runner = preparedRunner(def, values, def.knobs);
      const scenario = { input: runner.input, values: panelValues(def, values), knobs: def.knobs };
      runner.stepForward();
      const q = (def.questions ?? []).find((x) => x.id === id) as Question<AnyStateMachine>;
      return askQuestion(q, questionContext(runner, def.startEvent ?? 'START', scenario)).expected;
    };
    expect(await ask('/storage/qos', 'normalized', {})).toBe('8');
    expect(await ask('/storage/qos', 'normalized', { ioSizeKiB: 16 })).toBe('2');
    const slow = await ask('/mobility/live-migration-2008r2', 'rounds', {});
    const busy = await ask('/mobility/live-migration-2008r2', 'rounds', { dirtyMiBps: 80 });
    expect(Number(busy)).toBeGreaterThan(Number(slow));
  });
});
