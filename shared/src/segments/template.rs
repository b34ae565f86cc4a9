//! Message templates of a segment: text with personalisation tokens (`{{first_name}}`,
//! `{{company|귀사}}`) rendered per lead as plain text. A token may state a fallback after
//! `|` for leads without that value; Korean particle tokens (`{{을/를}}`) take the form
//! that fits the text just before them, so "{{first_name}}{{을/를}}" reads right for
//! 민수 and for 지우.
//!
//! Rendering only substitutes text: the result is shown as text, never as HTML.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest template accepted, in characters: a message, not a document.
pub const MAX_TEMPLATE_CHARS: usize = 2000;

/// A value a token can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Token {
    /// The given name (민수 of 김민수, Jane of Jane Park).
    FirstName,
    /// The family name (김 of 김민수, Park of Jane Park).
    LastName,
    /// The whole name as captured.
    Name,
    /// The company's name.
    Company,
    /// The job title.
    Title,
    /// The owning rep's name.
    Owner,
    /// The e-mail address.
    Email,
}

impl Token {
    /// Every token, in the order an editor offers them.
    pub const ALL: [Token; 7] = [
        Self::FirstName,
        Self::LastName,
        Self::Name,
        Self::Company,
        Self::Title,
        Self::Owner,
        Self::Email,
    ];

    /// The name written between the braces.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Name => "name",
            Self::Company => "company",
            Self::Title => "title",
            Self::Owner => "owner",
            Self::Email => "email",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// A Korean particle whose form depends on whether the word before it ends in a
/// consonant (받침).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Particle {
    /// 을/를 (object).
    EulReul,
    /// 이/가 (subject).
    IGa,
    /// 은/는 (topic).
    EunNeun,
    /// 과/와 (and, with).
    GwaWa,
    /// 이에요/예요.
    IeyoYeyo,
}

impl Particle {
    const ALL: [(
        Particle,
        &'static [&'static str],
        &'static str,
        &'static str,
    ); 5] = [
        (Self::EulReul, &["을/를", "를/을"], "을", "를"),
        (Self::IGa, &["이/가", "가/이"], "이", "가"),
        (Self::EunNeun, &["은/는", "는/은"], "은", "는"),
        (Self::GwaWa, &["과/와", "와/과"], "과", "와"),
        (
            Self::IeyoYeyo,
            &["이에요/예요", "예요/이에요"],
            "이에요",
            "예요",
        ),
    ];

    fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, spellings, _, _)| spellings.contains(&text))
            .map(|(p, ..)| *p)
    }

    /// The form after `before`: the consonant form after a final consonant, the vowel
    /// form after a vowel, and both ("을(를)") after anything that is not Hangul.
    fn form(self, before: &str) -> String {
        let Some((_, _, consonant, vowel)) = Self::ALL.iter().find(|(p, ..)| *p == self) else {
            return String::new();
        };
        match before.chars().next_back().and_then(final_consonant) {
            Some(true) => (*consonant).to_owned(),
            Some(false) => (*vowel).to_owned(),
            None => format!("{consonant}({vowel})"),
        }
    }
}

/// Whether a Hangul syllable ends in a consonant; `None` for any other character.
fn final_consonant(c: char) -> Option<bool> {
    let code = u32::from(c);
    (0xAC00..=0xD7A3)
        .contains(&code)
        .then(|| (code - 0xAC00) % 28 != 0)
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Value {
        token: Token,
        fallback: Option<String>,
        /// Character position of the `{{`, for errors at render time.
        at: usize,
    },
    Particle(Particle),
}

/// A checked template, ready to render for many leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// Why a template cannot be used. `at` is the character position (from 0) of the
/// token's `{{`, so an editor can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    /// The template is longer than [`MAX_TEMPLATE_CHARS`].
    #[error("template is {chars} characters; at most {max} are allowed")]
    TooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A `{{` without its `}}`.
    #[error("at {at}: {{{{ is not closed with }}}}")]
    Unclosed {
        /// Where the `{{` is.
        at: usize,
    },
    /// `{{}}` or `{{ |x}}`.
    #[error("at {at}: a token needs a name")]
    EmptyToken {
        /// Where the `{{` is.
        at: usize,
    },
    /// A token that is neither a value nor a particle.
    #[error("at {at}: unknown token {token:?}")]
    UnknownToken {
        /// Where the `{{` is.
        at: usize,
        /// The name written.
        token: String,
    },
}

impl TemplateError {
    /// Where the problem is, when it is at one token.
    pub fn position(&self) -> Option<usize> {
        match self {
            Self::TooLong { .. } => None,
            Self::Unclosed { at } | Self::EmptyToken { at } | Self::UnknownToken { at, .. } => {
                Some(*at)
            }
        }
    }
}

