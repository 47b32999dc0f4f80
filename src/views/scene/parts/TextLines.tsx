/** One line of text in a box: its class, and its baseline below the box's top. */
export interface TextLine {
  text: string;
  className?: string;
  /** Baseline, below the box's top edge. */
  dy: number;
  /** 'start' (default): `padX` in from the left edge; 'middle': centred in the box. */
  align?: 'start' | 'middle';
}

/** The text lines of a box whose top-left corner is (x, y). */
export function TextLines({
  lines,
  x,
  y,
  width,
  padX,
}: {
  lines: readonly TextLine[];
  x: number;
  y: number;
  width: number;
  padX: number;
}) {
  return (
    <>
      {lines.map((l) => (
        <text
          key={`${l.dy}:${l.className ?? ''}`}
          className={l.className}
          x={l.align === 'middle' ? x + width / 2 : x + padX}
          y={y + l.dy}
          textAnchor={l.align === 'middle' ? 'middle' : undefined}
        >
          {l.text}
        </text>
      ))}
    </>
  );
}
