// Calls to the service's /v1 API with the key kept for this browser tab
// (sessionStorage: gone when the tab closes, never in a URL).

const KEY = 'quote-desk.key';
const WHO = 'quote-desk.who';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** Who is making changes, remembered for the tab so that each form need not ask for it afresh. */
export const editor = {
  get: () => sessionStorage.getItem(WHO) ?? '',
  set: (who) => sessionStorage.setItem(WHO, who),
};

export class ApiError extends Error {
  constructor(status, problem) {
    const detail = typeof problem === 'object' && problem ? problem.detail || problem.title : String(problem);
    const fields = (problem?.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
    super(`${detail}${fields ? ` (${fields})` : ''}`);
    this.status = status;
  }
}

/** The answer to a call; throws ApiError with the problem's words when it fails. */
export async function api(method, path, body, query) {
  const headers = { accept: 'application/json' };
  const key = apiKey.get();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const search = query ? `?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null))}` : '';
  const res = await fetch(`/v1${path}${search}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
