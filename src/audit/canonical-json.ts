/**
 * JSON with object keys sorted at every depth, so that equal values always give equal text — the
 * basis of the audit hash chain. Values are first normalised as a JSON round trip would (dates to
 * strings, undefined members dropped), which is also what PostgreSQL's jsonb gives back.
 */
export function canonicalJson(value: unknown): string {
  return stringify(normalise(value));
}

export function normalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function stringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
