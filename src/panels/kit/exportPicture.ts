/**
 * Export of the current picture ("Export SVG", "Export PNG"): the stage as it is on screen, with
 * the step's title and the scenario's parameters above it and its source below, in one file that
 * opens in another program.
 *
 * The stage is any mix of SVG, canvas and HTML: each SVG is copied with its computed styles as
 * presentation attributes (the file has no stylesheet), each canvas becomes an embedded PNG image,
 * and HTML boxes and text are redrawn as SVG rectangles and text lines where they stand. The PNG is
 * that SVG drawn onto a canvas (`canvas.toBlob`). Nothing is inserted into the page but a
 * temporary download link, so the strict Content-Security-Policy holds (no inline style or script).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 16;
const LINE = { title: 26, step: 22, small: 17 };

/** What the exported picture says about itself. */
export interface PictureInfo {
  /** The panel's title. */
  panel: string;
  /** The current step's title (the narration's title). */
  step: string;
  /** The scenario's parameters, one line ("VM memory 2048 MiB · Link speed 1 Gbit/s"). */
  params: string;
  /** The source line (poster and section). */
  source: string;
  /** Sim time, s. */
  now: number;
}

/** SVG presentation properties copied from the computed style. */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'stop-color',
  'stop-opacity',
  'visibility',
] as const;

function transparent(color: string): boolean {
  return color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
}

/** Words of a string split into lines of at most `max` characters. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A safe file name from a title: "shared-nothing-live-migration". */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'picture'
  );
}

class Composer {
  readonly doc: XMLDocument;
  readonly root: SVGSVGElement;
  private readonly origin: DOMRect;

  constructor(
    stage: HTMLElement,
    readonly width: number,
    readonly height: number,
    private readonly top: number,
  ) {
    this.doc = document.implementation.createDocument(SVG_NS, 'svg', null);
    this.root = this.doc.documentElement as unknown as SVGSVGElement;
    this.root.setAttribute('width', String(width));
    this.root.setAttribute('height', String(height));
    this.root.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.origin = stage.getBoundingClientRect();
  }

  el(name: string, attrs: Record<string, string | number>, parent: Element = this.root): Element {
    const e = this.doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.appendChild(e);
    return e;
  }

  text(x: number, y: number, text: string, attrs: Record<string, string | number>): void {
    const t = this.el('text', { x, y, ...attrs });
    t.textContent = text;
  }

  /** Page coordinates to the file's. */
  private at(r: DOMRect): { x: number; y: number } {
    return { x: r.left - this.origin.left + PAD, y: r.top - this.origin.top + this.top };
  }

  /** Copy the stage's content into the file. */
  copy(node: Element): void {
    if (node instanceof SVGSVGElement) {
      this.copySvg(node);
      return;
    }
    if (node instanceof HTMLCanvasElement) {
      this.copyCanvas(node);
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const cs = getComputedStyle(node);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return;
    if (cs.clip !== 'auto' && cs.position === 'absolute') return; // visually hidden text
    const r = node.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return;
    const border = Number.parseFloat(cs.borderTopWidth) || 0;
    if (!transparent(cs.backgroundColor) || border > 0) {
      const p = this.at(r);
      this.el('rect', {
        x: p.x,
        y: p.y,
        width: r.width,
        height: r.height,
        rx: Number.parseFloat(cs.borderTopLeftRadius) || 0,
        fill: transparent(cs.backgroundColor) ? 'none' : cs.backgroundColor,
        ...(border > 0 ? { stroke: cs.borderTopColor, 'stroke-width': border } : {}),
      });
    }
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) this.copyText(child as Text, cs);
      else if (child instanceof Element) this.copy(child);
    }
  }

  /** A text node's lines where they stand on screen. */
  private copyText(node: Text, cs: CSSStyleDeclaration): void {
    const s = node.data;
    if (!s.trim()) return;
    const range = document.createRange();
    const lines = new Map<number, { x: number; y: number; h: number; words: string[] }>();
    for (const m of s.matchAll(/\S+/g)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const key = Math.round(r.top);
      const line = lines.get(key);
      if (line) line.words.push(m[0]);
      else lines.set(key, { ...this.at(r), h: r.height, words: [m[0]] });
    }
    for (const l of lines.values()) {
      this.text(l.x, l.y + l.h * 0.78, l.words.join(' '), {
        'font-size': cs.fontSize,
        'font-family': cs.fontFamily,
        'font-weight': cs.fontWeight,
        fill: cs.color,
      });
    }
  }

  private copyCanvas(c: HTMLCanvasElement): void {
    const r = c.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const p = this.at(r);
    let href: string;
    try {
      href = c.toDataURL('image/png');
    } catch {
      return; // a canvas that cannot be read is left out
    }
    this.el('image', { x: p.x, y: p.y, width: r.width, height: r.height, href });
  }

  private copySvg(svg: SVGSVGElement): void {
    const r = svg.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const clone = this.doc.importNode(svg, true) as unknown as SVGSVGElement;
    inlineStyles(svg, clone);
    const p = this.at(r);
    clone.setAttribute('x', String(p.x));
    clone.setAttribute('y', String(p.y));
    clone.setAttribute('width', String(r.width));
    clone.setAttribute('height', String(r.height));
    clone.removeAttribute('style');
    clone.removeAttribute('class');
    this.root.appendChild(clone);
  }
}

