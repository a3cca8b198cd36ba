import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDeploymentResource } from '../../src/engine/model/index.js';
import { ALL_WORKERS } from '../../workers/index.js';

const PROCESSES = path.resolve(import.meta.dirname, '../../processes');

async function jobTypesInBpmn(): Promise<Set<string>> {
  const types = new Set<string>();
  for (const file of (await fs.readdir(PROCESSES)).filter((f) => f.endsWith('.bpmn'))) {
    const parsed = await parseDeploymentResource(file, await fs.readFile(path.join(PROCESSES, file), 'utf8'));
    for (const { process } of parsed.processes) {
      for (const element of Object.values(process.elements)) {
        if ('job' in element && element.job.type.kind === 'static') types.add(element.job.type.value);
      }
    }
  }
  return types;
}

describe('job types and workers', () => {
  it('every job type the BPMN uses has a worker, and every worker is used by a process', async () => {
    const used = await jobTypesInBpmn();
    const served = new Set(ALL_WORKERS.map((w) => w.type));
    expect([...used].filter((t) => !served.has(t))).toEqual([]);
    expect([...served].filter((t) => !used.has(t))).toEqual([]);
  });
});
