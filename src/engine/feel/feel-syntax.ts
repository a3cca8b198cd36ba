import { parseExpression } from 'feelin';

type SyntaxTree = ReturnType<typeof parseExpression>;
type SyntaxNode = SyntaxTree['topNode'];

/**
 * Checks that a FEEL expression parses, without evaluating it. Returns the syntax error in the words of the
 * interpreter (`Incomplete <Comparison>`, `Unrecognized token in <Expression>`), or `null` when it parses.
 */
export function findFeelSyntaxError(expression: string): string | null {
  let errorNode: SyntaxNode | null = null;
  parseExpression(expression, {}, undefined).iterate({
    enter(ref) {
      if (errorNode !== null) return false;
      if (ref.type.isError) {
        errorNode = ref.node;
        return false;
      }
      return undefined;
    },
  });
  return errorNode === null ? null : describeSyntaxError(errorNode, expression);
}

function describeSyntaxError(node: SyntaxNode, expression: string): string {
  const parentName = node.parent?.name ?? 'Expression';
  if (node.from !== node.to) {
    return `Unrecognized token '${expression.slice(node.from, node.to)}' in <${parentName}>`;
  }
  const next = nextNode(node);
  if (next !== null) {
    return `Unrecognized token <${next.name}> in <${parentName}>`;
  }
  const unfinished = node.parent?.enterUnfinishedNodesBefore(node.to);
  return `Incomplete <${unfinished?.name ?? parentName}>`;
}

function nextNode(node: SyntaxNode): SyntaxNode | null {
  for (let current: SyntaxNode | null = node; current !== null; current = current.parent) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}
