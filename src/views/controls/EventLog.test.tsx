import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLog, type EventLogEntry } from './EventLog';

const formatTime = (t: number) => `${t.toFixed(2)} s`;

const ENTRIES: EventLogEntry[] = [
  { t: 0, kind: 'step', text: 'Set up the destination' },
  { t: 4.2, kind: 'fault', text: 'Migration network cut' },
  { t: 4.2, kind: 'outcome', text: 'Migration failed; the VM keeps running on HOST-A' },
  { t: 5, kind: 'info', text: 'Retry possible' },
];

/** Gives the list a scrollable geometry (happy-dom does no layout). */
function fakeGeometry(list: HTMLElement, scrollHeight: number, clientHeight = 100) {
  Object.defineProperty(list, 'scrollHeight', { configurable: true, value: scrollHeight });
  Object.defineProperty(list, 'clientHeight', { configurable: true, value: clientHeight });
}

/** The IntersectionObservers made (happy-dom's never report): a test says when the log is seen. */
let observers: { fire: (isIntersecting: boolean) => void }[] = [];
/** The observer reports the log on screen (true) or off it. */
function seen(isIntersecting: boolean) {
  act(() => {
    for (const o of observers) o.fire(isIntersecting);
  });
}

describe('EventLog', () => {
  beforeEach(() => {
    observers = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly cb: (e: { isIntersecting: boolean }[]) => void) {
          observers.push({ fire: (isIntersecting) => this.cb([{ isIntersecting }]) });
        }
        observe() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('has a heading and a list named "Event log" with one item per entry, newest last', () => {
    render(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(screen.getByRole('heading', { name: 'Event log' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Event log' });
    expect(list.tagName).toBe('OL');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent('Set up the destination');
    expect(items[3]).toHaveTextContent('Retry possible');
  });

  it('starts each entry with the sim time in a <time> element', () => {
    render(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    const items = screen.getAllByRole('listitem');
    const time = items[1]?.firstElementChild;
    expect(time?.tagName).toBe('TIME');
    expect(time).toHaveTextContent('4.20 s');
    expect(time).toHaveAttribute('datetime', 'PT4.200S');
    expect(items[1]?.textContent?.startsWith('4.20 s')).toBe(true);
  });

  it('marks faults and outcomes with a word, not only colour', () => {
    render(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    const [step, fault, outcome, info] = screen.getAllByRole('listitem');
    expect(fault).toHaveTextContent('4.20 s Fault: Migration network cut');
    expect(fault).toHaveAttribute('data-kind', 'fault');
    expect(outcome).toHaveTextContent(/^4\.20 s Outcome: Migration failed/);
    expect(step).not.toHaveTextContent(/Fault|Outcome/);
    expect(info).toHaveTextContent('5.00 s Retry possible');
  });

  it('is a focusable scroll box', () => {
    render(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(screen.getByRole('list', { name: 'Event log' })).toHaveAttribute('tabindex', '0');
  });

  it('scrolls itself to keep the newest entry in view as entries arrive', () => {
    const { rerender } = render(<EventLog entries={ENTRIES.slice(0, 2)} formatTime={formatTime} />);
    const list = screen.getByRole('list', { name: 'Event log' });
    seen(true);
    fakeGeometry(list, 400);
    rerender(<EventLog entries={ENTRIES.slice(0, 3)} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(400);
    fakeGeometry(list, 520);
    rerender(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(520);
    expect(screen.getAllByRole('listitem').at(-1)).toHaveTextContent('Retry possible');
  });

  it('stops following while the reader has scrolled up, and resumes at the bottom', () => {
    const { rerender } = render(<EventLog entries={ENTRIES.slice(0, 2)} formatTime={formatTime} />);
    const list = screen.getByRole('list', { name: 'Event log' });
    seen(true);
    fakeGeometry(list, 400);
    list.scrollTop = 50;
    fireEvent.scroll(list);
    rerender(<EventLog entries={ENTRIES.slice(0, 3)} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(50);

    list.scrollTop = 300; // 400 - 300 - 100 = 0: at the bottom again
    fireEvent.scroll(list);
    fakeGeometry(list, 480);
    rerender(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(480);
  });

  it('follows again after the log is cleared (restart)', () => {
    const { rerender } = render(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    const list = screen.getByRole('list', { name: 'Event log' });
    seen(true);
    fakeGeometry(list, 400);
    list.scrollTop = 0;
    fireEvent.scroll(list);
    rerender(<EventLog entries={[]} formatTime={formatTime} />);
    expect(screen.getByText('No events yet.')).toBeInTheDocument();
    expect(within(list).queryAllByRole('listitem')).toHaveLength(0);
    fakeGeometry(list, 200);
    rerender(<EventLog entries={ENTRIES.slice(0, 1)} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(200);
  });

  it('while it is off screen it reads no layout at all; it follows once the observer sees it', () => {
    const { rerender } = render(<EventLog entries={ENTRIES.slice(0, 2)} formatTime={formatTime} />);
    const list = screen.getByRole('list', { name: 'Event log' });
    let reads = 0;
    const layoutRead = (value: number) => ({
      configurable: true,
      get: () => {
        reads += 1;
        return value;
      },
    });
    Object.defineProperty(list, 'scrollHeight', layoutRead(640));
    Object.defineProperty(list, 'clientHeight', layoutRead(100));
    Object.defineProperty(list, 'checkVisibility', {
      configurable: true,
      value: () => {
        reads += 1;
        return false;
      },
    });
    // Not yet reported on screen (the observer's first report comes after a frame), then off it.
    rerender(<EventLog entries={ENTRIES.slice(0, 3)} formatTime={formatTime} />);
    seen(false);
    rerender(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(reads).toBe(0);
    expect(list.scrollTop).toBe(0);
    // Scrolled into view: it catches up with the newest entry, once.
    seen(true);
    expect(list.scrollTop).toBe(640);
    expect(reads).toBe(1);
    seen(true);
    expect(reads).toBe(1);
  });

  it('where there is no IntersectionObserver it follows at once', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { rerender } = render(<EventLog entries={ENTRIES.slice(0, 2)} formatTime={formatTime} />);
    const list = screen.getByRole('list', { name: 'Event log' });
    fakeGeometry(list, 300);
    rerender(<EventLog entries={ENTRIES} formatTime={formatTime} />);
    expect(list.scrollTop).toBe(300);
  });
});
