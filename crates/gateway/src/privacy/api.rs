//! The privacy routes: `/v1/consents`, `/v1/privacy/subjects`, `/v1/privacy/requests`,
//! `/v1/privacy/overview`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use compliance::consent::{ConsentRecord, ConsentState, Purpose};
use compliance::dsar::RequestKind;
use compliance::pseudonym::{Pseudonym, SubjectIdentifier};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{CheckpointStatus, NewConsent, PrivacyRequest, RequestIdentifiers};
use crate::app::{AppState, detached, from_value, json_body};
use crate::auth::{Principal, Scope};
use crate::error::ApiError;
use crate::store::StoreError;

type ApiResult<T> = Result<T, ApiError>;

fn store_error(e: &StoreError) -> ApiError {
    match e {
        StoreError::Refused(message) if message.starts_with("request ") => {
            ApiError::new(StatusCode::CONFLICT, "invalid_state", message.clone())
        }
        _ => {
            tracing::error!(error = %e, "privacy records: database error");
            ApiError::unavailable("The gateway's database is unavailable.")
        }
    }
}

fn validation(detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", detail)
}

fn require_any(principal: &Principal, scopes: &[Scope]) -> ApiResult<()> {
    if scopes.iter().any(|s| principal.has(*s)) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            &scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
        ))
    }
}

fn require(principal: &Principal, scope: Scope) -> ApiResult<()> {
    require_any(principal, &[scope])
}

fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "No such privacy request.",
    )
}

/// A data subject: a phone number, an e-mail address, or both (at least one).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectDto {
    /// E-mail address (lower-cased before it is pseudonymised).
    #[serde(default)]
    #[schema(
        max_length = 254,
        pattern = r"^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$"
    )]
    pub email: Option<String>,
    /// Phone number in international form (`+` or `00`, 8 to 15 digits).
    #[serde(default)]
    #[schema(
        max_length = 40,
        pattern = r"^(\+|00)[1-9]([ .\-/()]*[0-9]){7,14}[ .\-/()]*$"
    )]
    pub phone: Option<String>,
}

impl SubjectDto {
    fn identifiers(&self) -> ApiResult<RequestIdentifiers> {
        RequestIdentifiers::parse(self.email.as_deref(), self.phone.as_deref()).map_err(validation)
    }
}

/// A purpose of processing.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PurposeDto {
    /// Recording the call.
    CallRecording,
    /// Transcribing the call.
    Transcription,
    /// AI processing of the call.
    AiProcessing,
    /// Marketing.
    Marketing,
    /// Sharing booking data with the hotel's PMS.
    PmsDataSharing,
}

impl From<PurposeDto> for Purpose {
    fn from(p: PurposeDto) -> Self {
        match p {
            PurposeDto::CallRecording => Purpose::CallRecording,
            PurposeDto::Transcription => Purpose::Transcription,
            PurposeDto::AiProcessing => Purpose::AiProcessing,
            PurposeDto::Marketing => Purpose::Marketing,
            PurposeDto::PmsDataSharing => Purpose::PmsDataSharing,
        }
    }
}

/// Granted or withdrawn.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStateDto {
    /// The subject agreed.
    Granted,
    /// The subject withdrew or refused.
    Withdrawn,
}

/// A consent change to record.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsentDto {
    /// Who.
    pub subject: SubjectDto,
    /// For what.
    pub purpose: PurposeDto,
    /// Granted or withdrawn.
    pub state: ConsentStateDto,
    /// Where it was given: `phone`, `web`, `front_desk`, `email`, ...
    #[schema(min_length = 1, max_length = 32, pattern = r"^[a-z][a-z_]*$")]
    pub channel: String,
    /// The call it was given on.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 128, pattern = r"^[!-~]+$")]
    pub call_id: Option<String>,
    /// The version of the privacy notice given to the subject.
    #[schema(min_length = 1, max_length = 64, pattern = r"^[!-~]+$")]
    pub notice_version: String,
    /// Where the evidence is kept (a recording segment, a signed form).
    #[serde(default)]
    #[schema(min_length = 1, max_length = 256, pattern = r"^[!-~]+$")]
    pub evidence_ref: Option<String>,
    /// The hotel it was given for.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 64)]
    pub hotel: Option<String>,
}

