//! The attribution & predictive view's texts in both languages.

use leadkit_shared::predictive::TrainError;

use crate::i18n::{Locale, Translate};

/// An attribution model as the picker offers it (time decay takes a half-life).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelChoice {
    First,
    Last,
    Linear,
    UShaped,
    WShaped,
    TimeDecay,
}

impl ModelChoice {
    pub const ALL: [ModelChoice; 6] = [
        Self::First,
        Self::Last,
        Self::Linear,
        Self::UShaped,
        Self::WShaped,
        Self::TimeDecay,
    ];

    /// The stable key: the radio's value and test id.
    pub fn key(self) -> &'static str {
        match self {
            Self::First => "first",
            Self::Last => "last",
            Self::Linear => "linear",
            Self::UShaped => "u",
            Self::WShaped => "w",
            Self::TimeDecay => "decay",
        }
    }
}

/// Every text of the attribution & predictive view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionText {
    Title,
    Loading,
    LoadFailed,
    CreditTitle,
    NoDealsNote,
    Model,
    ModelName(ModelChoice),
    ModelHelp(ModelChoice),
    HalfLife,
    HalfLifeUnit,
    BadHalfLife,
    ValuePerConversion,
    ValueHint,
    NoConversions,
    /// `{n}` conversions credited.
    Conversions(usize),
    ByChannel,
    ByCampaign,
    ChannelHeader,
    CampaignHeader,
    CreditHeader,
    ShareHeader,
    ValueHeader,
    ChartDesc,
    Unattributed,
    Direct,
    NoCampaign,
    PredictiveTitle,
    PredictiveIntro,
    Train,
    Cancel,
    Preparing,
    Training,
    TrainingProgress,
    Cancelled,
    TrainFailed,
    /// Too few outcomes: won, not won, needed each.
    TooFew(usize, usize, usize),
    Auc,
    AucBaseline,
    LogLoss,
    Lift10,
    Lift20,
    HeldOut(usize, usize),
    TrainedOn(usize),
    CalibrationTitle,
    CalibrationDesc,
    Predicted,
    Observed,
    BinHeader,
    LeadsHeader,
    Apply,
    Applying,
    /// Applied to `{n}` leads.
    Applied(usize),
    ApplyFailed,
    /// The model last applied: when it was trained, its AUC, how many leads it scored.
    LastApplied(usize),
    SeeLeads,
    WinProbability,
}

impl AttributionText {
    /// Why training could not run, in the user's words.
    pub fn train_error(error: &TrainError) -> Self {
        match error {
            TrainError::TooFewOutcomes { needed, won, lost } => Self::TooFew(*won, *lost, *needed),
            TrainError::BadHoldout { .. } | TrainError::Fit(_) => Self::TrainFailed,
        }
    }
}

fn model_name(model: ModelChoice, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (model, locale) {
        (ModelChoice::First, Ko) => "첫 접점",
        (ModelChoice::First, En) => "First touch",
        (ModelChoice::Last, Ko) => "마지막 접점",
        (ModelChoice::Last, En) => "Last touch",
        (ModelChoice::Linear, Ko) => "균등",
        (ModelChoice::Linear, En) => "Linear",
        (ModelChoice::UShaped, Ko) => "U자형",
        (ModelChoice::UShaped, En) => "U-shaped",
        (ModelChoice::WShaped, Ko) => "W자형",
        (ModelChoice::WShaped, En) => "W-shaped",
        (ModelChoice::TimeDecay, Ko) => "시간 감쇠",
        (ModelChoice::TimeDecay, En) => "Time decay",
    }
}

fn model_help(model: ModelChoice, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (model, locale) {
        (ModelChoice::First, Ko) => "전환마다 가장 먼저 있었던 접점에 100%.",
        (ModelChoice::First, En) => "All credit to the earliest touch before each conversion.",
        (ModelChoice::Last, Ko) => "전환 직전의 마지막 접점에 100%.",
        (ModelChoice::Last, En) => "All credit to the last touch before each conversion.",
        (ModelChoice::Linear, Ko) => "전환 전 모든 접점에 똑같이.",
        (ModelChoice::Linear, En) => "Equal credit to every touch before the conversion.",
        (ModelChoice::UShaped, Ko) => "첫 접점 40%, 리드 생성 접점 40%, 나머지 20%.",
        (ModelChoice::UShaped, En) => {
            "40% first touch, 40% the touch that created the lead, 20% the rest."
        }
        (ModelChoice::WShaped, Ko) => "첫 접점·리드 생성·전환 시점 접점에 30%씩, 나머지 10%.",
        (ModelChoice::WShaped, En) => {
            "30% each to the first touch, the lead-creating touch and the converting touch, 10% the rest."
        }
        (ModelChoice::TimeDecay, Ko) => "전환에 가까운 접점일수록 많이: 반감기마다 절반.",
        (ModelChoice::TimeDecay, En) => {
            "More credit the closer a touch is to the conversion: half per half-life."
        }
    }
}

