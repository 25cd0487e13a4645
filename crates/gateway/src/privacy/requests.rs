//! Privacy requests (DSAR): intake, identity verification, processing (access export or
//! erasure), rejection.

use std::sync::Arc;

use compliance::dsar::{RequestKind, RequestStatus, due_at};
use compliance::pseudonym::{Pseudonym, SubjectIdentifier};
use pms_contract::{Email, PhoneNumber, PmsConnector, ReservationSearch};
use serde_json::{Value, json};
use sqlx::Row;

use super::{Privacy, random_id};
use crate::store::{StoreError, db, timestamp};

/// The identifiers a request names (normalised). Personal data: kept only while the request
/// is open, never shown by the API. `Debug` hides the values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestIdentifiers {
    /// The e-mail address.
    pub email: Option<SubjectIdentifier>,
    /// The phone number.
    pub phone: Option<SubjectIdentifier>,
}

impl std::fmt::Debug for RequestIdentifiers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestIdentifiers")
            .field("email", &self.email.is_some())
            .field("phone", &self.phone.is_some())
            .finish()
    }
}

impl RequestIdentifiers {
    /// Normalises the given identifiers; at least one is required.
    pub fn parse(email: Option<&str>, phone: Option<&str>) -> Result<Self, String> {
        let email = email
            .map(SubjectIdentifier::email)
            .transpose()
            .map_err(|e| e.to_string())?;
        let phone = phone
            .map(SubjectIdentifier::phone)
            .transpose()
            .map_err(|e| e.to_string())?;
        if email.is_none() && phone.is_none() {
            return Err("subject: give an email, a phone, or both".to_owned());
        }
        Ok(Self { email, phone })
    }

    fn to_json(&self) -> String {
        json!({
            "email": self.email.as_ref().map(SubjectIdentifier::expose),
            "phone": self.phone.as_ref().map(SubjectIdentifier::expose),
        })
        .to_string()
    }

    fn from_json(text: &str) -> Self {
        let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        Self {
            email: value["email"]
                .as_str()
                .and_then(|v| SubjectIdentifier::email(v).ok()),
            phone: value["phone"]
                .as_str()
                .and_then(|v| SubjectIdentifier::phone(v).ok()),
        }
    }

    fn all(&self) -> impl Iterator<Item = &SubjectIdentifier> {
        self.email.iter().chain(self.phone.iter())
    }
}

/// A privacy request as the API and the CLI show it (no identifiers).
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct PrivacyRequest {
    /// Its id (`prq_...`).
    pub id: String,
    /// The tenant.
    pub tenant: String,
    /// `access` or `erasure`.
    pub kind: String,
    /// `received`, `identity_verified`, `in_progress`, `completed` or `rejected`.
    pub status: String,
    /// The subject's pseudonym (removed when an erasure completes).
    pub subject: Option<String>,
    /// The hotel it concerns, if one.
    pub hotel: Option<String>,
    /// When it was received.
    pub received_at: String,
    /// When it must be answered.
    pub due_at: String,
    /// Whether it is open past its due date.
    pub overdue: bool,
    /// When the identity was verified.
    pub verified_at: Option<String>,
    /// When it was completed or rejected.
    pub completed_at: Option<String>,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// What processing found and did (counts and ids; for erasure, what the hotel must still
    /// erase in its PMS).
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
}

/// What processing a request did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProcessReport {
    /// The request after processing.
    pub request: PrivacyRequest,
}

/// Why processing a request stopped.
enum RunFailure {
    /// The database failed.
    Store(StoreError),
    /// A hotel's PMS did not answer a search (hotel and error code).
    Pms(Vec<Value>),
}

impl From<StoreError> for RunFailure {
    fn from(e: StoreError) -> Self {
        RunFailure::Store(e)
    }
}

/// An audit entry for a request's step.
struct Step<'a> {
    actor: &'a str,
    action: &'a str,
    outcome: &'a str,
    details: Value,
    /// Whether the entry carries the subject's reference (not after an erasure).
    with_subject: bool,
}