/** Give each element of `copy` the computed presentation of its original (same structure). */
function inlineStyles(original: Element, copy: Element): void {
  const cs = getComputedStyle(original);
  if (cs.display === 'none') {
    copy.parentNode?.removeChild(copy);
    return;
  }
  for (const prop of SVG_PROPS) {
    const value = cs.getPropertyValue(prop);
    if (value) copy.setAttribute(prop, value);
  }
  // A CSS transform (framer-motion's) as the element's transform; an <svg> takes none.
  if (cs.transform && cs.transform !== 'none' && !(original instanceof SVGSVGElement))
    copy.setAttribute('transform', cs.transform);
  copy.removeAttribute('style');
  const from = [...original.children];
  const to = [...copy.children];
  from.forEach((child, i) => {
    const c = to[i];
    if (c) inlineStyles(child, c);
  });
}

/** The stage with its title, parameters and source, as an SVG document (and its size). */
export function composeSvg(
  stage: HTMLElement,
  info: PictureInfo,
): { svg: string; width: number; height: number } {
  const box = stage.getBoundingClientRect();
  const width = Math.max(320, Math.ceil(box.width) + 2 * PAD);
  const chars = Math.floor((width - 2 * PAD) / 7);
  const params = wrapText(info.params, chars);
  const source = wrapText(`${info.source} Sim time ${info.now.toFixed(1)} s.`, chars);
  const top = PAD + LINE.title + LINE.step + params.length * LINE.small + PAD / 2;
  const height = Math.ceil(top + box.height + PAD / 2 + source.length * LINE.small + PAD);
  const c = new Composer(stage, width, height, top);
  const page = getComputedStyle(document.body);
  const bg = transparent(page.backgroundColor) ? '#ffffff' : page.backgroundColor;
  const fg = page.color || '#000000';
  const font = page.fontFamily || 'sans-serif';
  c.el('rect', { x: 0, y: 0, width, height, fill: bg });
  let y = PAD + 18;
  c.text(PAD, y, info.panel, {
    'font-size': 20,
    'font-weight': 700,
    fill: fg,
    'font-family': font,
  });
  y += LINE.step;
  c.text(PAD, y, info.step, { 'font-size': 16, 'font-weight': 600, fill: fg, 'font-family': font });
  for (const line of params) {
    y += LINE.small;
    c.text(PAD, y, line, { 'font-size': 12, fill: fg, 'font-family': font });
  }
  for (const child of stage.children) c.copy(child);
  y = top + box.height + PAD / 2;
  for (const line of source) {
    y += LINE.small;
    c.text(PAD, y, line, {
      'font-size': 12,
      'font-style': 'italic',
      fill: fg,
      'font-family': font,
    });
  }
  return { svg: new XMLSerializer().serializeToString(c.doc), width, height };
}

/** The SVG drawn onto a canvas at `scale`, as a PNG. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save a blob as a file: an object URL and a temporary `<a download>`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