impl Translate for AttributionText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Title, Ko) => "기여도·예측".into(),
            (Self::Title, En) => "Attribution & predictive".into(),
            (Self::Loading, Ko) => "이 기기의 접점과 단계 이력을 불러오는 중…".into(),
            (Self::Loading, En) => "Loading the touches and stage history on this device…".into(),
            (Self::LoadFailed, Ko) => "이 기기의 데이터를 읽지 못했습니다".into(),
            (Self::LoadFailed, En) => "The data on this device could not be read".into(),
            (Self::CreditTitle, Ko) => "채널·캠페인별 기여도".into(),
            (Self::CreditTitle, En) => "Credit by channel and campaign".into(),
            (Self::NoDealsNote, Ko) => {
                "이 기기에는 아직 거래(영업 기회) 기록이 없어 전환에 기여도를 나눕니다: SQL 이상에 도달한 리드마다 전환 1건으로, 도달하기 전 그 리드의 접점에 나눕니다.".into()
            }
            (Self::NoDealsNote, En) => {
                "No deals are recorded on this device yet, so credit goes to conversions: each lead that reached SQL or beyond is one conversion, split over that lead's touches before it got there.".into()
            }
            (Self::Model, Ko) => "기여 모델".into(),
            (Self::Model, En) => "Attribution model".into(),
            (Self::ModelName(m), locale) => model_name(m, locale).into(),
            (Self::ModelHelp(m), locale) => model_help(m, locale).into(),
            (Self::HalfLife, Ko) => "반감기".into(),
            (Self::HalfLife, En) => "Half-life".into(),
            (Self::HalfLifeUnit, Ko) => "일".into(),
            (Self::HalfLifeUnit, En) => "days".into(),
            (Self::BadHalfLife, Ko) => "0보다 큰 일 수를 입력하세요.".into(),
            (Self::BadHalfLife, En) => "Enter a number of days above 0.".into(),
            (Self::ValuePerConversion, Ko) => "전환 1건의 가치 (원, 선택)".into(),
            (Self::ValuePerConversion, En) => "Value of one conversion (KRW, optional)".into(),
            (Self::ValueHint, Ko) => "입력하면 기여도를 원화로도 보여 줍니다.".into(),
            (Self::ValueHint, En) => "When set, credit is also shown in won.".into(),
            (Self::NoConversions, Ko) => {
                "아직 SQL 이상에 도달한 리드가 없어 나눌 전환이 없습니다.".into()
            }
            (Self::NoConversions, En) => {
                "No lead has reached SQL or beyond yet, so there is no conversion to credit.".into()
            }
            (Self::Conversions(n), Ko) => format!("전환 {n}건"),
            (Self::Conversions(1), En) => "1 conversion".into(),
            (Self::Conversions(n), En) => format!("{n} conversions"),
            (Self::ByChannel, Ko) => "채널별".into(),
            (Self::ByChannel, En) => "By channel".into(),
            (Self::ByCampaign, Ko) => "캠페인별".into(),
            (Self::ByCampaign, En) => "By campaign".into(),
            (Self::ChannelHeader, Ko) => "채널 (utm_source)".into(),
            (Self::ChannelHeader, En) => "Channel (utm_source)".into(),
            (Self::CampaignHeader, Ko) => "캠페인 (utm_campaign)".into(),
            (Self::CampaignHeader, En) => "Campaign (utm_campaign)".into(),
            (Self::CreditHeader, Ko) => "기여 전환 수".into(),
            (Self::CreditHeader, En) => "Conversions credited".into(),
            (Self::ShareHeader, Ko) => "비중".into(),
            (Self::ShareHeader, En) => "Share".into(),
            (Self::ValueHeader, Ko) => "가치".into(),
            (Self::ValueHeader, En) => "Value".into(),
            (Self::ChartDesc, Ko) => "막대 길이는 기여 전환 수, 옆 숫자는 전환 수와 비중".into(),
            (Self::ChartDesc, En) => "Bar length is conversions credited; the numbers are the credit and its share".into(),
            (Self::Unattributed, Ko) => "기간 안에 접점이 없어 나누지 못한 전환".into(),
            (Self::Unattributed, En) => "Conversions with no touch in their window".into(),
            (Self::Direct, Ko) => "(직접 유입)".into(),
            (Self::Direct, En) => "(direct)".into(),
            (Self::NoCampaign, Ko) => "(캠페인 없음)".into(),
            (Self::NoCampaign, En) => "(no campaign)".into(),
            (Self::PredictiveTitle, Ko) => "성사 확률 예측".into(),
            (Self::PredictiveTitle, En) => "Win probability".into(),
            (Self::PredictiveIntro, Ko) => {
                "이 기기의 이력으로 어떤 리드가 SQL 이상에 도달하는지 학습합니다(로지스틱 회귀, 나이브 베이즈와 비교). 학습은 브라우저에서 나누어 실행되어 화면이 멈추지 않습니다.".into()
            }
            (Self::PredictiveIntro, En) => {
                "Learns from this device's history which leads reach SQL or beyond (logistic regression, compared with naive Bayes). Training runs in the browser in small steps, so the page stays responsive.".into()
            }
            (Self::Train, Ko) => "학습".into(),
            (Self::Train, En) => "Train".into(),
            (Self::Cancel, Ko) => "취소".into(),
            (Self::Cancel, En) => "Cancel".into(),
            (Self::Preparing, Ko) => "학습 데이터를 준비하는 중…".into(),
            (Self::Preparing, En) => "Preparing the training data…".into(),
            (Self::Training, Ko) => "학습 중…".into(),
            (Self::Training, En) => "Training…".into(),
            (Self::TrainingProgress, Ko) => "학습 진행률".into(),
            (Self::TrainingProgress, En) => "Training progress".into(),
            (Self::Cancelled, Ko) => "학습을 취소했습니다.".into(),
            (Self::Cancelled, En) => "Training was cancelled.".into(),
            (Self::TrainFailed, Ko) => "모델을 학습하지 못했습니다".into(),
            (Self::TrainFailed, En) => "The model could not be trained".into(),
            (Self::TooFew(won, lost, needed), Ko) => format!(
                "학습하려면 SQL 이상에 도달한 리드와 도달하지 않은 리드가 각각 {needed}건 이상 필요합니다. 지금은 {won}건과 {lost}건입니다."
            ),
            (Self::TooFew(won, lost, needed), En) => format!(
                "Training needs at least {needed} leads that reached SQL or beyond and {needed} that did not; this device has {won} and {lost}."
            ),
            (Self::Auc, Ko) => "AUC (검증용 리드)".into(),
            (Self::Auc, En) => "AUC (held-out leads)".into(),
            (Self::AucBaseline, Ko) => "나이브 베이즈 기준 AUC".into(),
            (Self::AucBaseline, En) => "Naive Bayes baseline AUC".into(),
            (Self::LogLoss, Ko) => "로그 손실".into(),
            (Self::LogLoss, En) => "Log-loss".into(),
            (Self::Lift10, Ko) => "상위 10% 리프트".into(),
            (Self::Lift10, En) => "Lift in the top 10%".into(),
            (Self::Lift20, Ko) => "상위 20% 리프트".into(),
            (Self::Lift20, En) => "Lift in the top 20%".into(),
            (Self::HeldOut(rows, positives), Ko) => {
                format!("검증용 리드 {rows}건 (그중 SQL 이상 {positives}건)")
            }
            (Self::HeldOut(rows, positives), En) => {
                format!("{rows} held-out leads ({positives} reached SQL or beyond)")
            }
            (Self::TrainedOn(n), Ko) => format!("학습용 리드 {n}건"),
            (Self::TrainedOn(n), En) => format!("{n} training leads"),
            (Self::CalibrationTitle, Ko) => "보정 (예측 대비 실제)".into(),
            (Self::CalibrationTitle, En) => "Calibration (predicted against observed)".into(),
            (Self::CalibrationDesc, Ko) => {
                "예측 확률 구간마다 실제로 SQL 이상에 도달한 비율. 대각선에 가까울수록 확률을 믿을 수 있습니다.".into()
            }
            (Self::CalibrationDesc, En) => {
                "For each band of predicted probability, the share that actually reached SQL or beyond; the closer to the diagonal, the more the numbers can be trusted.".into()
            }
            (Self::Predicted, Ko) => "예측 확률".into(),
            (Self::Predicted, En) => "Predicted".into(),
            (Self::Observed, Ko) => "실제 비율".into(),
            (Self::Observed, En) => "Observed".into(),
            (Self::BinHeader, Ko) => "예측 구간".into(),
            (Self::BinHeader, En) => "Predicted band".into(),
            (Self::LeadsHeader, Ko) => "리드".into(),
            (Self::LeadsHeader, En) => "Leads".into(),
            (Self::Apply, Ko) => "리드에 적용".into(),
            (Self::Apply, En) => "Apply to leads".into(),
            (Self::Applying, Ko) => "적용하는 중…".into(),
            (Self::Applying, En) => "Applying…".into(),
            (Self::Applied(n), Ko) => format!("리드 {n}건에 성사 확률을 적용했습니다."),
            (Self::Applied(n), En) => format!("Win probability applied to {n} leads."),
            (Self::ApplyFailed, Ko) => "적용하지 못했습니다".into(),
            (Self::ApplyFailed, En) => "Could not apply".into(),
            (Self::LastApplied(n), Ko) => format!("마지막으로 적용한 모델 (리드 {n}건)"),
            (Self::LastApplied(n), En) => format!("Model last applied ({n} leads)"),
            (Self::SeeLeads, Ko) => "리드 목록에서 보기".into(),
            (Self::SeeLeads, En) => "See it in the lead list".into(),
            (Self::WinProbability, Ko) => "성사 확률".into(),
            (Self::WinProbability, En) => "Win probability".into(),
        }
    }
}