impl<'a> Step<'a> {
    fn ok(actor: &'a str, action: &'a str, details: Value) -> Self {
        Self {
            actor,
            action,
            outcome: "ok",
            details,
            with_subject: true,
        }
    }
}

const COLUMNS: &str = "id, tenant_id, kind, status, subject, hotel_id, received_at, due_at, verified_at, completed_at, rejection_reason, result, identifiers";

impl Privacy {
    fn request_from_row(
        &self,
        row: &sqlx::any::AnyRow,
    ) -> Result<(PrivacyRequest, Option<String>), StoreError> {
        let text = |i: usize| -> Result<String, StoreError> {
            row.try_get::<String, _>(i)
                .map_err(db("reading privacy requests"))
        };
        let opt = |i: usize| -> Result<Option<String>, StoreError> {
            row.try_get::<Option<String>, _>(i)
                .map_err(db("reading privacy requests"))
        };
        let status = text(3)?;
        let due = text(7)?;
        let open = RequestStatus::parse(&status).is_some_and(RequestStatus::is_open);
        let now = timestamp(self.now());
        Ok((
            PrivacyRequest {
                id: text(0)?,
                tenant: text(1)?,
                kind: text(2)?,
                overdue: open && now > due,
                status,
                subject: opt(4)?,
                hotel: opt(5)?,
                received_at: text(6)?,
                due_at: due,
                verified_at: opt(8)?,
                completed_at: opt(9)?,
                rejection_reason: opt(10)?,
                result: opt(11)?.and_then(|r| serde_json::from_str(&r).ok()),
            },
            opt(12)?,
        ))
    }

    /// Receives a request: due in the configured days, at most one month.
    pub async fn create_request(
        &self,
        tenant: &str,
        actor: &str,
        kind: RequestKind,
        identifiers: &RequestIdentifiers,
        hotel: Option<&str>,
    ) -> Result<PrivacyRequest, StoreError> {
        let store = self.store();
        let id = random_id("prq")?;
        let now = self.now();
        let due = due_at(now, self.settings().due_days);
        let primary = identifiers
            .all()
            .next()
            .ok_or_else(|| StoreError::Refused("no identifier".to_owned()))?;
        let subject = self.pseudonym(primary);
        // The request, its subject link and its audit entry commit together.
        let mut tx = store
            .pool
            .begin()
            .await
            .map_err(db("recording a privacy request"))?;
        sqlx::query(&store.sql(
            "INSERT INTO privacy_requests (id, tenant_id, kind, status, subject, identifiers, hotel_id, received_at, due_at, updated_at)
             VALUES (?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)",
        ))
        .bind(id.clone())
        .bind(tenant.to_owned())
        .bind(kind.as_str())
        .bind(subject.as_str().to_owned())
        .bind(identifiers.to_json())
        .bind(hotel.map(str::to_owned))
        .bind(timestamp(now))
        .bind(timestamp(due))
        .bind(timestamp(now))
        .execute(&mut *tx)
        .await
        .map_err(db("recording a privacy request"))?;
        let subject_ref = self.subject_ref_on(&mut tx, tenant, &subject).await?;
        let event = self
            .event(actor, "privacy_request.received")
            .tenant(tenant)
            .subject(subject_ref)
            .resource(id.clone())
            .details(&json!({ "kind": kind.as_str(), "due_at": timestamp(due) }));
        store.append_audit_on(&mut tx, &[event]).await?;
        tx.commit()
            .await
            .map_err(db("recording a privacy request"))?;
        self.get_request(Some(tenant), &id)
            .await?
            .ok_or_else(|| StoreError::Refused("the request vanished".to_owned()))
    }

    /// A request by id (of `tenant`, if given).
    pub async fn get_request(
        &self,
        tenant: Option<&str>,
        id: &str,
    ) -> Result<Option<PrivacyRequest>, StoreError> {
        Ok(self.load(tenant, id).await?.map(|(r, _)| r))
    }

