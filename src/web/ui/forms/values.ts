/** Form values are nested objects addressed by paths such as `['correctiveActions', 0, 'dueOn']`. */

export type Path = readonly (string | number)[];
export type Values = Record<string, unknown>;

export function pathOf(base: Path, key: string): Path {
  return [...base, ...key.split('.')];
}

/** `correctiveActions[0].dueOn`: how the server and validateSubmission name a field. */
export function fieldName(path: Path): string {
  return path.reduce<string>(
    (name, segment) =>
      typeof segment === 'number' ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment,
    '',
  );
}

export function getIn(values: unknown, path: Path): unknown {
  let value = values;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

export function setIn<T>(values: T, path: Path, value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value as T;
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(values)
    ? [...(values as unknown[])]
    : { ...((values ?? {}) as Record<string, unknown>) };
  const current = (container as Record<string | number, unknown>)[head];
  const next =
    rest.length === 0 ? value : setIn(current ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  if (next === undefined && !Array.isArray(container))
    delete (container as Record<string, unknown>)[head as string];
  else (container as Record<string | number, unknown>)[head] = next;
  return container as T;
}
