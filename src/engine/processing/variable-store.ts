import type { JsonObject, JsonValue } from '../feel/index.js';
import type { Key, Variable } from './runtime.js';

export interface VariableChange {
  readonly variable: Variable;
  readonly created: boolean;
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The variables of one process instance by scope (every element instance is a scope), with Zeebe's
 * two merge primitives: local and propagating (zeebe-semantics §1.2).
 */
export class VariableStore {
  private readonly scopes = new Map<Key, Map<string, Variable>>();
  readonly changes = new Map<Key, VariableChange>();

  constructor(
    /** The parent scope of a scope: its element instance's flow scope; null at the process instance. */
    private readonly parentOf: (scope: Key) => Key | null,
    private readonly nextKey: () => Key,
    loaded: readonly Variable[] = [],
  ) {
    for (const v of loaded) this.scope(v.scopeKey).set(v.name, v);
  }

  private scope(key: Key): Map<string, Variable> {
    let s = this.scopes.get(key);
    if (!s) this.scopes.set(key, (s = new Map()));
    return s;
  }

  local(scope: Key, name: string): Variable | undefined {
    return this.scopes.get(scope)?.get(name);
  }

  localDocument(scope: Key): JsonObject {
    const doc: JsonObject = {};
    for (const [name, v] of this.scopes.get(scope) ?? []) doc[name] = v.value;
    return doc;
  }

  /** Every variable visible from `scope`, inner names shadowing outer ones. */
  visible(scope: Key | null): JsonObject {
    const chain: Key[] = [];
    for (let s = scope; s !== null; s = this.parentOf(s)) chain.push(s);
    const doc: JsonObject = {};
    for (const s of chain.reverse()) Object.assign(doc, this.localDocument(s));
    return doc;
  }

  /** Visible variables, narrowed to `names` when given (job activation's fetchVariable). */
  visibleNamed(scope: Key, names: readonly string[] | undefined): JsonObject {
    const all = this.visible(scope);
    if (!names || names.length === 0) return all;
    return Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]!]));
  }

  setLocal(scope: Key, name: string, value: JsonValue): void {
    const existing = this.local(scope, name);
    if (existing) {
      if (sameValue(existing.value, value)) return;
      existing.value = value;
      if (!this.changes.has(existing.key))
        this.changes.set(existing.key, { variable: existing, created: false });
      return;
    }
    const variable: Variable = { key: this.nextKey(), scopeKey: scope, name, value };
    this.scope(scope).set(name, variable);
    this.changes.set(variable.key, { variable, created: true });
  }

  mergeLocal(scope: Key, doc: JsonObject): void {
    for (const [name, value] of Object.entries(doc)) this.setLocal(scope, name, value);
  }

  /**
   * Propagating merge: each name updates the nearest enclosing scope that holds it with a different
   * value; what is left is set at the process instance. As in Zeebe, an equal value does not stop
   * the propagation.
   */
  mergeDocument(scope: Key, doc: JsonObject): void {
    const remaining = new Map(Object.entries(doc));
    let s: Key = scope;
    for (let parent = this.parentOf(s); parent !== null; s = parent, parent = this.parentOf(s)) {
      for (const [name, value] of remaining) {
        const v = this.local(s, name);
        if (v && !sameValue(v.value, value)) {
          this.setLocal(s, name, value);
          remaining.delete(name);
        }
      }
    }
    for (const [name, value] of remaining) this.setLocal(s, name, value);
  }

  /** Forgets a scope whose element instance ended; its rows stay in the database as history. */
  dropScope(scope: Key): void {
    this.scopes.delete(scope);
  }
}
