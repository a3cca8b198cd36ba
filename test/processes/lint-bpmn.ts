/**
 * Lints BPMN texts as `npx bpmnlint` does, with the repository's `.bpmnlintrc`, through bpmnlint's Node API
 * (`Linter` with a `NodeResolver`, the diagram read by `bpmn-moddle` with the configured moddle extensions).
 *
 * Reads `[{ name, xml }]` as JSON on stdin and writes `{ [name]: problems }` as JSON on stdout, one line per
 * problem: `<rule> <category> <element id>: <message>` (import warnings are errors, as in the CLI).
 *
 * The process tests run it in a child process (`node --import tsx`): bpmnlint is CommonJS and requires the ES
 * module `min-dash`, which Node 20.19+ can do but Jest's module loader cannot (before Node 24.9).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import type { LintConfig } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Plug-ins and moddle extensions resolve from the repository root, like the CLI run there. */
const requireFromRoot = createRequire(path.join(root, 'package.json'));

interface LintRc extends LintConfig {
  readonly moddleExtensions?: Readonly<Record<string, string>>;
}

async function lint(xml: string, rc: LintRc): Promise<string[]> {
  const { moddleExtensions = {}, ...config } = rc;
  const extensions = Object.fromEntries(
    Object.entries(moddleExtensions).map(([prefix, descriptor]) => [prefix, requireFromRoot(descriptor)]),
  );
  const read = await BpmnModdle(extensions).fromXML(xml);
  const importProblems = read.warnings.map(
    (warning) => `import error ${warning.element?.id ?? '-'}: ${warning.message.split('\n')[0] ?? ''}`,
  );
  const linter = new Linter({ config, resolver: new NodeResolver({ require: requireFromRoot }) });
  const reports = await linter.lint(read.rootElement);
  return [
    ...importProblems,
    ...Object.entries(reports).flatMap(([rule, list]) =>
      list.map((report) => `${rule} ${report.category} ${report.id ?? '-'}: ${report.message}`),
    ),
  ];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const rc = JSON.parse(readFileSync(path.join(root, '.bpmnlintrc'), 'utf8')) as LintRc;
const files = JSON.parse(await readStdin()) as { name: string; xml: string }[];
const results: Record<string, string[]> = {};
for (const file of files) {
  try {
    results[file.name] = await lint(file.xml, rc);
  } catch (error) {
    results[file.name] = [
      `parse error -: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ];
  }
}
process.stdout.write(JSON.stringify(results));
