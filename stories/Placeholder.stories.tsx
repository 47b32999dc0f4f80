// Temporary: proves the Storybook + Vitest browser pipeline. Replace with real stories.
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <main>
      <h1>{label}</h1>
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Clicked {count} times
      </button>
    </main>
  );
}

const meta = {
  title: 'Placeholder/Counter',
  component: Counter,
  args: { label: 'Hyper-V Poster, live' },
} satisfies Meta<typeof Counter>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ClickIncrements: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Clicked 0 times' });
    await userEvent.click(button);
    await expect(canvas.getByRole('button', { name: 'Clicked 1 times' })).toBeInTheDocument();
  },
};
