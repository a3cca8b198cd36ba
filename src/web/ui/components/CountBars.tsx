import type { CSSProperties } from 'react';
import { faNumber } from '../format.js';

export interface Count {
  readonly value: string;
  readonly labelFa: string;
  readonly count: number;
}

/** A horizontal bar per value, longest for the largest count; a click narrows the list to that value. */
export function CountBars({
  title,
  counts,
  tone,
  onPick,
}: {
  title: string;
  counts: readonly Count[];
  tone?: (value: string) => string;
  onPick(value: string): void;
}) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <figure className="bars" aria-label={title}>
      <figcaption>{title}</figcaption>
      {counts.length === 0 && <p className="muted small">—</p>}
      {counts.map((c) => (
        <button
          key={c.value}
          type="button"
          className={`bar ${tone?.(c.value) ?? ''}`}
          title={`فقط ${c.labelFa}`}
          onClick={() => onPick(c.value)}
        >
          <span className="bar-label">{c.labelFa}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ '--share': `${(c.count / max) * 100}%` } as CSSProperties} />
          </span>
          <span className="bar-count">{faNumber(c.count)}</span>
        </button>
      ))}
    </figure>
  );
}
