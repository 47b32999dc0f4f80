/**
 * Stories generated from a panel definition's named moments (idle, a mid-step, failed, done):
 * each opens the panel, reaches the moment as a user would (Step forward, Skip to end, Inject
 * fault) and checks what the status and the steps say, plus the CONTRACT names every panel has.
 */
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { ParamValues } from '../../src/model/parameters';
import type { MomentName, PanelMeta } from '../../src/panels/kit/definition';
import type { PanelProps } from '../../src/panels/types';

/** A generated story: its URL values and what a user does and sees. */
export interface MomentStory {
  args: { values: ParamValues };
  play: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
}

interface Defined {
  Panel: (props: PanelProps) => React.JSX.Element | null;
  definition: { meta: PanelMeta };
}

/** The CONTRACT names every process panel has, checked in every generated story. */
async function expectContractNames(el: HTMLElement, meta: PanelMeta) {
  const c = within(el);
  for (const name of ['Step forward', 'Step back', 'Restart', 'Skip to end', 'Inject fault'])
    await expect(c.getByRole('button', { name })).toBeInTheDocument();
  await expect(c.getByRole('button', { name: /^(Play|Pause)$/ })).toBeInTheDocument();
  await expect(c.getByRole('slider', { name: 'Timeline' })).toBeInTheDocument();
  await expect(c.getByRole('slider', { name: 'Speed' })).toBeInTheDocument();
  await expect(c.getByRole('region', { name: 'Steps' })).toBeInTheDocument();
  await expect(c.getByRole('region', { name: 'Results' })).toBeInTheDocument();
  await expect(c.getByRole('region', { name: 'PowerShell' })).toBeInTheDocument();
  await expect(c.getByRole('list', { name: 'Event log' })).toBeInTheDocument();
  await expect(c.getByRole('button', { name: meta.startLabel })).toBeInTheDocument();
  const rows = within(c.getByRole('table', { name: 'Inventory' })).getAllByRole('row');
  // A header row and at least one VM.
  await expect(rows.length).toBeGreaterThan(1);
}

/** One story per named moment of the panel. */
export function momentStories<P extends Defined>(panel: P) {
  const meta = panel.definition.meta;
  const story = (name: MomentName): MomentStory => {
    const m = meta.moments[name];
    return {
      args: { values: m.values ?? {} },
      play: async ({ canvasElement }) => {
        const c = within(canvasElement);
        await expectContractNames(canvasElement, meta);
        for (const b of m.press ?? []) await userEvent.click(c.getByRole('button', { name: b }));
        for (let i = 0; i < (m.forward ?? 0); i++)
          await userEvent.click(c.getByRole('button', { name: 'Step forward' }));
        if (m.end) await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
        if (m.inject) {
          await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
          await userEvent.click(c.getByRole('menuitem', { name: new RegExp(`^${m.inject}$`) }));
        }
        if (m.status) {
          const status = m.status;
          await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent(status));
        }
        if (m.step) {
          const step = m.step;
          const steps = c.getByRole('region', { name: 'Steps' });
          await waitFor(() =>
            expect(steps.querySelector('[aria-current="step"]')).toHaveTextContent(step),
          );
        }
        if (name === 'done')
          await expect(c.getByRole('button', { name: /^(Play|Pause)$/ })).toBeDisabled();
      },
    };
  };
  return {
    meta: {
      component: panel.Panel,
      args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
      parameters: { layout: 'fullscreen' },
    },
    idle: story('idle'),
    midStep: story('midStep'),
    failed: story('failed'),
    done: story('done'),
  };
}

/**
 * A generated story of the panel's first self-check question: the panel opens with questions on
 * at top speed, Play runs it to the question, which is answered (the first option, or 1), checked
 * and explained, and Continue plays on.
 */
export function firstQuestionStory(panel: Defined): MomentStory & {
  args: { values: ParamValues; shell: { quiz: true } };
} {
  return {
    args: { values: { speed: 64 }, shell: { quiz: true } },
    play: async ({ canvasElement }) => {
      const c = within(canvasElement);
      await expectContractNames(canvasElement, panel.definition.meta);
      await userEvent.click(c.getByRole('button', { name: 'Play' }));
      const region = await c.findByRole('region', { name: 'Check yourself' }, { timeout: 10_000 });
      const q = within(region);
      await expect(c.getByRole('button', { name: /^(Play|Pause)$/ })).toHaveAccessibleName('Play');
      const radios = q.queryAllByRole('radio');
      if (radios[0]) await userEvent.click(radios[0]);
      else await userEvent.type(q.getByRole('spinbutton'), '1');
      await userEvent.click(q.getByRole('button', { name: 'Check answer' }));
      await expect(q.getByRole('status')).toHaveTextContent(/The answer is .+\..*step/i);
      await userEvent.click(q.getByRole('button', { name: 'Continue' }));
      await waitFor(() => expect(region).not.toBeInTheDocument());
    },
  };
}
