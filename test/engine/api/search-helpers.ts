/** Shared pieces of the search API tests. */

/** Eventual consistency off: the engine's reads are immediately consistent. */
export const NOW = { consistency: { waitUpToMs: 0 } };

/** totalItems as a number (the client parses it as a bigint). */
export const total = (result: { page: { totalItems: number | bigint } }) => Number(result.page.totalItems);

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** A request without the official client, for what its own validation would reject or rewrite. */
export async function raw(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  const response = await fetch(`${url}/v2${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType,
    body: contentType?.includes('json') && text ? JSON.parse(text) : text,
  };
}

/** The detail of a problem response. */
export const detail = (response: RawResponse) => (response.body as { detail?: string }).detail ?? '';

export function userTask(id: string, name: string | null, extensions = ''): string {
  return `<bpmn:userTask id="${id}"${name === null ? '' : ` name="${name}"`}><bpmn:extensionElements><zeebe:userTask />${extensions}</bpmn:extensionElements></bpmn:userTask>`;
}

/** An embedded sub-process with its own start → elements → end line. */
export function subProcess(id: string, inner: string, extensions = ''): string {
  return `<bpmn:subProcess id="${id}" name="${id}">${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${inner}</bpmn:subProcess>`;
}

/** A minimal Camunda form with the given id. */
export function form(id: string): string {
  return JSON.stringify({
    id,
    type: 'default',
    schemaVersion: 18,
    components: [{ type: 'textfield', key: 'comment', label: 'Comment' }],
  });
}