fn check_text(
    name: &str,
    value: &str,
    min: usize,
    max: usize,
    visible_ascii: bool,
) -> ApiResult<()> {
    let n = value.chars().count();
    if n < min || n > max || (visible_ascii && !value.bytes().all(|b| (b'!'..=b'~').contains(&b))) {
        return Err(validation(format!(
            "{name}: {min} to {max} characters{}",
            if visible_ascii { ", visible ASCII" } else { "" }
        )));
    }
    Ok(())
}

/// A lower-case word with `_` (`^[a-z][a-z_]*$`) of at most `max` characters.
fn check_word(name: &str, value: &str, max: usize) -> ApiResult<()> {
    check_text(name, value, 1, max, false)?;
    if !value.starts_with(|c: char| c.is_ascii_lowercase())
        || !value.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    {
        return Err(validation(format!("{name}: lower-case letters and `_`")));
    }
    Ok(())
}

/// A recorded consent event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentDto {
    /// Its id.
    pub id: String,
    /// The subject's pseudonym.
    pub subject: String,
    /// The purpose.
    pub purpose: String,
    /// `granted` or `withdrawn`.
    pub state: String,
    /// When.
    pub at: String,
    /// Where.
    pub channel: String,
    /// The call.
    pub call_id: Option<String>,
    /// The notice version.
    pub notice_version: String,
    /// The evidence.
    pub evidence_ref: Option<String>,
    /// The hotel.
    pub hotel: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
}

impl From<&ConsentRecord> for ConsentDto {
    fn from(r: &ConsentRecord) -> Self {
        Self {
            id: r.id.clone(),
            subject: r.subject.clone(),
            purpose: r.purpose.as_str().to_owned(),
            state: r.state.as_str().to_owned(),
            at: r.at.clone(),
            channel: r.channel.clone(),
            call_id: r.call_id.clone(),
            notice_version: r.notice_version.clone(),
            evidence_ref: r.evidence_ref.clone(),
            hotel: r.hotel.clone(),
            recorded_by: r.recorded_by.clone(),
        }
    }
}

/// A subject's consents: the current one per purpose, or the whole history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentsDto {
    /// The subject's pseudonym.
    pub subject: String,
    /// The events.
    pub consents: Vec<ConsentDto>,
}

/// A subject's pseudonym.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubjectIdDto {
    /// `sub_` and 32 hex digits.
    pub subject: String,
}

fn hotel_visible(state: &AppState, principal: &Principal, hotel: Option<&String>) -> ApiResult<()> {
    if let Some(hotel) = hotel
        && (!principal.sees(hotel) || state.hotel_by_id(hotel).is_none())
    {
        return Err(ApiError::hotel_not_found());
    }
    Ok(())
}

fn actor(principal: &Principal) -> String {
    format!("key:{}", principal.key_id)
}

/// Records a consent change (a grant or a withdrawal: every change is a new event).
#[utoipa::path(post, path = "/v1/consents", tag = "privacy",
    request_body = NewConsentDto,
    responses((status = 201, body = ConsentDto)),
    security(("api_key" = [])))]
pub(crate) async fn record_consent(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Response> {
    require_any(&principal, &[Scope::PrivacyAdmin, Scope::PmsWrite])?;
    let dto: NewConsentDto = from_value(json_body(body)?)?;
    let ids = dto.subject.identifiers()?;
    check_word("channel", &dto.channel, 32)?;
    check_text("notice_version", &dto.notice_version, 1, 64, true)?;
    if let Some(call) = &dto.call_id {
        check_text("call_id", call, 1, 128, true)?;
    }
    if let Some(evidence) = &dto.evidence_ref {
        check_text("evidence_ref", evidence, 1, 256, true)?;
    }
    hotel_visible(&state, &principal, dto.hotel.as_ref())?;
    let privacy = state.privacy().clone();
    let primary = ids
        .email
        .as_ref()
        .or(ids.phone.as_ref())
        .ok_or_else(|| validation("subject: give an email or a phone"))?;
    let consent = NewConsent {
        subject: privacy.pseudonym(primary),
        purpose: dto.purpose.into(),
        state: match dto.state {
            ConsentStateDto::Granted => ConsentState::Granted,
            ConsentStateDto::Withdrawn => ConsentState::Withdrawn,
        },
        at: None,
        channel: dto.channel,
        call_id: dto.call_id,
        notice_version: dto.notice_version,
        evidence_ref: dto.evidence_ref,
        hotel: dto.hotel,
    };
    // The consent and its audit entry are written even if the caller hangs up meanwhile.
    let record = detached(async move {
        privacy
            .record_consent(&principal.tenant, &actor(&principal), consent)
            .await
            .map_err(|e| store_error(&e))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(ConsentDto::from(&record))).into_response())
}

/// The pseudonym of a subject (consents and audit entries are keyed by it; the e-mail or phone
/// is never stored).
#[utoipa::path(post, path = "/v1/privacy/subjects", tag = "privacy",
    request_body = SubjectDto,
    responses((status = 200, body = SubjectIdDto)),
    security(("api_key" = [])))]
