// Signing up and in against the real worker from tests: the session cookie a browser
// would keep, ready to send back as a Cookie header or to add to a Playwright context.

/** The `lk_session=…` pair from a response's Set-Cookie, or null. */
export function sessionCookie(res) {
  const match = /(?:^|[;,]\s*)lk_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "");
  return match ? `lk_session=${match[1]}` : null;
}

/** POSTs JSON; returns the response. */
export function postJson(url, path, body, headers = {}) {
  return fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * Signs up a new account; returns { me, cookie, res }. Throws unless the worker answers
 * 201 with a session cookie, so a test never runs on a half-made account.
 */
export async function signUp(
  url,
  { email, password = "correct horse 1", name = "김민수", workspace_name = "에이크미" },
) {
  const res = await postJson(url, "/api/auth/signup", { email, password, name, workspace_name });
  const text = await res.text();
  const cookie = sessionCookie(res);
  if (res.status !== 201 || !cookie) throw new Error(`sign-up failed (${res.status}): ${text}`);
  return { me: JSON.parse(text), cookie, res };
}
