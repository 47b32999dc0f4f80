import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ParameterControls, type ParameterSpec } from './ParameterControls';

const SPECS: ParameterSpec[] = [
  {
    name: 'memoryMiB',
    label: 'VM memory',
    unit: 'MiB',
    min: 512,
    max: 1048576,
    step: 512,
    description: 'memory of the VM being moved',
  },
  {
    name: 'linkGbps',
    label: 'Link speed',
    unit: 'Gbit/s',
    min: 0.1,
    max: 100,
    step: 0.1,
    description: 'speed of each live migration network adapter',
  },
];

const MEMORY_ERROR = 'VM memory must be between 512 and 1048576 MiB';

/** A parent that keeps the values, like the app will. */
function Harness(props: {
  onChange(name: string, value: number): void;
  errors?: Record<string, string>;
}) {
  const [values, setValues] = useState<Record<string, number>>({ memoryMiB: 2048, linkGbps: 1 });
  return (
    <ParameterControls
      specs={SPECS}
      values={values}
      errors={props.errors}
      onChange={(name, value) => {
        props.onChange(name, value);
        setValues((v) => ({ ...v, [name]: value }));
      }}
    />
  );
}

function setup(errors?: Record<string, string>) {
  const user = userEvent.setup();
  const onChange = vi.fn();
  const view = render(<Harness onChange={onChange} errors={errors} />);
  const memory = screen.getByLabelText('VM memory (MiB)') as HTMLInputElement;
  return { user, onChange, memory, ...view };
}

describe('ParameterControls', () => {
  it('is a fieldset "Parameters" with a labelled, described number field per spec', () => {
    const { memory } = setup();
    expect(screen.getByRole('group', { name: 'Parameters' }).tagName).toBe('FIELDSET');
    expect(memory).toHaveAttribute('type', 'number');
    expect(memory).toHaveValue(2048);
    expect(memory).toHaveAttribute('min', '512');
    expect(memory).toHaveAttribute('max', '1048576');
    expect(memory).toHaveAttribute('step', '512');
    expect(memory).toHaveAccessibleDescription('memory of the VM being moved');
    expect(memory).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Link speed (Gbit/s)')).toHaveValue(1);
  });

  it('commits a valid value on blur, once', async () => {
    const { user, onChange, memory } = setup();
    await user.clear(memory);
    await user.type(memory, '4096');
    expect(onChange).not.toHaveBeenCalled(); // not on every keystroke
    await user.tab();
    expect(onChange).toHaveBeenCalledExactlyOnceWith('memoryMiB', 4096);
    expect(memory).toHaveValue(4096);
  });

  it('commits a valid value on Enter', async () => {
    const { user, onChange } = setup();
    const link = screen.getByLabelText('Link speed (Gbit/s)');
    await user.clear(link);
    await user.type(link, '2.5{Enter}');
    expect(onChange).toHaveBeenCalledExactlyOnceWith('linkGbps', 2.5);
  });

  it('commits on a native change event (spinner, arrow keys)', () => {
    const { onChange, memory } = setup();
    fireEvent.change(memory, { target: { value: '2560' } });
    expect(onChange).toHaveBeenCalledExactlyOnceWith('memoryMiB', 2560);
    fireEvent.blur(memory);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('refuses an out-of-range value with an inline error naming the parameter and range', async () => {
    const { user, onChange, memory } = setup();
    await user.clear(memory);
    await user.type(memory, '100{Enter}');
    expect(onChange).not.toHaveBeenCalled();
    expect(memory).toHaveAttribute('aria-invalid', 'true');
    expect(memory).toHaveAccessibleDescription(`memory of the VM being moved ${MEMORY_ERROR}`);
    expect(screen.getByText(MEMORY_ERROR)).toBeInTheDocument();

    // Fixing it clears the error and commits.
    await user.clear(memory);
    await user.type(memory, '1024');
    await user.tab();
    expect(onChange).toHaveBeenCalledExactlyOnceWith('memoryMiB', 1024);
    expect(memory).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(MEMORY_ERROR)).toBeNull();
  });

  it('refuses an empty field and values above the maximum', async () => {
    const { user, onChange, memory } = setup();
    await user.clear(memory);
    await user.tab();
    expect(screen.getByText(MEMORY_ERROR)).toBeInTheDocument();
    fireEvent.change(memory, { target: { value: '2000000' } });
    expect(memory).toHaveAttribute('aria-invalid', 'true');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reverts an uncommitted edit on Escape', async () => {
    const { user, onChange, memory } = setup();
    await user.clear(memory);
    await user.type(memory, '7{Enter}');
    expect(memory).toHaveAttribute('aria-invalid', 'true');
    await user.keyboard('{Escape}');
    expect(memory).toHaveValue(2048);
    expect(memory).not.toHaveAttribute('aria-invalid');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows errors from outside the same way', () => {
    const { memory } = setup({ memoryMiB: `${MEMORY_ERROR}; "abc" was ignored` });
    expect(memory).toHaveAttribute('aria-invalid', 'true');
    expect(memory).toHaveAccessibleDescription(/VM memory must be between 512 and 1048576 MiB/);
    expect(screen.getByLabelText('Link speed (Gbit/s)')).not.toHaveAttribute('aria-invalid');
  });

  it('follows values changed from outside', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <ParameterControls
        specs={SPECS}
        values={{ memoryMiB: 2048, linkGbps: 1 }}
        onChange={onChange}
      />,
    );
    rerender(
      <ParameterControls
        specs={SPECS}
        values={{ memoryMiB: 8192, linkGbps: 1 }}
        onChange={onChange}
      />,
    );
    expect(screen.getByLabelText('VM memory (MiB)')).toHaveValue(8192);
  });

  it('disables every field when disabled', () => {
    render(
      <ParameterControls
        specs={SPECS}
        values={{ memoryMiB: 2048, linkGbps: 1 }}
        onChange={vi.fn()}
        disabled
      />,
    );
    expect(screen.getByLabelText('VM memory (MiB)')).toBeDisabled();
    expect(screen.getByLabelText('Link speed (Gbit/s)')).toBeDisabled();
  });
});