/// Why a template could not be rendered for one lead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderError {
    /// The lead has no value for a token that states no fallback.
    #[error("at {at}: the lead has no {token} and the token gives no fallback")]
    MissingValue {
        /// Where the token is.
        at: usize,
        /// The token's name.
        token: &'static str,
    },
}

/// The values one lead gives the tokens; blank values count as missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateValues {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub name: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub email: Option<String>,
}

impl TemplateValues {
    /// The values of a lead called `name`, with the given company, title, owner name and
    /// e-mail; first and last names are split from `name` (see [`split_name`]).
    pub fn of_lead(
        name: &str,
        company: Option<&str>,
        title: Option<&str>,
        owner: Option<&str>,
        email: Option<&str>,
    ) -> Self {
        let present = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let (first, last) = split_name(name);
        Self {
            first_name: present(first),
            last_name: present(last),
            name: present(Some(name)),
            company: present(company),
            title: present(title),
            owner: present(owner),
            email: present(email),
        }
    }

    fn get(&self, token: Token) -> Option<&str> {
        let value = match token {
            Token::FirstName => &self.first_name,
            Token::LastName => &self.last_name,
            Token::Name => &self.name,
            Token::Company => &self.company,
            Token::Title => &self.title,
            Token::Owner => &self.owner,
            Token::Email => &self.email,
        };
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
}

/// Korean family names of two syllables: 남궁민수 is 남궁 + 민수, not 남 + 궁민수.
const TWO_SYLLABLE_SURNAMES: [&str; 8] = [
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방",
];

/// Splits a name into (first, last). A Korean name written without spaces (김민수)
/// puts the family name first; a name with spaces splits at the last space (Jane Park →
/// Jane, Park; 김 민수 → 민수, 김 for Hangul). A single word is a first name only.
pub fn split_name(name: &str) -> (Option<&str>, Option<&str>) {
    let name = name.trim();
    if name.is_empty() {
        return (None, None);
    }
    let hangul = name
        .chars()
        .all(|c| final_consonant(c).is_some() || c == ' ');
    if hangul {
        if let Some((family, given)) = name.split_once(' ') {
            return (Some(given.trim()), Some(family.trim()));
        }
        let syllables = name.chars().count();
        if syllables < 2 {
            return (Some(name), None);
        }
        let family_len =
            if syllables >= 4 && TWO_SYLLABLE_SURNAMES.iter().any(|s| name.starts_with(s)) {
                2
            } else {
                1
            };
        let split = name
            .char_indices()
            .nth(family_len)
            .map_or(name.len(), |(i, _)| i);
        return (Some(&name[split..]), Some(&name[..split]));
    }
    match name.rsplit_once(' ') {
        Some((first, last)) => (Some(first.trim()), Some(last.trim())),
        None => (Some(name), None),
    }
}

impl Template {
    /// Parses `text`, rejecting unknown tokens and unclosed braces.
    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        let chars = text.chars().count();
        if chars > MAX_TEMPLATE_CHARS {
            return Err(TemplateError::TooLong {
                chars,
                max: MAX_TEMPLATE_CHARS,
            });
        }
        let mut parts = Vec::new();
        let mut rest = text;
        // Characters consumed so far, for positions.
        let mut offset = 0usize;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let at = offset + rest[..open].chars().count();
            let inner_start = open + 2;
            let Some(close) = rest[inner_start..].find("}}") else {
                return Err(TemplateError::Unclosed { at });
            };
            let inner = &rest[inner_start..inner_start + close];
            parts.push(parse_token(inner, at)?);
            let consumed = inner_start + close + 2;
            offset += rest[..consumed].chars().count();
            rest = &rest[consumed..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        Ok(Self { parts })
    }

    /// The value tokens used, in order, each once.
    pub fn tokens(&self) -> Vec<Token> {
        let mut tokens = Vec::new();
        for part in &self.parts {
            if let Part::Value { token, .. } = part
                && !tokens.contains(token)
            {
                tokens.push(*token);
            }
        }
        tokens
    }

    /// The message for one lead: tokens replaced by its values (or their fallbacks),
    /// particles fitted to the text before them.
    pub fn render(&self, values: &TemplateValues) -> Result<String, RenderError> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Value {
                    token,
                    fallback,
                    at,
                } => match values.get(*token).or(fallback.as_deref()) {
                    Some(value) => out.push_str(value),
                    None => {
                        return Err(RenderError::MissingValue {
                            at: *at,
                            token: token.as_str(),
                        });
                    }
                },
                Part::Particle(particle) => {
                    let form = particle.form(&out);
                    out.push_str(&form);
                }
            }
        }
        Ok(out)
    }
}

