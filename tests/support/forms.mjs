// Helpers for posting to forms the way the embed does: a render token signed with the
// worker's development key (wrangler.toml [vars]) and issued in the past, so the
// time-to-fill check passes without a test having to wait.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./worker.mjs";

/** The development FORM_TOKEN_SECRET from wrangler.toml. */
export const formTokenSecret = (() => {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const m = toml.match(/^FORM_TOKEN_SECRET = "([^"]+)"$/m);
  if (!m) throw new Error("wrangler.toml has no FORM_TOKEN_SECRET in [vars]");
  return m[1];
})();

/** A render token for `formId` issued `ageSeconds` ago (see shared/src/forms/render_token.rs). */
export function renderToken(formId, ageSeconds = 60) {
  const seconds = String(Math.floor(Date.now() / 1000) - ageSeconds);
  const tag = createHmac("sha256", formTokenSecret)
    .update(`leadkit-render-v1.${formId}.${seconds}`)
    .digest("base64url");
  return `${seconds}.${tag}`;
}

/**
 * What a person's submission of the default contact form carries besides the fields:
 * a render token old enough and the required 개인정보 수집·이용 consent.
 */
export function humanExtras(formId = "contact") {
  return { _lk_rendered: renderToken(formId), consent_personal_info_collection: "on" };
}
