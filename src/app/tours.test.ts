/**
 * Every tour stop names a registered panel and opens at a moment its run reaches: the buttons it
 * presses exist and are enabled there, its fault can strike, and the narration then says what the
 * stop expects.
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import type { PanelDefinition } from '../panels/kit/definition';
import { openAt } from '../panels/kit/openMoment';
import { panelValues } from '../panels/kit/panelRunner';
import { preparedRunner } from '../panels/kit/preparedRunner';
import { findPanel } from '../panels/registry';
import { findTour, parseTourRoute, resolveStop, TOURS } from './tours';

type Def = PanelDefinition<AnyStateMachine, unknown>;

describe('tours', () => {
  it('have unique ids, at least two stops each, and cover the built sections', () => {
    expect(new Set(TOURS.map((t) => t.id)).size).toBe(TOURS.length);
    for (const t of TOURS) expect(t.stops.length, t.id).toBeGreaterThanOrEqual(2);
    const routes = TOURS.flatMap((t) => t.stops.map((s) => s.route));
    for (const prefix of ['/mobility/', '/storage/', '/snapshots', '/availability/'])
      expect(
        routes.some((r) => r.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(findTour('what-can-go-wrong')?.stops.map((s) => s.route)).toEqual(
      expect.arrayContaining([
        '/mobility/live-migration-2008r2',
        '/mobility/cluster',
        '/mobility/smb',
        '/mobility/shared-nothing',
        '/mobility/storage-migration',
        '/mobility/faster-live-migration',
        '/mobility/cross-version',
      ]),
    );
  });

  it('parse their routes', () => {
    expect(parseTourRoute('/tour/storage')).toEqual({ id: 'storage', stop: undefined });
    expect(parseTourRoute('/tour/storage/2')).toEqual({ id: 'storage', stop: '2' });
    expect(parseTourRoute('/tours')).toBeNull();
    expect(parseTourRoute('/mobility/smb')).toBeNull();
  });

  for (const tour of TOURS) {
    tour.stops.forEach((stop, i) => {
      it(`${tour.id} stop ${i + 1}: ${stop.route} reaches its moment`, async () => {
        const entry = findPanel(stop.route);
        if (!entry) throw new Error(`${stop.route} is not a registered panel`);
        const def = ((await entry.load()) as unknown as { definition: Def }).definition;
        const { values, open, expect: said } = resolveStop(stop);
        const runner = preparedRunner(def, values, def.knobs);
        const ctx = { values: panelValues(def, values), knobs: def.knobs, input: runner.input };
        const views = typeof def.views === 'function' ? def.views(ctx) : def.views;
        const problems = openAt(
          runner,
          open,
          views.faults,
          def.actions?.(ctx) ?? [],
          views.startLabel ?? def.meta.startLabel,
        );
        expect(problems).toEqual([]);
        expect(stop.caption.length).toBeGreaterThan(40);
        if (said) {
          const n = views.narration(runner.getSnapshot());
          expect(`${n.title} ${n.text}`).toContain(said);
        }
      }, 30_000);
    });
  }
});
