//! Benchmarks of the capture path (decode and check one form post, Web-to-Lead and
//! Korean JSON), webhook signing and verification, and progressive-profiling questions
//! for 100k synthetic leads.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::capture::{BodyKind, decode_body};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::forms::{
    FormDefinition, SubmissionInput, answered_fields, check_submission, consents_from_fields,
    next_questions, sign_render_token,
};
use leadkit_shared::model::WorkspaceId;
use leadkit_shared::webhooks::{WebhookSecret, sign, verify};
use time::Duration;
use time::macros::datetime;
use uuid::Uuid;

const SECRET: &[u8] = b"render-secret-for-benches-only-32";

const WEB_TO_LEAD_BODY: &str = "oid=00D5g000004Abcd&retURL=https%3A%2F%2Facme.co.kr%2Fthanks\
&first_name=%EB%AF%BC%EC%88%98&last_name=%EA%B9%80&email=minsu%40acme.co.kr\
&company=%EC%97%90%EC%9D%B4%ED%81%AC%EB%AF%B8&title=CTO&phone=02-123-4567&mobile=010-1234-5678\
&city=Seoul&state=Seoul&country=KR&zip=06236&employees=1%2C200&industry=Software&lead_source=Web\
&description=hello&00N5g00000ABCde=Enterprise&consent_personal_info_collection=1";

fn bench_submissions(c: &mut Criterion) {
    let now = datetime!(2026-11-24 10:00 UTC);
    let mut web_to_lead = FormDefinition::default_contact("contact", WorkspaceId(Uuid::nil()));
    web_to_lead.allowed_origins = vec!["https://acme.co.kr".into()];
    web_to_lead.min_fill_seconds = 0;
    c.bench_function("capture/web_to_lead_decode_and_check", |b| {
        b.iter(|| {
            let fields = decode_body(BodyKind::UrlEncoded, black_box(WEB_TO_LEAD_BODY.as_bytes()))
                .unwrap_or_default();
            let consents = consents_from_fields(&web_to_lead, &fields);
            let input = SubmissionInput {
                fields: &fields,
                consents: &consents,
                now,
            };
            black_box(check_submission(&web_to_lead, &input, SECRET).is_ok())
        })
    });

    let korean = FormDefinition::default_contact("contact", WorkspaceId(Uuid::nil()));
    let token = sign_render_token(SECRET, "contact", now - Duration::seconds(40));
    let json = format!(
        r#"{{"email":"minsu@acme.co.kr","name":"김민수","company":"에이크미 주식회사","title":"마케팅 팀장","utm_source":"naver","utm_campaign":"webinar","page_url":"https://acme.co.kr/webinar","consent_personal_info_collection":"on","_lk_rendered":"{token}"}}"#
    );
    c.bench_function("capture/korean_json_decode_and_check_with_token", |b| {
        b.iter(|| {
            let fields =
                decode_body(BodyKind::Json, black_box(json.as_bytes())).unwrap_or_default();
            let consents = consents_from_fields(&korean, &fields);
            let input = SubmissionInput {
                fields: &fields,
                consents: &consents,
                now,
            };
            black_box(check_submission(&korean, &input, SECRET).is_ok())
        })
    });
}

fn bench_webhooks(c: &mut Criterion) {
    let Ok(secret) = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") else {
        return;
    };
    let body = vec![b'x'; 1024];
    let signature = sign(&secret, "msg_1", 1_614_265_330, &body);
    c.bench_function("webhooks/sign_1kb", |b| {
        b.iter(|| black_box(sign(&secret, "msg_1", 1_614_265_330, black_box(&body))))
    });
    c.bench_function("webhooks/verify_1kb", |b| {
        b.iter(|| {
            black_box(
                verify(
                    &secret,
                    "msg_1",
                    "1614265330",
                    &signature,
                    black_box(&body),
                    1_614_265_330,
                )
                .is_ok(),
            )
        })
    });
}

fn bench_progressive(c: &mut Criterion) {
    let now = datetime!(2026-11-24 10:00 UTC);
    let dataset = generate(&DatasetSpec::new(7, 100_000, now));
    let form = FormDefinition::default_contact("contact", dataset.workspace.id);
    c.bench_function("forms/next_questions_100k_leads", |b| {
        b.iter(|| {
            let mut asked = 0usize;
            for lead in &dataset.leads {
                let answered = answered_fields(&form, lead);
                asked += next_questions(&form, &answered, 2).len();
            }
            black_box(asked)
        })
    });
}

criterion_group!(
    benches,
    bench_submissions,
    bench_webhooks,
    bench_progressive
);
criterion_main!(benches);
