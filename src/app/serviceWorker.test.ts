import { describe, expect, it, vi } from 'vitest';
import {
  registerServiceWorkerLater,
  SERVICE_WORKER_DELAY_MS,
  type ServiceWorkerHost,
} from './serviceWorker';

/** A window whose load event, timers and idle callbacks run when the test says. */
function fakeHost(opts: { readyState?: DocumentReadyState; visible?: boolean; idle?: boolean }) {
  const loads: (() => void)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const idles: { fn: () => void; timeout: number }[] = [];
  const register = vi.fn(() => Promise.resolve({} as ServiceWorkerRegistration));
  const host: ServiceWorkerHost = {
    document: {
      readyState: opts.readyState ?? 'loading',
      visibilityState: opts.visible === false ? 'hidden' : 'visible',
    },
    navigator: { serviceWorker: { register } },
    addEventListener: (_type, fn) => loads.push(fn),
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    ...(opts.idle === false
      ? {}
      : { requestIdleCallback: (fn, o) => idles.push({ fn, timeout: o.timeout }) }),
  };
  return { host, loads, timers, idles, register };
}

describe('registerServiceWorkerLater', () => {
  it('waits for the load event, then the delay, then an idle moment', () => {
    const f = fakeHost({});
    registerServiceWorkerLater(f.host);
    expect(f.register).not.toHaveBeenCalled();
    expect(f.loads).toHaveLength(1);
    f.loads[0]?.();
    expect(f.register).not.toHaveBeenCalled();
    expect(f.timers.map((t) => t.ms)).toEqual([SERVICE_WORKER_DELAY_MS]);
    f.timers[0]?.fn();
    expect(f.register).not.toHaveBeenCalled();
    expect(f.idles).toHaveLength(1);
    expect(f.idles[0]?.timeout).toBeGreaterThan(0);
    f.idles[0]?.fn();
    expect(f.register).toHaveBeenCalledExactlyOnceWith('./sw.js', { scope: './' });
  });

  it('after a load already over, starts the delay at once; without idle callbacks, registers after it', () => {
    const f = fakeHost({ readyState: 'complete', idle: false });
    registerServiceWorkerLater(f.host);
    expect(f.loads).toHaveLength(0);
    expect(f.timers).toHaveLength(1);
    f.timers[0]?.fn();
    expect(f.register).toHaveBeenCalledTimes(1);
  });

  it('a page in the background registers at its load: nothing on screen waits', () => {
    const f = fakeHost({ visible: false });
    registerServiceWorkerLater(f.host);
    f.loads[0]?.();
    expect(f.timers).toHaveLength(0);
    expect(f.register).toHaveBeenCalledTimes(1);
  });

  it('a browser without service workers, or a failed registration, leaves the page alone', async () => {
    const f = fakeHost({ readyState: 'complete', idle: false });
    registerServiceWorkerLater({ ...f.host, navigator: {} });
    expect(f.timers).toHaveLength(0);
    f.register.mockImplementationOnce(() => Promise.reject(new Error('blocked')));
    registerServiceWorkerLater(f.host);
    expect(() => f.timers[0]?.fn()).not.toThrow();
    await Promise.resolve();
    expect(f.register).toHaveBeenCalledTimes(1);
  });
});
