// Calling the worker's JSON API from tests as a client would: a session cookie or a
// bearer token (the token wins, as it does for the worker), a JSON body, a bounded wait.
// And waiting for something the worker does in the background (a Durable Object alarm,
// a queue consumer) without a fixed sleep.

/** Sends `method path` to the worker at `url`; resolves to the fetch Response. */
export function request(url, method, path, { cookie, bearer, json, timeoutMs = 15_000 } = {}) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  else if (cookie) headers.cookie = cookie;
  if (json !== undefined) headers["content-type"] = "application/json";
  return fetch(`${url}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** Like `request`, read whole: { status, body (parsed JSON or null), text, res }. */
export async function callApi(url, method, path, options) {
  const res = await request(url, method, path, options);
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (an HTML page, a script): the text says what it was
  }
  return { status: res.status, body, text, res };
}

/** Polls `check` until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function eventually(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
