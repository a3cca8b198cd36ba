/**
 * Generates the Camunda Modeler element templates of our job types into
 * `processes/.camunda/element-templates/<job type>.json`, one per worker of `ALL_WORKERS`, and deletes the
 * ones (`eccim.*`) whose worker is gone. See `src/camunda/element-templates.ts` for what a template holds.
 *
 *   node --import tsx scripts/element-templates.ts               write the templates
 *   node --import tsx scripts/element-templates.ts --check       only say whether they are up to date (exit 1 if not)
 *   node --import tsx scripts/element-templates.ts --link-bpmn   also set zeebe:modelerTemplate and
 *                                                                zeebe:modelerTemplateVersion on every service task
 *                                                                of processes/*.bpmn whose job type has a template
 *
 * Versions: a template keeps its version while its content is unchanged and gets the next one when it
 * changes; after a change, run with --link-bpmn (or update the tasks in Camunda Modeler) so the diagrams
 * name the new version.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_WORKERS } from '../workers/index.js';
import {
  ELEMENT_TEMPLATES_DIR,
  linkServiceTasks,
  renderElementTemplates,
} from '../src/camunda/element-templates.js';
import { readBpmnXml, type BpmnXmlRead } from '../src/engine/model/read-bpmn-xml.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = path.join(root, ELEMENT_TEMPLATES_DIR);
const args = new Set(process.argv.slice(2));
const check = args.delete('--check');
const linkBpmn = args.delete('--link-bpmn');
if (args.size > 0) {
  process.stderr.write(`unknown arguments: ${[...args].join(' ')}\n`);
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The `.json` files now in the directory, by name. */
function filesOnDisk(): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]),
  );
}

/** Whether a file is one of ours (id `eccim.*`), so it may be deleted when its worker is gone. */
function isOurs(text: string): boolean {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' && id.startsWith('eccim.');
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const before = filesOnDisk();
  const wanted = await renderElementTemplates(ALL_WORKERS, before, root);
  const stale = [...before.keys()].filter((name) => !wanted.has(name) && isOurs(before.get(name)!));
  const foreign = [...before.keys()].filter((name) => !wanted.has(name) && !isOurs(before.get(name)!));
  const changed = [...wanted].filter(([name, text]) => before.get(name) !== text).map(([name]) => name);
  for (const name of foreign) say(`left alone (not generated here): ${name}`);

  if (check) {
    for (const name of changed) say(`out of date: ${name}`);
    for (const name of stale) say(`stale: ${name}`);
    if (changed.length > 0 || stale.length > 0) {
      say('run: node --import tsx scripts/element-templates.ts');
      return 1;
    }
    say(`${wanted.size} element templates are up to date`);
  } else {
    mkdirSync(dir, { recursive: true });
    for (const name of changed) {
      writeFileSync(path.join(dir, name), wanted.get(name)!);
      say(`${before.has(name) ? 'updated' : 'created'} ${ELEMENT_TEMPLATES_DIR}/${name}`);
    }
    for (const name of stale) {
      unlinkSync(path.join(dir, name));
      say(`deleted ${ELEMENT_TEMPLATES_DIR}/${name}`);
    }
    say(`${wanted.size} element templates, ${changed.length} written, ${stale.length} deleted`);
  }

  if (linkBpmn) {
    const versions = new Map<string, number>();
    for (const text of wanted.values()) {
      const template = JSON.parse(text) as { id: string; version: number; properties: unknown[] };
      versions.set(template.id.replace(/^eccim\./, ''), template.version);
    }
    const processesDir = path.join(root, 'processes');
    for (const name of readdirSync(processesDir)
      .filter((n) => n.endsWith('.bpmn'))
      .sort()) {
      const file = path.join(processesDir, name);
      const xml = readFileSync(file, 'utf8');
      const result = linkServiceTasks(xml, versions);
      for (const skipped of result.skipped) say(`${name}: skipped ${skipped}`);
      if (result.xml === xml) {
        say(`${name}: ${result.linked.length} service tasks already linked`);
        continue;
      }
      await verifyLink(name, xml, result.xml);
      if (check) {
        say(`${name}: service tasks not linked to the current template versions`);
        return 1;
      }
      writeFileSync(file, result.xml);
      say(`${name}: linked ${result.linked.length} service tasks`);
    }
  }
  return 0;
}

/** The linked diagram still parses, with no new warnings, and differs only in the two attributes. */
async function verifyLink(name: string, before: string, after: string): Promise<void> {
  const strip = (xml: string) => xml.replace(/ zeebe:modelerTemplate(?:Version)?="[^"]*"/g, '');
  if (strip(before) !== strip(after))
    throw new Error(`${name}: linking changed more than the template attributes`);
  const [old, linked] = await Promise.all([readBpmnXml(before), readBpmnXml(after)]);
  if (!linked.ok) throw new Error(`${name}: the linked diagram does not parse: ${linked.message}`);
  const warnings = (read: BpmnXmlRead) => (read.ok ? read.result.warnings.map((w) => w.message) : []);
  const added = warnings(linked).filter((w) => !warnings(old).includes(w));
  if (added.length > 0) throw new Error(`${name}: linking added parse warnings: ${added.join('; ')}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
