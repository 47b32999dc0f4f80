import { useEffect, useState } from 'react';

/**
 * False on the first render, true once the page has painted it. Parts loaded on first use that
 * are not needed for the first picture (the statechart, the self-check) wait for it, so their
 * chunks are not fetched while the panel's own code and text are still on their way (Lighthouse
 * counts every request started before the largest paint against it).
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame callback runs just before the next paint; a task queued from it runs after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}
