import type { ReactNode } from 'react';

/** A labelled control with its hint and its error: the fields of the editors and the public form. */
export function Field({
  id,
  label,
  error,
  required = false,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
  hint?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id} className={required ? 'required' : undefined}>
        {label}
      </label>
      {children}
      {hint && <div className="hint">{hint}</div>}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
