/** "Export SVG", "Export PNG" (the current picture) and "Print handout" (every step). */
import { type RefObject, useState } from 'react';
import type { PictureInfo } from './exportPicture';

export function ExportBar({
  stage,
  info,
  onHandout,
}: {
  /** The element holding the picture. */
  stage: RefObject<HTMLElement | null>;
  /** What the picture says about itself, at this moment. */
  info: () => PictureInfo;
  onHandout?: () => void;
}) {
  const [message, setMessage] = useState('');
  const exportAs = async (kind: 'svg' | 'png') => {
    const el = stage.current;
    if (!el) return;
    const i = info();
    let name = kind.toUpperCase();
    try {
      // Loaded on first use: its own chunk, not part of what every panel preloads.
      const { composeSvg, download, fileSlug, svgToPng } = await import('./exportPicture');
      name = `${fileSlug(i.panel)}-${fileSlug(i.step)}.${kind}`;
      const { svg, width, height } = composeSvg(el, i);
      const blob =
        kind === 'svg'
          ? new Blob([svg], { type: 'image/svg+xml' })
          : await svgToPng(svg, width, height);
      download(blob, name);
      setMessage(`Saved ${name}.`);
    } catch {
      setMessage(`The picture could not be exported as ${kind.toUpperCase()} in this browser.`);
    }
  };
  return (
    <span className="export-bar">
      <button type="button" onClick={() => void exportAs('svg')}>
        Export SVG
      </button>
      <button type="button" onClick={() => void exportAs('png')}>
        Export PNG
      </button>
      {onHandout && (
        <button type="button" onClick={onHandout}>
          Print handout
        </button>
      )}
      <span className="muted" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
