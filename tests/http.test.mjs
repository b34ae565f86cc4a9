// HTTP tests of the capture endpoint and the leads API against the real worker under
// `wrangler dev`, with a fresh local D1. Every rejected request is checked to have
// written nothing. The seeded `contact` form is the default contact definition, so a
// person's post carries a render token and the required consent (`humanExtras`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
/** The session of the first account, which claims the demo workspace /f/contact feeds. */
let cookie;
before(async () => {
  worker = await startWorker();
  ({ cookie } = await signUp(worker.url, { email: "owner@acme.kr" }));
});

/** GET with the owner's session. */
const getAuthed = (path) =>
  fetch(`${worker.url}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
after(async () => {
  await worker?.stop();
});

const leadCount = () => worker.d1("SELECT count(*) AS n FROM leads")[0].n;

const post = (path, options) => worker.post(path, options);

/** Sends a request that must be refused, and checks that no lead was written. */
async function refused(path, options, status) {
  const before = leadCount();
  const res = await post(path, options);
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(leadCount(), before, "a refused request wrote a lead");
  return { res, text };
}

test("a JSON post is stored and answered with the new lead's id", async () => {
  const res = await post("/f/contact", {
    contentType: "application/json",
    body: JSON.stringify({
      email: " Minsu.Kim@Acme.co.kr ", name: "김민수", company: "에이크미", title: "팀장", ...humanExtras(),
    }),
  });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.equal(body.schema_version, 1);
  assert.equal(body.thank_you.kind, "message");
  const rows = worker.d1("SELECT * FROM leads WHERE id = ?", body.lead_id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].email, "minsu.kim@acme.co.kr");
  assert.equal(rows[0].name, "김민수");
  assert.equal(rows[0].company, "에이크미");
  assert.equal(rows[0].form_id, "contact");
  assert.deepEqual(JSON.parse(rows[0].extra_json), { title: "팀장" });
});

test("a plain HTML form post is stored and redirected with 303 to a thank-you page", async () => {
  const before = leadCount();
  const res = await post("/f/contact", {
    contentType: "application/x-www-form-urlencoded",
    body: new URLSearchParams({ email: "lee@bravo.kr", name: "이지은", company: "브라보", ...humanExtras() }).toString(),
    accept: "text/html",
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/f/contact/thanks");
  assert.equal(leadCount(), before + 1);
  const thanks = await fetch(`${worker.url}/f/contact/thanks`);
  assert.equal(thanks.status, 200);
  const page = await thanks.text();
  assert.match(page, /감사합니다/);
  // The default contact form's own thank-you message, in both languages.
  assert.match(page, /영업일 기준 1일 이내에 연락드리겠습니다/);
  assert.match(page, /within one business day/);
});

test("missing and invalid fields get 422 naming each field", async () => {
  const { text } = await refused(
    "/f/contact",
    { contentType: "application/json", body: JSON.stringify({ email: "kim@acme", name: "", ...humanExtras() }) },
    422,
  );
  const body = JSON.parse(text);
  assert.equal(body.error, "validation_failed");
  assert.deepEqual(
    body.fields.map((f) => [f.field, f.code]),
    [["email", "invalid_email"], ["name", "required"], ["company", "required"]],
  );
  for (const f of body.fields) assert.match(f.message, new RegExp(`^${f.field} `));
});

test("a nested JSON field gets 422 naming it", async () => {
  const { text } = await refused(
    "/f/contact",
    {
      contentType: "application/json",
      body: JSON.stringify({ email: "a@b.co", name: { x: 1 }, company: "C", ...humanExtras() }),
    },
    422,
  );
  assert.deepEqual(JSON.parse(text).fields.map((f) => [f.field, f.code]), [["name", "not_text"]]);
});

test("an invalid plain form post from a browser gets an HTML page listing the errors", async () => {
  const { res, text } = await refused(
    "/f/contact",
    {
      contentType: "application/x-www-form-urlencoded",
      body: `email=not-an-email&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&${new URLSearchParams(humanExtras())}`,
      accept: "text/html,application/xhtml+xml",
    },
    422,
  );
  assert.match(res.headers.get("content-type"), /text\/html/);
  assert.match(text, /<strong>email<\/strong>/);
  assert.match(text, /<strong>company<\/strong>/);
  assert.doesNotMatch(text, /<script>alert/);
});

test("other content types get 415", async () => {
  const { text } = await refused("/f/contact", { contentType: "text/plain", body: "email=a@b.co" }, 415);
  assert.equal(JSON.parse(text).error, "unsupported_media_type");
  // multipart/form-data is read since definition-driven capture (tests/capture.test.mjs).
  await refused("/f/contact", { contentType: "application/xml", body: "<email/>" }, 415);
  // fetch adds text/plain to a string body without a type; a Blob without a type sends none.
  await refused("/f/contact", { body: new Blob(["email=a@b.co"]) }, 415);
});

test("a body over the size limit gets 413, declared or streamed", async () => {
  const big = "note=" + "x".repeat(70 * 1024) + "&email=a@b.co&name=A&company=B";
  const { text } = await refused("/f/contact", { contentType: "application/x-www-form-urlencoded", body: big }, 413);
  assert.equal(JSON.parse(text).error, "body_too_large");

  // A chunked body has no Content-Length: the worker must count while reading.
  const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
  let sent = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (sent++ < 6) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const before = leadCount();
  const res = await fetch(`${worker.url}/f/contact`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: stream,
    duplex: "half",
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 413);
  assert.equal(leadCount(), before);
});

test("malformed bodies get 400 naming the problem", async () => {
  const json = await refused("/f/contact", { contentType: "application/json", body: '{"email":' }, 400);
  assert.equal(JSON.parse(json.text).error, "malformed_body");
  const array = await refused("/f/contact", { contentType: "application/json", body: "[1]" }, 400);
  assert.match(JSON.parse(array.text).message, /object/);
  const utf8 = await refused(
    "/f/contact",
    { contentType: "application/x-www-form-urlencoded", body: "email=a%40b.co&name=%FF&company=C" },
    400,
  );
  assert.match(JSON.parse(utf8.text).message, /UTF-8/);
});

test("an unknown form gets 404", async () => {
  const { text } = await refused(
    "/f/no-such-form",
    { contentType: "application/json", body: JSON.stringify({ email: "a@b.co", name: "A", company: "B" }) },
    404,
  );
  assert.equal(JSON.parse(text).error, "unknown_form");
});

test("the leads API pages after a cursor and names bad parameters", async () => {
  for (let i = 0; i < 3; i++) {
    const res = await post("/f/contact", {
      contentType: "application/json",
      body: JSON.stringify({ email: `page${i}@acme.kr`, name: `Page ${i}`, company: "Acme", ...humanExtras() }),
    });
    assert.equal(res.status, 201);
  }
  const total = leadCount();
  const seen = [];
  let cursor = 0;
  for (;;) {
    const res = await getAuthed(`/api/leads?after=${cursor}&limit=2`);
    assert.equal(res.status, 200);
    const page = await res.json();
    assert.ok(page.leads.length <= 2);
    for (const lead of page.leads) assert.ok(lead.seq > cursor);
    seen.push(...page.leads);
    cursor = page.cursor;
    if (!page.has_more) break;
  }
  assert.equal(seen.length, total);
  assert.equal(new Set(seen.map((l) => l.id)).size, total);
  assert.ok(seen.some((l) => l.email === "page2@acme.kr" && l.company === "Acme"));

  const empty = await (await getAuthed(`/api/leads?after=${cursor}`)).json();
  assert.deepEqual([empty.leads.length, empty.cursor, empty.has_more], [0, cursor, false]);

  for (const [query, param] of [["limit=0", "limit"], ["limit=5000", "limit"], ["after=-1", "after"]]) {
    const res = await getAuthed(`/api/leads?${query}`);
    assert.equal(res.status, 400, query);
    const body = await res.json();
    assert.equal(body.error, "bad_query");
    assert.match(body.message, new RegExp(`"${param}"`));
  }
});