pub(crate) async fn subject_id(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Json<SubjectIdDto>> {
    require_any(&principal, &[Scope::PrivacyAdmin, Scope::PmsWrite])?;
    let dto: SubjectDto = from_value(json_body(body)?)?;
    let ids = dto.identifiers()?;
    let primary: &SubjectIdentifier = ids
        .email
        .as_ref()
        .or(ids.phone.as_ref())
        .ok_or_else(|| validation("subject: give an email or a phone"))?;
    Ok(Json(SubjectIdDto {
        subject: state.privacy().pseudonym(primary).to_string(),
    }))
}

fn pseudonym(text: &str) -> ApiResult<Pseudonym> {
    Pseudonym::parse(text)
        .ok_or_else(|| ApiError::bad_request("subject: `sub_` and 32 lower-case hex digits"))
}

/// The subject's current consent per purpose (the latest event of each).
#[utoipa::path(get, path = "/v1/consents/{subject}", tag = "privacy",
    params(("subject" = String, Path, description = "The subject's pseudonym", pattern = r"^sub_[0-9a-f]{32}$")),
    responses((status = 200, body = ConsentsDto)),
    security(("api_key" = [])))]
pub(crate) async fn current_consents(
    State(state): State<AppState>,
    principal: Principal,
    Path(subject): Path<String>,
) -> ApiResult<Json<ConsentsDto>> {
    require_any(&principal, &[Scope::PrivacyAdmin, Scope::PmsWrite])?;
    let subject = pseudonym(&subject)?;
    let history = state
        .privacy()
        .consent_history(&principal.tenant, &subject)
        .await
        .map_err(|e| store_error(&e))?;
    let current = compliance::consent::current(&history);
    Ok(Json(ConsentsDto {
        subject: subject.to_string(),
        consents: current.values().map(|r| ConsentDto::from(*r)).collect(),
    }))
}

/// Every consent event of the subject, oldest first.
#[utoipa::path(get, path = "/v1/consents/{subject}/history", tag = "privacy",
    params(("subject" = String, Path, description = "The subject's pseudonym", pattern = r"^sub_[0-9a-f]{32}$")),
    responses((status = 200, body = ConsentsDto)),
    security(("api_key" = [])))]
pub(crate) async fn consent_history(
    State(state): State<AppState>,
    principal: Principal,
    Path(subject): Path<String>,
) -> ApiResult<Json<ConsentsDto>> {
    require(&principal, Scope::PrivacyAdmin)?;
    let subject = pseudonym(&subject)?;
    let history = state
        .privacy()
        .consent_history(&principal.tenant, &subject)
        .await
        .map_err(|e| store_error(&e))?;
    Ok(Json(ConsentsDto {
        subject: subject.to_string(),
        consents: history.iter().map(ConsentDto::from).collect(),
    }))
}

/// What a privacy request asks for.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKindDto {
    /// A copy of the data (GDPR Art. 15).
    Access,
    /// Erasure (Art. 17).
    Erasure,
}

/// A new privacy request.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPrivacyRequestDto {
    /// Access or erasure.
    pub kind: RequestKindDto,
    /// Who asks (their identifiers are kept only while the request is open).
    pub subject: SubjectDto,
    /// The hotel the request concerns (default: every hotel of the tenant).
    #[serde(default)]
    #[schema(min_length = 1, max_length = 64)]
    pub hotel: Option<String>,
}

/// Receives a privacy request: due 30 days after receipt (configurable shorter, never more
/// than one month). The requester's identity must be verified before it is processed.
#[utoipa::path(post, path = "/v1/privacy/requests", tag = "privacy",
    request_body = NewPrivacyRequestDto,
    responses((status = 201, body = PrivacyRequest)),
    security(("api_key" = [])))]
