import { evaluateJson, evaluateMappingSource, type JsonObject, type JsonValue } from '../feel/index.js';
import type { InputMapping, OutputMapping } from '../model/executable-process.js';

export type MappingResult = { ok: true; variables: JsonObject } | { ok: false; message: string };

function setPath(target: JsonObject, path: string, value: JsonValue, base: JsonObject): void {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const existing = target[head] ?? base[head];
  const child: JsonObject =
    existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...existing } : {};
  setPath(child, rest.join('.'), value, {});
  target[head] = child;
}

/**
 * Input mappings, in declaration order: each sees the variables visible from the element and the
 * targets mapped before it. A dotted target builds a fresh nested object.
 */
export function evaluateInputMappings(mappings: readonly InputMapping[], visible: JsonObject): MappingResult {
  const result: JsonObject = {};
  for (const m of mappings) {
    const evaluated = evaluateMappingSource(m.source, { ...visible, ...result });
    if (!evaluated.ok) return { ok: false, message: evaluated.failure.message };
    setPath(result, m.target, evaluated.value, {});
  }
  return { ok: true, variables: result };
}

/**
 * Output mappings, evaluated in the element's scope. A dotted target merges into the object of that
 * name visible from the element, as Zeebe's compiled `context merge` does.
 */
export function evaluateOutputMappings(
  mappings: readonly OutputMapping[],
  visible: JsonObject,
): MappingResult {
  const result: JsonObject = {};
  for (const m of mappings) {
    const evaluated = evaluateJson(m.source, visible);
    if (!evaluated.ok) return { ok: false, message: evaluated.failure.message };
    const [head] = m.target.split('.');
    const base = head === undefined ? undefined : (result[head] ?? visible[head]);
    if (m.target.includes('.') && base != null && (typeof base !== 'object' || Array.isArray(base))) {
      // Zeebe compiles a dotted target to `context merge(a, {b: ...})`, which fails on a non-context.
      return {
        ok: false,
        message: `failed to evaluate expression '${m.target}': context merge(${head}, ...) expected a context for '${head}', but found '${JSON.stringify(base)}'`,
      };
    }
    setPath(result, m.target, evaluated.value, visible);
  }
  return { ok: true, variables: result };
}
