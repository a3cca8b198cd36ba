/** The JSON API of src/web, as the pages call it: the CSRF header on every write, problem details as errors. */

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body?: BodyInit, json = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api${path}`, { method, headers, body, credentials: 'same-origin' });
  if (res.ok) return res;
  const problem = (await res.json().catch(() => ({}))) as {
    code?: string;
    title?: string;
    fields?: FieldProblem[];
  };
  throw new ApiError(
    res.status,
    problem.code ?? 'error',
    problem.title ?? res.statusText,
    problem.fields ?? [],
  );
}

async function parsed<T>(res: Response): Promise<T> {
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const api = {
  get: async <T>(path: string): Promise<T> => parsed<T>(await send('GET', path)),
  post: async <T>(path: string, body: unknown = {}): Promise<T> =>
    parsed<T>(await send('POST', path, JSON.stringify(body), true)),
  patch: async <T>(path: string, body: unknown): Promise<T> =>
    parsed<T>(await send('PATCH', path, JSON.stringify(body), true)),
  delete: async <T>(path: string): Promise<T> => parsed<T>(await send('DELETE', path)),
  /** A text body (a BPMN diagram's XML). */
  text: async (path: string): Promise<string> => (await send('GET', path)).text(),
  /** A multipart form (files); the browser sets the boundary. */
  upload: async <T>(path: string, form: FormData): Promise<T> => parsed<T>(await send('POST', path, form)),
};

/** The Persian sentence to show for a failed call. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'ارتباط با سامانه برقرار نشد. دوباره تلاش کنید.';
  switch (error.status) {
    case 401:
      return 'نشست شما پایان یافته است؛ دوباره وارد شوید.';
    case 403:
      return 'شما به این بخش دسترسی ندارید.';
    case 404:
      return 'موردی یافت نشد.';
    case 409:
      return 'این مورد هم‌زمان تغییر کرده است؛ صفحه را دوباره بارگیری کنید.';
    case 413:
      return 'حجم فایل بیش از اندازهٔ مجاز است.';
    case 429:
      return 'تعداد درخواست‌ها بیش از حد مجاز است؛ چند دقیقهٔ دیگر دوباره تلاش کنید.';
    default:
      return error.status >= 500 ? 'خطایی در سامانه رخ داد؛ دوباره تلاش کنید.' : 'درخواست پذیرفته نشد.';
  }
}
