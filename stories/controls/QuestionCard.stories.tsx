import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { QuestionCard } from '../../src/views/controls/QuestionCard';

const meta = {
  title: 'Controls/QuestionCard',
  component: QuestionCard,
  args: {
    prompt:
      'The live migration network is cut now, during step 2. Where does SQL01 run afterwards?',
    kind: 'choice',
    options: [
      { value: 'host-a', label: 'On HV-A' },
      { value: 'host-b', label: 'On HV-B' },
      { value: 'off', label: 'Nowhere: it is off' },
    ],
    result: null,
    onCheck: fn(),
    onContinue: fn(),
  },
} satisfies Meta<typeof QuestionCard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Before the answer: a radio group named by the question; "Check answer" once one is chosen. */
export const BeforeTheAnswer: Story = {
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement);
    const region = c.getByRole('region', { name: 'Check yourself' });
    const group = within(region).getByRole('radiogroup', { name: /Where does SQL01 run/ });
    const check = c.getByRole('button', { name: 'Check answer' });
    await expect(check).toBeDisabled();
    await userEvent.click(within(group).getByRole('radio', { name: 'On HV-A' }));
    await userEvent.click(check);
    await expect(args.onCheck).toHaveBeenCalledWith('host-a');
  },
};

/** A number question: the answer typed, Enter checks it. */
export const NumberQuestion: Story = {
  args: {
    prompt: 'How many memory copy passes will the move take, the final stop-and-copy included?',
    kind: 'number',
    unit: 'passes',
    options: [],
  },
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement);
    await userEvent.type(c.getByRole('spinbutton', { name: 'Your answer (passes)' }), '4{Enter}');
    await expect(args.onCheck).toHaveBeenCalledWith('4');
  },
};

/** After the answer: the verdict, the answer and why, in a live region; then "Continue". */
export const AfterTheAnswer: Story = {
  args: {
    result: {
      correct: false,
      answer: 'On HV-A',
      explanation:
        'Step 2 comes before step 4, the storage handoff: until the destination has control of the storage the source still owns the VM, so a fault rolls the move back.',
    },
  },
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement);
    const result = within(c.getByRole('region', { name: 'Check yourself' })).getByRole('status');
    await expect(result).toHaveTextContent('Not quite. The answer is On HV-A.');
    await expect(result).toHaveTextContent('storage handoff');
    for (const radio of c.getAllByRole('radio')) await expect(radio).toBeDisabled();
    const next = c.getByRole('button', { name: 'Continue' });
    await expect(next).toHaveFocus();
    await userEvent.click(next);
    await expect(args.onContinue).toHaveBeenCalled();
  },
};
