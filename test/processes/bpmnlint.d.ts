// bpmnlint 11 ships no types for its entry point or its resolvers; what the process tests use of them.
declare module 'bpmnlint' {
  export interface LintReport {
    readonly id?: string;
    readonly message: string;
    readonly category: 'error' | 'warn' | 'info' | 'rule-error';
    readonly path?: readonly string[];
  }

  export interface LintConfig {
    readonly extends?: string | readonly string[];
    readonly rules?: Readonly<Record<string, unknown>>;
  }

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }

  export class Linter {
    constructor(options: { readonly config?: LintConfig; readonly resolver: Resolver });
    /** The reports of every rule that found something, by rule name (e.g. `camunda-compat/timer`). */
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/node-resolver.js' {
  import type { Resolver } from 'bpmnlint';

  /** Resolves rules and configurations with `require` (by default from the working directory). */
  const NodeResolver: new (options?: { readonly require?: NodeJS.Require }) => Resolver;
  export default NodeResolver;
}