pub(crate) async fn create_request(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Response> {
    require(&principal, Scope::PrivacyAdmin)?;
    let dto: NewPrivacyRequestDto = from_value(json_body(body)?)?;
    let ids = dto.subject.identifiers()?;
    hotel_visible(&state, &principal, dto.hotel.as_ref())?;
    let kind = match dto.kind {
        RequestKindDto::Access => RequestKind::Access,
        RequestKindDto::Erasure => RequestKind::Erasure,
    };
    let privacy = state.privacy().clone();
    let request = detached(async move {
        privacy
            .create_request(
                &principal.tenant,
                &actor(&principal),
                kind,
                &ids,
                dto.hotel.as_deref(),
            )
            .await
            .map_err(|e| store_error(&e))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(request)).into_response())
}

/// The tenant's privacy requests, newest first.
#[utoipa::path(get, path = "/v1/privacy/requests", tag = "privacy",
    responses((status = 200, body = [PrivacyRequest])),
    security(("api_key" = [])))]
pub(crate) async fn list_requests(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<PrivacyRequest>>> {
    require(&principal, Scope::PrivacyAdmin)?;
    Ok(Json(
        state
            .privacy()
            .list_requests(Some(&principal.tenant))
            .await
            .map_err(|e| store_error(&e))?,
    ))
}

const ID_PATTERN: &str = "prq_";

fn request_id(id: &str) -> ApiResult<&str> {
    let ok = id.strip_prefix(ID_PATTERN).is_some_and(|hex| {
        hex.len() == 24
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if ok {
        Ok(id)
    } else {
        Err(ApiError::bad_request(
            "id: `prq_` and 24 lower-case hex digits",
        ))
    }
}

/// One privacy request.
#[utoipa::path(get, path = "/v1/privacy/requests/{id}", tag = "privacy",
    params(("id" = String, Path, description = "The request's id", pattern = r"^prq_[0-9a-f]{24}$")),
    responses((status = 200, body = PrivacyRequest)),
    security(("api_key" = [])))]
pub(crate) async fn get_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Json<PrivacyRequest>> {
    require(&principal, Scope::PrivacyAdmin)?;
    let id = request_id(&id)?;
    state
        .privacy()
        .get_request(Some(&principal.tenant), id)
        .await
        .map_err(|e| store_error(&e))?
        .map(Json)
        .ok_or_else(not_found)
}

/// How the requester's identity was verified.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyDto {
    /// How: `call_back`, `email_code`, `in_person`, ...
    #[schema(min_length = 1, max_length = 64, pattern = r"^[a-z][a-z_]*$")]
    pub method: String,
}

/// Records that the requester's identity is verified; the gateway then processes the request.
#[utoipa::path(post, path = "/v1/privacy/requests/{id}/verify", tag = "privacy",
    params(("id" = String, Path, description = "The request's id", pattern = r"^prq_[0-9a-f]{24}$")),
    request_body = VerifyDto,
    responses((status = 200, body = PrivacyRequest)),
    security(("api_key" = [])))]
pub(crate) async fn verify_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Json<PrivacyRequest>> {
    require(&principal, Scope::PrivacyAdmin)?;
    let id = request_id(&id)?;
    let dto: VerifyDto = from_value(json_body(body)?)?;
    check_word("method", &dto.method, 64)?;
    let (privacy, id) = (state.privacy().clone(), id.to_owned());
    detached(async move {
        privacy
            .verify_identity(
                Some(&principal.tenant),
                &id,
                &actor(&principal),
                &dto.method,
            )
            .await
            .map_err(|e| store_error(&e))?
            .map(Json)
            .ok_or_else(not_found)
    })
    .await
}

/// Why a request is rejected.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectDto {
    /// The reason given to the requester (no personal data).
    #[schema(min_length = 1, max_length = 500, pattern = r"^[^\x00-\x1f\x7f]+$")]
    pub reason: String,
}

/// Rejects an open request (e.g. the identity could not be verified).
#[utoipa::path(post, path = "/v1/privacy/requests/{id}/reject", tag = "privacy",
    params(("id" = String, Path, description = "The request's id", pattern = r"^prq_[0-9a-f]{24}$")),
    request_body = RejectDto,
    responses((status = 200, body = PrivacyRequest)),
    security(("api_key" = [])))]
