import type { ReactNode } from 'react';
import { errorMessage } from '../api.js';
import type { Loaded } from '../use-load.js';

/** Shows a loading line or the error of a failed load; the data otherwise. */
export function Load<T>({ value, children }: { value: Loaded<T>; children: (data: T) => ReactNode }) {
  if (value.state === 'loading')
    return (
      <p className="muted" role="status">
        در حال بارگیری…
      </p>
    );
  if (value.state === 'failed')
    return (
      <p className="notice error" role="alert">
        {errorMessage(value.error)}
      </p>
    );
  return <>{children(value.data)}</>;
}
