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

/**
 * SQL seeding a "webinar" form into the demo workspace: e-mail, name and company (plus
 * `extraFields`), the required consent, no time-to-fill check, and `origin` — a test's
 * host page — as its one allowed origin.
 */
export function webinarFormSeed(origin, extraFields = []) {
  const label = (ko, en) => ({ ko, en });
  const form = {
    id: "webinar",
    workspace_id: "00000000-0000-4000-8000-000000000002",
    name: "Webinar",
    fields: [
      { name: "email", kind: { type: "email" }, required: true, label: label("업무용 이메일", "Work email"), maps_to: { to: "email" } },
      { name: "name", kind: { type: "text" }, required: true, label: label("이름", "Name"), maps_to: { to: "name" } },
      { name: "company", kind: { type: "text" }, required: false, label: label("회사명", "Company"), maps_to: { to: "company" } },
      ...extraFields,
    ],
    cta: label("웨비나 자리 맡기", "Save my seat"),
    thank_you: { kind: "message", message: label("신청이 완료되었습니다.", "You're registered.") },
    allowed_origins: [origin],
    consents: [
      {
        purpose: "personal_info_collection",
        required: true,
        text: label("(필수) 개인정보 수집·이용 동의", "(Required) I agree to the collection of my details"),
        text_version: "privacy-webinar-1",
      },
    ],
    min_fill_seconds: 0,
    honeypot_field: "fax",
  };
  const definition = JSON.stringify(form).replaceAll("'", "''");
  return `INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at, definition_json)
          VALUES ('webinar', 'default', 'Webinar', NULL, '2026-11-24T00:00:00Z', '${definition}');`;
}