pub(crate) async fn reject_request(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Json<PrivacyRequest>> {
    require(&principal, Scope::PrivacyAdmin)?;
    let id = request_id(&id)?;
    let dto: RejectDto = from_value(json_body(body)?)?;
    check_text("reason", &dto.reason, 1, 500, false)?;
    if dto.reason.chars().any(|c| c < ' ' || c == '\x7f') {
        return Err(validation("reason: no control characters"));
    }
    let (privacy, id) = (state.privacy().clone(), id.to_owned());
    detached(async move {
        privacy
            .reject_request(
                Some(&principal.tenant),
                &id,
                &actor(&principal),
                &dto.reason,
            )
            .await
            .map_err(|e| store_error(&e))?
            .map(Json)
            .ok_or_else(not_found)
    })
    .await
}

/// The access export of a completed access request (JSON: consents, audit references,
/// gateway records, the reservations found at the PMS, and the Art. 15 information).
#[utoipa::path(get, path = "/v1/privacy/requests/{id}/export", tag = "privacy",
    params(("id" = String, Path, description = "The request's id", pattern = r"^prq_[0-9a-f]{24}$")),
    responses((status = 200, body = Object)),
    security(("api_key" = [])))]
pub(crate) async fn export(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    require(&principal, Scope::PrivacyAdmin)?;
    let id = request_id(&id)?;
    let privacy = state.privacy();
    if privacy
        .get_request(Some(&principal.tenant), id)
        .await
        .map_err(|e| store_error(&e))?
        .is_none()
    {
        return Err(not_found());
    }
    let Some(export) = privacy
        .export(Some(&principal.tenant), id, &actor(&principal))
        .await
        .map_err(|e| store_error(&e))?
    else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "invalid_state",
            "This request has no export: it is not a completed access request, or its export was deleted (after its retention period, or by an erasure of the subject).",
        ));
    };
    let mut response = export.into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

/// Open and overdue requests of one kind.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestCountDto {
    /// `access` or `erasure`.
    pub kind: String,
    /// Open (not completed or rejected).
    pub open: u64,
    /// Open past their due date.
    pub overdue: u64,
}

/// Current consents of one purpose and state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentCountDto {
    /// The purpose.
    pub purpose: String,
    /// `granted` or `withdrawn`.
    pub state: String,
    /// Subjects whose latest event for the purpose has this state.
    pub subjects: u64,
}

/// The privacy figures for operators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PrivacyOverview {
    /// Privacy requests by kind.
    pub requests: Vec<RequestCountDto>,
    /// Current consents by purpose and state.
    pub consents: Vec<ConsentCountDto>,
    /// The last audit checkpoint and the verification before it.
    #[schema(value_type = Object)]
    pub audit: CheckpointStatus,
    /// Outbound endpoints outside the EU (refused at start-up unless explicitly allowed).
    #[schema(value_type = Object)]
    pub residency: serde_json::Value,
}

/// Open and overdue privacy requests, consents by purpose and state, the last audit checkpoint
/// and its verification, non-EU endpoints.
#[utoipa::path(get, path = "/v1/privacy/overview", tag = "privacy",
    responses((status = 200, body = PrivacyOverview)),
    security(("api_key" = [])))]
pub(crate) async fn overview(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<PrivacyOverview>> {
    require(&principal, Scope::PrivacyAdmin)?;
    let privacy = state.privacy();
    let tenant = Some(&*principal.tenant);
    let requests = privacy
        .request_counts(tenant)
        .await
        .map_err(|e| store_error(&e))?;
    let consents = privacy
        .consent_counts(tenant)
        .await
        .map_err(|e| store_error(&e))?;
    Ok(Json(PrivacyOverview {
        requests: requests
            .into_iter()
            .map(|(kind, open, overdue)| RequestCountDto {
                kind: kind.as_str().to_owned(),
                open,
                overdue,
            })
            .collect(),
        consents: consents
            .into_iter()
            .map(|(purpose, state, subjects)| ConsentCountDto {
                purpose: purpose.as_str().to_owned(),
                state: state.as_str().to_owned(),
                subjects,
            })
            .collect(),
        audit: privacy
            .checkpoint_status()
            .await
            .map_err(|e| store_error(&e))?,
        residency: state.residency_summary(),
    }))
}
