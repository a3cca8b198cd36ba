import { evaluateFeel } from '../../../engine/feel/index.js';

/**
 * The text templating form-js uses in text components (feelers): `{{expression}}` and
 * `{{#if expression}}…{{/if}}`, the expressions in FEEL. Unknown or failing expressions print nothing.
 */
export function fillTemplate(text: string, context: Record<string, unknown>): string {
  const value = (expression: string) => {
    const result = evaluateFeel(expression.trim(), context);
    return result.ok ? result.value : null;
  };
  const withConditions = text.replace(
    /\{\{#if ([^}]+)\}\}([\s\S]*?)\{\{\/if\}\}/g,
    (_all, condition: string, body: string) => {
      const holds = value(condition);
      return holds !== null && holds !== false && holds !== '' ? body : '';
    },
  );
  return withConditions.replace(/\{\{([^#/][^}]*)\}\}/g, (_all, expression: string) => {
    const result = value(expression);
    return result === null || result === undefined
      ? ''
      : typeof result === 'object'
        ? JSON.stringify(result)
        : String(result);
  });
}
