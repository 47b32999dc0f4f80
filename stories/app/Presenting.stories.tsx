/** Presenter mode, the speaker notes and a tour stop, as the shell shows them. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import '../../src/styles.css';
import '../../src/app/app.css';
import { Notes } from '../../src/app/Notes';
import { TourPage } from '../../src/app/Tours';
import panel from '../../src/panels/liveMigration2008r2';

const { Panel } = panel;

const meta = {
  title: 'App/Presenting',
  component: Panel,
  args: {
    values: {},
    errors: [],
    onChangeParams: fn(),
    reducedMotion: true,
    shell: { present: true, onPresent: fn() },
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The stage in a 16:9 box; the clicker's PageDown steps; Escape asks to leave. */
export const PresenterMode: Story = {
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement);
    // Presenter mode loads on first use.
    const status = (await c.findAllByRole('status', {}, { timeout: 10_000 }))[0] as HTMLElement;
    await waitFor(() => expect(status).toHaveTextContent('Ready to migrate'));
    await c.findByRole('button', { name: 'Leave presenter mode' }, { timeout: 10_000 });
    await expect(c.getByText('6 steps')).toBeInTheDocument();
    await userEvent.keyboard('{PageDown}');
    await waitFor(() => expect(status).toHaveTextContent('Step 1: Connect'));
    await expect(c.getByText(/^Next: Step 2/)).toBeInTheDocument();
    await expect(status).toHaveTextContent('Source: Windows Server 2008 R2 SP1 poster notes');
    for (const name of ['Open speaker notes', 'Black out', 'Full screen', 'Leave presenter mode'])
      await expect(c.getByRole('button', { name })).toBeInTheDocument();
    await expect(c.getByRole('combobox', { name: 'Fit run to' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await expect(args.shell?.onPresent).toHaveBeenCalledWith(false);
  },
};

/** The speaker notes window as the presenting window fills it. */
export const SpeakerNotes: StoryObj<typeof Notes> = {
  render: () => (
    <Notes
      initial={{
        panel: 'Live migration (Windows Server 2008 R2)',
        route: '/mobility/live-migration-2008r2',
        step: 'Step 2: Copy the memory',
        narration:
          'Every page of the VM’s memory crosses the live migration network while the VM keeps running on the source.',
        source:
          'Source: Windows Server 2008 R2 SP1 poster notes, section 4.2 (Live migration (Windows Server 2008 R2)).',
        next: 'Step 3: Copy the changed pages again',
        now: 12.3,
        endT: 22.6,
        since: Date.now() - 95_000,
        talkingPoints: panel.definition.meta.talkingPoints ?? [],
        tour: {
          title: 'Live migration in ten minutes',
          stop: 1,
          of: 5,
          caption: 'The classic move.',
        },
      }}
    />
  ),
  play: async ({ canvasElement }) => {
    const notes = within(canvasElement).getByRole('region', { name: 'Speaker notes' });
    await expect(notes).toHaveTextContent('Step 2: Copy the memory');
    await expect(notes).toHaveTextContent('Next: Step 3: Copy the changed pages again');
    await expect(notes).toHaveTextContent(/Elapsed\s*1:3\d/);
    await expect(notes).toHaveTextContent('12.3 s of 22.6 s');
    await expect(within(notes).getAllByRole('listitem').length).toBeGreaterThanOrEqual(2);
  },
};

/** A tour stop: the panel at the stop's moment, the region "Tour" with its caption and buttons. */
export const TourStop: StoryObj<typeof TourPage> = {
  render: () => <TourPage id="live-migration" stop="2" raw={{}} reducedMotion />,
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const tour = await c.findByRole('region', { name: 'Tour' }, { timeout: 10_000 });
    await expect(tour).toHaveTextContent('Live migration in ten minutes · Stop 2 of 5');
    await expect(tour).toHaveTextContent('failover cluster');
    await expect(within(tour).getByRole('button', { name: 'Next stop' })).toBeEnabled();
    await expect(within(tour).getByRole('button', { name: 'Previous stop' })).toBeEnabled();
    await waitFor(() =>
      expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
        'Migrate up to the limit',
      ),
    );
  },
};