fn parse_token(inner: &str, at: usize) -> Result<Part, TemplateError> {
    let (name, fallback) = match inner.split_once('|') {
        Some((name, fallback)) => (name.trim(), Some(fallback.trim().to_owned())),
        None => (inner.trim(), None),
    };
    if name.is_empty() {
        return Err(TemplateError::EmptyToken { at });
    }
    if let Some(token) = Token::parse(name) {
        return Ok(Part::Value {
            token,
            fallback: fallback.filter(|f| !f.is_empty()),
            at,
        });
    }
    if fallback.is_none()
        && let Some(particle) = Particle::parse(name)
    {
        return Ok(Part::Particle(particle));
    }
    Err(TemplateError::UnknownToken {
        at,
        token: name.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(name: &str, company: Option<&str>) -> TemplateValues {
        TemplateValues::of_lead(name, company, Some("마케팅 팀장"), None, None)
    }

    #[test]
    fn renders_tokens_fallbacks_and_particles() {
        let cases: &[(&str, &str, Option<&str>, &str)] = &[
            (
                "{{first_name}}님, 안녕하세요",
                "김민수",
                None,
                "민수님, 안녕하세요",
            ),
            (
                "{{last_name}} {{title}}님",
                "김민수",
                None,
                "김 마케팅 팀장님",
            ),
            (
                "Hi {{first_name}} at {{company}}",
                "Jane Park",
                Some("Acme"),
                "Hi Jane at Acme",
            ),
            ("{{company|귀사}}의 성장", "김민수", None, "귀사의 성장"),
            (
                "{{ company | 귀사 }}의 성장",
                "김민수",
                Some("  "),
                "귀사의 성장",
            ),
            (
                "{{first_name}}{{을/를}} 초대합니다",
                "김민수",
                None,
                "민수를 초대합니다",
            ),
            (
                "{{first_name}}{{을/를}} 초대합니다",
                "박지웅",
                None,
                "지웅을 초대합니다",
            ),
            (
                "{{company}}{{이/가}} 선정",
                "박지웅",
                Some("한빛"),
                "한빛이 선정",
            ),
            ("{{company}}{{은/는}}", "박지웅", Some("Acme"), "Acme은(는)"),
            ("{{first_name}}", "남궁민수", None, "민수"),
            ("{{first_name}}/{{last_name}}", "김 민수", None, "민수/김"),
            (
                "{{name}}: <b>{{company}}</b>",
                "Kim",
                Some("<script>"),
                "Kim: <b><script></b>",
            ),
            (
                "no tokens {single} braces",
                "Kim",
                None,
                "no tokens {single} braces",
            ),
        ];
        for (template, name, company, expected) in cases {
            let parsed = Template::parse(template).unwrap();
            assert_eq!(
                parsed.render(&values(name, *company)).as_deref(),
                Ok(*expected),
                "{template} for {name}"
            );
        }
    }

    #[test]
    fn unknown_tokens_and_broken_braces_are_named_at_their_position() {
        let cases: &[(&str, TemplateError)] = &[
            (
                "안녕 {{firstname}}",
                TemplateError::UnknownToken {
                    at: 3,
                    token: "firstname".into(),
                },
            ),
            ("{{name}} {{", TemplateError::Unclosed { at: 9 }),
            ("a{{ |x}}", TemplateError::EmptyToken { at: 1 }),
            (
                "{{을/를|x}}",
                TemplateError::UnknownToken {
                    at: 0,
                    token: "을/를".into(),
                },
            ),
        ];
        for (template, expected) in cases {
            assert_eq!(
                Template::parse(template).as_ref(),
                Err(expected),
                "{template}"
            );
            assert_eq!(
                expected.position(),
                Some(match expected {
                    TemplateError::UnknownToken { at, .. }
                    | TemplateError::Unclosed { at }
                    | TemplateError::EmptyToken { at } => *at,
                    TemplateError::TooLong { .. } => unreachable!(),
                })
            );
        }
        let long = "가".repeat(MAX_TEMPLATE_CHARS + 1);
        assert!(matches!(
            Template::parse(&long),
            Err(TemplateError::TooLong { .. })
        ));
    }

    #[test]
    fn a_missing_value_without_fallback_is_an_error_naming_the_token() {
        let template = Template::parse("{{first_name}}님, {{company}} 소식").unwrap();
        assert_eq!(
            template.render(&values("김민수", None)),
            Err(RenderError::MissingValue {
                at: 17,
                token: "company"
            })
        );
        assert_eq!(template.tokens(), vec![Token::FirstName, Token::Company]);
    }

    #[test]
    fn names_split_into_first_and_last() {
        assert_eq!(split_name("김민수"), (Some("민수"), Some("김")));
        assert_eq!(split_name("제갈공명이"), (Some("공명이"), Some("제갈")));
        assert_eq!(
            split_name("Jane van Park"),
            (Some("Jane van"), Some("Park"))
        );
        assert_eq!(split_name("Cher"), (Some("Cher"), None));
        assert_eq!(split_name("  "), (None, None));
    }
}
