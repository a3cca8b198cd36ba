import fs from 'node:fs/promises';
import path from 'node:path';
import type { CamundaClient } from '@camunda8/orchestration-cluster-api';

export interface DeployedSummary {
  readonly processes: { id: string; version: number; key: string }[];
  readonly forms: { id: string; version: number; key: string }[];
}

/** The project's BPMN and form files: `processes/*.bpmn` and `forms/*.form` under `root`. */
export async function projectResources(root: string): Promise<{ name: string; content: Buffer }[]> {
  const pick = async (dir: string, ext: string) => {
    const files = (await fs.readdir(path.join(root, dir)).catch(() => [] as string[]))
      .filter((f) => f.endsWith(ext))
      .sort();
    return Promise.all(
      files.map(async (name) => ({ name, content: await fs.readFile(path.join(root, dir, name)) })),
    );
  };
  return [...(await pick('forms', '.form')), ...(await pick('processes', '.bpmn'))];
}

/** Deploys every process and form in one deployment; unchanged ones keep their version. */
export async function deployResources(
  client: CamundaClient,
  resources: readonly { name: string; content: Buffer }[],
): Promise<DeployedSummary> {
  if (resources.length === 0) return { processes: [], forms: [] };
  const result = await client.createDeployment({
    resources: resources.map(
      (r) =>
        new File([new Uint8Array(r.content)], r.name, {
          type: r.name.endsWith('.form') ? 'application/json' : 'application/xml',
        }),
    ),
  } as never);
  return {
    processes: result.processes.map((p) => ({
      id: p.processDefinitionId,
      version: p.processDefinitionVersion,
      key: p.processDefinitionKey,
    })),
    forms: result.forms.map((f) => ({
      id: String(f.formId),
      version: Number(f.version),
      key: String(f.formKey),
    })),
  };
}
