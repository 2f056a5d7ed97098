/**
 * One request to a running hub's admin API (`hub links --url`, `hub push --url`): the admin key,
 * JSON both ways, and a refusal as an error naming the method, path, status and the problem's detail.
 */
export async function adminApiCall<T>(url: string, key: string, method: string, path: string, body?: object): Promise<T> {
  const res = await fetch(new URL(path, url.endsWith('/') ? url : `${url}/`), {
    method,
    headers: { 'x-admin-key': key, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // not JSON: the text as it came
    }
    throw new Error(`${method} ${path}: ${res.status} ${detail}`);
  }
  return JSON.parse(text) as T;
}