    async fn load(
        &self,
        tenant: Option<&str>,
        id: &str,
    ) -> Result<Option<(PrivacyRequest, Option<String>)>, StoreError> {
        let store = self.store();
        let row = sqlx::query(&store.sql(&format!(
            "SELECT {COLUMNS} FROM privacy_requests WHERE id = ?"
        )))
        .bind(id.to_owned())
        .fetch_optional(&store.pool)
        .await
        .map_err(db("reading a privacy request"))?;
        let Some(row) = row else { return Ok(None) };
        let (request, identifiers) = self.request_from_row(&row)?;
        if tenant.is_some_and(|t| t != request.tenant) {
            return Ok(None);
        }
        Ok(Some((request, identifiers)))
    }

    /// Requests (of `tenant`, if given), newest first.
    pub async fn list_requests(
        &self,
        tenant: Option<&str>,
    ) -> Result<Vec<PrivacyRequest>, StoreError> {
        let store = self.store();
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM privacy_requests ORDER BY received_at DESC, id"
        ))
        .fetch_all(&store.pool)
        .await
        .map_err(db("reading privacy requests"))?;
        let mut out = Vec::new();
        for row in &rows {
            let (request, _) = self.request_from_row(row)?;
            if tenant.is_none_or(|t| t == request.tenant) {
                out.push(request);
            }
        }
        Ok(out)
    }

    /// Moves a request from `from` to `to` if it is still in `from`, and appends `step` to the
    /// audit log in the same transaction; false (and nothing written) if it is not in `from`.
    #[allow(clippy::too_many_arguments)]
    async fn transition(
        &self,
        request: &PrivacyRequest,
        from: RequestStatus,
        to: RequestStatus,
        extra: &str,
        binds: &[Option<String>],
        step: Step<'_>,
    ) -> Result<bool, StoreError> {
        if !from.can_move_to(to) {
            return Ok(false);
        }
        let store = self.store();
        let mut tx = store
            .pool
            .begin()
            .await
            .map_err(db("updating a privacy request"))?;
        let sql = store.sql(&format!(
            "UPDATE privacy_requests SET status = ?, updated_at = ?{extra} WHERE id = ? AND status = ?"
        ));
        let mut query = sqlx::query(&sql)
            .bind(to.as_str())
            .bind(timestamp(self.now()));
        for b in binds {
            query = query.bind(b.clone());
        }
        let done = query
            .bind(request.id.clone())
            .bind(from.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db("updating a privacy request"))?;
        if done.rows_affected() != 1 {
            tx.rollback()
                .await
                .map_err(db("updating a privacy request"))?;
            return Ok(false);
        }
        let mut event = self
            .event(step.actor, step.action)
            .tenant(request.tenant.clone())
            .resource(request.id.clone())
            .outcome(step.outcome)
            .details(&step.details);
        if step.with_subject
            && let Some(p) = request.subject.as_deref().and_then(Pseudonym::parse)
        {
            event = event.subject(self.subject_ref_on(&mut tx, &request.tenant, &p).await?);
        }
        store.append_audit_on(&mut tx, &[event]).await?;
        tx.commit()
            .await
            .map_err(db("updating a privacy request"))?;
        Ok(true)
    }

    /// An operator verified the requester's identity (`method`: how, e.g. `call_back`).
    pub async fn verify_identity(
        &self,
        tenant: Option<&str>,
        id: &str,
        actor: &str,
        method: &str,
    ) -> Result<Option<PrivacyRequest>, StoreError> {
        let Some((request, _)) = self.load(tenant, id).await? else {
            return Ok(None);
        };
        let now = Some(timestamp(self.now()));
        if !self
            .transition(
                &request,
                RequestStatus::Received,
                RequestStatus::IdentityVerified,
                ", verified_at = ?",
                &[now],
                Step::ok(
                    actor,
                    "privacy_request.identity_verified",
                    json!({ "method": method }),
                ),
            )
            .await?
        {
            return Err(StoreError::Refused(format!(
                "request {id} is {}, not received",
                request.status
            )));
        }
        self.get_request(tenant, id).await
    }

    /// Rejects an open request with `reason`; its identifiers are deleted.
    pub async fn reject_request(
        &self,
        tenant: Option<&str>,
        id: &str,
        actor: &str,
        reason: &str,
    ) -> Result<Option<PrivacyRequest>, StoreError> {
        let Some((request, _)) = self.load(tenant, id).await? else {
            return Ok(None);
        };
        let from = RequestStatus::parse(&request.status).unwrap_or(RequestStatus::Completed);
        let now = Some(timestamp(self.now()));
        if !self
            .transition(
                &request,
                from,
                RequestStatus::Rejected,
                ", rejection_reason = ?, completed_at = ?, identifiers = NULL",
                &[Some(reason.to_owned()), now],
                Step::ok(actor, "privacy_request.rejected", json!({})),
            )
            .await?
        {
            return Err(StoreError::Refused(format!(
                "request {id} is {}: it cannot be rejected",
                request.status
            )));
        }
        self.get_request(tenant, id).await
    }

    /// The access export of a completed access request; each read is audited
    /// (`privacy_request.exported`: the whole of a guest's data left the database).
    pub async fn export(
        &self,
        tenant: Option<&str>,
        id: &str,
        actor: &str,
    ) -> Result<Option<String>, StoreError> {
        let Some(request) = self.get_request(tenant, id).await? else {
            return Ok(None);
        };
        let store = self.store();
        let export: Option<String> = sqlx::query_scalar(
            &store.sql("SELECT export FROM privacy_exports WHERE request_id = ?"),
        )
        .bind(id.to_owned())
        .fetch_optional(&store.pool)
        .await
        .map_err(db("reading an export"))?;
        if export.is_some() {
            self.audit(
                self.event(actor, "privacy_request.exported")
                    .tenant(request.tenant)
                    .resource(request.id),
            )
            .await?;
        }
        Ok(export)
    }

    /// Requests whose identity is verified and which await processing.
    pub async fn verified_requests(&self) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar("SELECT id FROM privacy_requests WHERE status = 'identity_verified' ORDER BY received_at")
            .fetch_all(&self.store().pool)
            .await
            .map_err(db("reading privacy requests"))
    }

    /// Processes a verified request: an access export or an erasure. `hotels` are the
    /// connectors to search for the subject's reservations (none: our records only).
    pub async fn process_request(
        &self,
        id: &str,
        actor: &str,
        hotels: &[(String, Arc<dyn PmsConnector>)],
    ) -> Result<Option<PrivacyRequest>, StoreError> {
        let Some((request, identifiers)) = self.load(None, id).await? else {
            return Ok(None);
        };
        if !self
            .transition(
                &request,
                RequestStatus::IdentityVerified,
                RequestStatus::InProgress,
                "",
                &[],
                Step::ok(actor, "privacy_request.in_progress", json!({})),
            )
            .await?
        {
            return Err(StoreError::Refused(format!(
                "request {id} is {}, not identity_verified",
                request.status
            )));
        }
        let identifiers = identifiers
            .as_deref()
            .map(RequestIdentifiers::from_json)
            .unwrap_or_default();
        match self.run(&request, &identifiers, hotels).await {
            Ok(result) => {
                let erasure = request.kind == RequestKind::Erasure.as_str();
                let extra = if erasure {
                    ", completed_at = ?, result = ?, identifiers = NULL, subject = NULL"
                } else {
                    ", completed_at = ?, result = ?, identifiers = NULL"
                };
                self.transition(
                    &request,
                    RequestStatus::InProgress,
                    RequestStatus::Completed,
                    extra,
                    &[Some(timestamp(self.now())), Some(result.to_string())],
                    Step {
                        // After an erasure the subject's reference is gone.
                        with_subject: !erasure,
                        ..Step::ok(actor, "privacy_request.completed", result)
                    },
                )
                .await?;
                self.get_request(None, id).await
            }
            Err(failure) => {
                // Back to verified: the worker tries again (a PMS that did not answer is
                // searched again; nothing is reported complete that was not searched).
                let (outcome, details, error) = match failure {
                    RunFailure::Store(e) => ("store_error", json!({}), e),
                    RunFailure::Pms(errors) => (
                        "pms_error",
                        json!({ "pms_errors": errors }),
                        StoreError::Refused("a PMS search failed; tried again later".to_owned()),
                    ),
                };
                self.transition(
                    &request,
                    RequestStatus::InProgress,
                    RequestStatus::IdentityVerified,
                    "",
                    &[],
                    Step {
                        outcome,
                        ..Step::ok(actor, "privacy_request.failed", details)
                    },
                )
                .await?;
                Err(error)
            }
        }
    }

    async fn run(
        &self,
        request: &PrivacyRequest,
        ids: &RequestIdentifiers,
        hotels: &[(String, Arc<dyn PmsConnector>)],
    ) -> Result<Value, RunFailure> {
        let store = self.store();
        let pseudonyms: Vec<Pseudonym> = ids.all().map(|i| self.pseudonym(i)).collect();
        // Subject references (no new ones: a subject we never saw has none).
        let mut subject_refs = Vec::new();
        for p in &pseudonyms {
            let found: Option<String> = sqlx::query_scalar(
                &store
                    .sql("SELECT subject_ref FROM subjects WHERE tenant_id = ? AND pseudonym = ?"),
            )
            .bind(request.tenant.clone())
            .bind(p.as_str().to_owned())
            .fetch_optional(&store.pool)
            .await
            .map_err(db("reading a subject"))?;
            subject_refs.extend(found);
        }
        let mut consents = Vec::new();
        for p in &pseudonyms {
            consents.extend(self.consent_history(&request.tenant, p).await?);
        }
        // Read once: the export shows these records, the erasure scrubs them.
        let matched = self.idempotency_keys_matching(&request.tenant, ids).await?;
        let gateway_records: Vec<&(String, Option<String>, Value)> =
            matched.iter().map(|(_, record)| record).collect();
        // The PMS: the request's hotel, or every hotel of the tenant.
        let tenant_hotels = store
            .tenant_hotels(&request.tenant)
            .await?
            .unwrap_or_default();
        let mut reservations = Vec::new();
        let mut pms_errors = Vec::new();
        let mut pms_searched = Vec::new();
        for (hotel, connector) in hotels {
            if !tenant_hotels.contains(hotel) || request.hotel.as_ref().is_some_and(|h| h != hotel)
            {
                continue;
            }
            let mut searches = Vec::new();
            if let Some(email) = &ids.email
                && let Ok(email) = Email::new(email.expose())
            {
                searches.push(ReservationSearch::Email(email));
            }
            if let Some(phone) = &ids.phone
                && let Ok(phone) = PhoneNumber::new(phone.expose())
            {
                searches.push(ReservationSearch::Phone(phone));
            }
            pms_searched.push(hotel.clone());
            for search in searches {
                match connector.search_reservations(&search).await {
                    Ok(found) => {
                        for r in found {
                            let dto = crate::dto::ReservationDto::at(r, self.now());
                            if !reservations.iter().any(
                                |(h, d): &(String, crate::dto::ReservationDto)| {
                                    h == hotel && d.id == dto.id
                                },
                            ) {
                                reservations.push((hotel.clone(), dto));
                            }
                        }
                    }
                    // A search the hotel's PMS cannot do is noted, not retried.
                    Err(e) if matches!(e.kind(), pms_contract::ErrorKind::Unsupported { .. }) => {
                        pms_errors.push(json!({ "hotel": hotel, "code": e.kind().code() }));
                    }
                    Err(e) => {
                        return Err(RunFailure::Pms(vec![
                            json!({ "hotel": hotel, "code": e.kind().code() }),
                        ]));
                    }
                }
            }
        }
        let mut reservation_ids: Vec<String> =
            reservations.iter().map(|(_, d)| d.id.clone()).collect();
        for (_, rid, _) in &gateway_records {
            if let Some(rid) = rid
                && !reservation_ids.contains(rid)
            {
                reservation_ids.push(rid.clone());
            }
        }
        let audit = store
            .audit_entries_about(&request.tenant, &subject_refs, &reservation_ids)
            .await?;
        if request.kind == RequestKind::Access.as_str() {
            let export = json!({
                "request": { "id": request.id, "kind": request.kind, "received_at": request.received_at, "due_at": request.due_at },
                "generated_at": timestamp(self.now()),
                "subject": request.subject,
                "consents": consents,
                "audit_entries": audit.iter().map(|e| json!({
                    "seq": e.seq, "at": e.event.at, "action": e.event.action, "hotel": e.event.hotel,
                    "resource": e.event.resource, "outcome": e.event.outcome,
                })).collect::<Vec<_>>(),
                "gateway_records": gateway_records.iter().map(|(hotel, rid, body)| json!({
                    "hotel": hotel, "reservation_id": rid, "stored_answer": body,
                })).collect::<Vec<_>>(),
                "pms_reservations": reservations.iter().map(|(hotel, d)| json!({ "hotel": hotel, "reservation": d })).collect::<Vec<_>>(),
                "pms_errors": pms_errors,
                "pms_searched": pms_searched,
                "information": information(&self.settings().retention),
            });
            sqlx::query(&store.sql("INSERT INTO privacy_exports (request_id, tenant_id, created_at, export) VALUES (?, ?, ?, ?)"))
                .bind(request.id.clone())
                .bind(request.tenant.clone())
                .bind(timestamp(self.now()))
                .bind(export.to_string())
                .execute(&store.pool)
                .await
                .map_err(db("storing an export"))?;
            return Ok(json!({
                "consents": consents.len(),
                "audit_entries": audit.len(),
                "gateway_records": gateway_records.len(),
                "pms_reservations": reservations.len(),
                "pms_errors": pms_errors,
                "pms_searched": pms_searched,
            }));
        }
        // Erasure: our records go; the PMS's records are the hotel's to erase.
        let mut tx = store.pool.begin().await.map_err(db("erasing"))?;
        let now = timestamp(self.now());
        let mut scrubbed = 0u64;
        for (tenant_key, _) in &matched {
            let done = sqlx::query(&store.sql(
                "UPDATE idempotency_records SET response = NULL, status = NULL, purged_at = COALESCE(purged_at, ?) WHERE tenant_id = ? AND idem_key = ?",
            ))
            .bind(now.clone())
            .bind(request.tenant.clone())
            .bind(tenant_key)
            .execute(&mut *tx)
            .await
            .map_err(db("erasing idempotency records"))?;
            scrubbed += done.rows_affected();
        }
        let mut consents_deleted = 0u64;
        let mut subjects_unlinked = 0u64;
        let mut exports_deleted = 0u64;
        for p in &pseudonyms {
            let p = p.as_str().to_owned();
            consents_deleted +=
                sqlx::query(&store.sql("DELETE FROM consents WHERE tenant_id = ? AND subject = ?"))
                    .bind(request.tenant.clone())
                    .bind(p.clone())
                    .execute(&mut *tx)
                    .await
                    .map_err(db("erasing consents"))?
                    .rows_affected();
            exports_deleted += sqlx::query(&store.sql(
                "DELETE FROM privacy_exports WHERE request_id IN (SELECT id FROM privacy_requests WHERE tenant_id = ? AND subject = ?)",
            ))
            .bind(request.tenant.clone())
            .bind(p.clone())
            .execute(&mut *tx)
            .await
            .map_err(db("erasing exports"))?
            .rows_affected();
            sqlx::query(&store.sql("UPDATE privacy_requests SET subject = NULL WHERE tenant_id = ? AND subject = ? AND id <> ?"))
                .bind(request.tenant.clone())
                .bind(p.clone())
                .bind(request.id.clone())
                .execute(&mut *tx)
                .await
                .map_err(db("erasing privacy requests"))?;
            subjects_unlinked += sqlx::query(
                &store.sql("DELETE FROM subjects WHERE tenant_id = ? AND pseudonym = ?"),
            )
            .bind(request.tenant.clone())
            .bind(p)
            .execute(&mut *tx)
            .await
            .map_err(db("unlinking a subject"))?
            .rows_affected();
        }
        tx.commit().await.map_err(db("erasing"))?;
        Ok(json!({
            "idempotency_records_scrubbed": scrubbed,
            "consents_deleted": consents_deleted,
            "exports_deleted": exports_deleted,
            "subjects_unlinked": subjects_unlinked,
            "audit_entries_unlinked": audit.iter().filter(|e| e.event.subject.is_some()).count(),
            "pms_action_required": reservation_ids.iter().map(|rid| {
                let hotel = reservations.iter().find(|(_, d)| &d.id == rid).map(|(h, _)| h.clone())
                    .or_else(|| gateway_records.iter().find(|(_, r, _)| r.as_ref() == Some(rid)).map(|(h, _, _)| h.clone()));
                json!({ "hotel": hotel, "reservation_id": rid, "action": "erase or anonymise the guest's data in the PMS" })
            }).collect::<Vec<_>>(),
            "pms_errors": pms_errors,
            "pms_searched": pms_searched,
        }))
    }

    /// Idempotency records of `tenant` whose stored answer names the subject: the key, and
    /// (hotel, reservation id, the answer).
    #[allow(clippy::type_complexity)]
    async fn idempotency_keys_matching(
        &self,
        tenant: &str,
        ids: &RequestIdentifiers,
    ) -> Result<Vec<(String, (String, Option<String>, Value))>, StoreError> {
        let store = self.store();
        let rows = sqlx::query(&store.sql(
            "SELECT idem_key, hotel_id, reservation_id, response FROM idempotency_records WHERE tenant_id = ? AND response IS NOT NULL",
        ))
        .bind(tenant.to_owned())
        .fetch_all(&store.pool)
        .await
        .map_err(db("reading idempotency records"))?;
        let mut out = Vec::new();
        for row in &rows {
            let response: String = row.try_get(3).map_err(db("reading idempotency records"))?;
            let Ok(body) = serde_json::from_str::<Value>(&response) else {
                continue;
            };
            let guest = &body["guest"];
            let email = guest["email"]
                .as_str()
                .and_then(|e| SubjectIdentifier::email(e).ok());
            let phone = guest["phone"]
                .as_str()
                .and_then(|p| SubjectIdentifier::phone(p).ok());
            let matches =
                (email.is_some() && email == ids.email) || (phone.is_some() && phone == ids.phone);
            if matches {
                out.push((
                    row.try_get::<String, _>(0)
                        .map_err(db("reading idempotency records"))?,
                    (
                        row.try_get::<Option<String>, _>(1)
                            .map_err(db("reading idempotency records"))?
                            .unwrap_or_default(),
                        row.try_get::<Option<String>, _>(2)
                            .map_err(db("reading idempotency records"))?,
                        body,
                    ),
                ));
            }
        }
        Ok(out)
    }

    /// Open and overdue requests by kind.
    pub async fn request_counts(
        &self,
        tenant: Option<&str>,
    ) -> Result<Vec<(RequestKind, u64, u64)>, StoreError> {
        let requests = self.list_requests(tenant).await?;
        Ok([RequestKind::Access, RequestKind::Erasure]
            .into_iter()
            .map(|kind| {
                let open = requests.iter().filter(|r| {
                    r.kind == kind.as_str()
                        && RequestStatus::parse(&r.status).is_some_and(RequestStatus::is_open)
                });
                let overdue = open.clone().filter(|r| r.overdue).count() as u64;
                (kind, open.count() as u64, overdue)
            })
            .collect())
    }
}

/// What Art. 15(1) requires besides the data: purposes, categories, recipients, storage
/// periods, rights.
fn information(policy: &compliance::retention::RetentionPolicy) -> Value {
    json!({
        "controller": "the hotel (or hotel group) the request was made to; VoiceHive processes on its behalf",
        "purposes": ["answering calls and booking stays (contract)", "consented purposes as listed under consents"],
        "categories": ["contact data (e-mail, phone)", "name", "stay details", "consent records", "audit references"],
        "recipients": ["the hotel's property management system vendor"],
        "transfers_outside_the_eu": "none: every endpoint is checked against an EU allow-list at start-up",
        "storage_periods": policy.lines(),
        "rights": ["rectification (Art. 16)", "erasure (Art. 17)", "restriction (Art. 18)", "portability (Art. 20)", "objection (Art. 21)", "complaint to a supervisory authority (Art. 77)"],
    })
}
