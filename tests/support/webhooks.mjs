// An independent Standard Webhooks verifier (node:crypto, not the worker's code), for
// every test that receives leadkit's webhooks on a loopback receiver.
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Whether `headers` and the raw `body` carry a valid signature under `secret`
 * (`whsec_<base64>`), made within five minutes of now: HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the base64-decoded key, any `v1,` entry matching.
 */
export function verifySignature(secret, headers, body, nowSecs = Date.now() / 1000) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !/^\d+$/.test(timestamp ?? "") || !signatures) return false;
  if (Math.abs(nowSecs - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]))
    .digest();
  return signatures.split(" ").some((entry) => {
    const [version, encoded] = entry.split(",");
    const candidate = Buffer.from(encoded ?? "", "base64");
    return version === "v1" && candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}
