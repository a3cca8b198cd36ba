import type { CSSProperties, ReactNode } from 'react';

/** A cell of a `.form-row`: `span` of 16 columns on wide screens, the full row on phones. */
export function Column({
  span,
  children,
  ...data
}: {
  span: number;
  children: ReactNode;
  'data-component'?: string;
}) {
  return (
    <div data-columns={span} style={{ '--columns': span } as CSSProperties} {...data}>
      {children}
    </div>
  );
}
