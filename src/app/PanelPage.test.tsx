import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PanelEntry, PanelModule } from '../panels/types';
import { PanelPage } from './PanelPage';

function fakeEntry(load: () => Promise<PanelModule>): PanelEntry {
  return {
    route: '/test/panel',
    title: 'Test panel',
    section: 'Tests',
    catalog: '0.0',
    summary: 'A panel for tests.',
    params: ['seed'],
    load,
  };
}

const module: PanelModule = {
  Panel: () => <p>panel body</p>,
  Thumbnail: () => <p>thumbnail</p>,
};

const page = (entry: PanelEntry) => <PanelPage entry={entry} raw={{}} reducedMotion />;

describe('PanelPage', () => {
  it('a panel visited again reuses its loaded component: no new lazy wrapper, no fallback', async () => {
    const load = vi.fn(() => Promise.resolve(module));
    const entry = fakeEntry(load);
    const first = render(page(entry));
    expect(await screen.findByText('panel body')).toBeInTheDocument();
    first.unmount();
    // A panel switch away and back mounts a new PanelPage (App keys it by route).
    render(page(entry));
    expect(screen.getByText('panel body')).toBeInTheDocument();
    expect(screen.queryByText('Loading the panel…')).not.toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows the title and summary while the panel itself is still loading; not in the handout', async () => {
    let arrive: (m: PanelModule) => void = () => {};
    const entry = fakeEntry(() => new Promise<PanelModule>((ok) => (arrive = ok)));
    const first = render(page(entry));
    expect(screen.getByRole('heading', { level: 1, name: entry.title })).toBeInTheDocument();
    expect(screen.getByText(entry.summary)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading the panel…');
    await act(async () => arrive(module));
    expect(screen.getByText('panel body')).toBeInTheDocument();
    expect(screen.getByText(entry.summary)).toBeInTheDocument();
    first.unmount();
    render(<PanelPage entry={entry} raw={{ handout: '1' }} reducedMotion />);
    expect(screen.getByText('panel body')).toBeInTheDocument();
    expect(screen.queryByText(entry.summary)).not.toBeInTheDocument();
  });

  it('a failed load is tried again on the next visit (offline, then back online)', async () => {
    let fail = true;
    const load = vi.fn(() =>
      fail ? Promise.reject(new Error('chunk failed')) : Promise.resolve(module),
    );
    const entry = fakeEntry(load);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = render(page(entry));
    await act(async () => {});
    expect(screen.queryByText('panel body')).not.toBeInTheDocument();
    first.unmount();
    fail = false;
    render(page(entry));
    expect(await screen.findByText('panel body')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
