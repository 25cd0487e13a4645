//! The retention purge: deletes what the policy says is due, on the injected clock, and
//! records what it purged in the audit log.

use compliance::retention::Category;
use serde_json::json;

use super::Privacy;
use crate::store::{StoreError, db, timestamp};

/// What one category's purge found (and, unless a dry run, deleted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PurgeCount {
    /// The category.
    pub category: Category,
    /// Rows purged (or due, in a dry run).
    pub count: u64,
    /// Data older than this was due.
    pub cutoff: String,
}

/// What a retention run did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RetentionReport {
    /// Whether nothing was deleted (only counted).
    pub dry_run: bool,
    /// When it ran.
    pub at: String,
    /// Per category.
    pub purged: Vec<PurgeCount>,
}

/// (category, count query, purge statement); both bind the cutoff as the only parameter,
/// except where noted by the number of binds.
const PURGES: &[(Category, &str, &str)] = &[
    (
        Category::IdempotencyGuestData,
        "SELECT COUNT(*) FROM idempotency_records
         WHERE outcome = 'done' AND status = 201 AND reservation_id IS NOT NULL AND response IS NOT NULL
           AND updated_at < ? AND purged_at IS NULL",
        // Binds: now, cutoff.
        "UPDATE idempotency_records SET response = NULL, status = NULL, purged_at = ?
         WHERE outcome = 'done' AND status = 201 AND reservation_id IS NOT NULL AND response IS NOT NULL
           AND updated_at < ? AND purged_at IS NULL",
    ),
    (
        Category::IdempotencyRecords,
        // Unresolved bookings (unknown outcome, booked but never delivered) stay for the
        // operator; they hold no guest data.
        "SELECT COUNT(*) FROM idempotency_records
         WHERE outcome IN ('done', 'absent') AND delivered <> 0 AND created_at < ?",
        "DELETE FROM idempotency_records
         WHERE outcome IN ('done', 'absent') AND delivered <> 0 AND created_at < ?",
    ),
    (
        Category::ConsentHistory,
        // Superseded before the cutoff, or withdrawn (latest) before it.
        "SELECT COUNT(*) FROM consents c
         WHERE EXISTS (SELECT 1 FROM consents l WHERE l.tenant_id = c.tenant_id AND l.subject = c.subject
                         AND l.purpose = c.purpose AND l.given_at > c.given_at AND l.given_at < ?1)
            OR (c.state = 'withdrawn' AND c.given_at < ?1 AND NOT EXISTS (SELECT 1 FROM consents l
                  WHERE l.tenant_id = c.tenant_id AND l.subject = c.subject AND l.purpose = c.purpose
                    AND l.given_at > c.given_at))",
        "DELETE FROM consents
         WHERE id IN (SELECT c.id FROM consents c
         WHERE EXISTS (SELECT 1 FROM consents l WHERE l.tenant_id = c.tenant_id AND l.subject = c.subject
                         AND l.purpose = c.purpose AND l.given_at > c.given_at AND l.given_at < ?1)
            OR (c.state = 'withdrawn' AND c.given_at < ?1 AND NOT EXISTS (SELECT 1 FROM consents l
                  WHERE l.tenant_id = c.tenant_id AND l.subject = c.subject AND l.purpose = c.purpose
                    AND l.given_at > c.given_at)))",
    ),
    (
        Category::PrivacyExports,
        "SELECT COUNT(*) FROM privacy_exports WHERE created_at < ?",
        "DELETE FROM privacy_exports WHERE created_at < ?",
    ),
    (
        Category::PrivacyRequests,
        "SELECT COUNT(*) FROM privacy_requests
         WHERE status IN ('completed', 'rejected') AND completed_at < ?",
        "DELETE FROM privacy_requests
         WHERE status IN ('completed', 'rejected') AND completed_at < ?",
    ),
    (
        Category::SubjectLinks,
        // Links of subjects with nothing left to tie to them (their audit entries become
        // unlinkable, as after an erasure).
        "SELECT COUNT(*) FROM subjects s
         WHERE s.created_at < ?
           AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.tenant_id = s.tenant_id AND c.subject = s.pseudonym)
           AND NOT EXISTS (SELECT 1 FROM privacy_requests r WHERE r.tenant_id = s.tenant_id AND r.subject = s.pseudonym)",
        "DELETE FROM subjects
         WHERE created_at < ?
           AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.tenant_id = subjects.tenant_id AND c.subject = subjects.pseudonym)
           AND NOT EXISTS (SELECT 1 FROM privacy_requests r WHERE r.tenant_id = subjects.tenant_id AND r.subject = subjects.pseudonym)",
    ),
];

impl Privacy {
    /// Runs the retention policy now: counts what is due and, unless `dry_run`, deletes it
    /// and appends one `retention.purged` audit entry per category that lost rows.
    pub async fn run_retention(
        &self,
        actor: &str,
        dry_run: bool,
    ) -> Result<RetentionReport, StoreError> {
        let store = self.store();
        let now = self.now();
        let policy = &self.settings().retention;
        let mut purged = Vec::new();
        for (category, count_sql, purge_sql) in PURGES {
            let Some(period) = policy.period(*category) else {
                continue;
            };
            let cutoff = timestamp(now - period);
            let count: i64 = sqlx::query_scalar(&numbered(store, count_sql))
                .bind(cutoff.clone())
                .fetch_one(&store.pool)
                .await
                .map_err(db("counting data due for deletion"))?;
            let mut count = u64::try_from(count).unwrap_or(0);
            if !dry_run && count > 0 {
                let sql = numbered(store, purge_sql);
                let mut query = sqlx::query(&sql);
                if *category == Category::IdempotencyGuestData {
                    query = query.bind(timestamp(now));
                }
                count = query
                    .bind(cutoff.clone())
                    .execute(&store.pool)
                    .await
                    .map_err(db("deleting data due for deletion"))?
                    .rows_affected();
                if let Some(metrics) = self.metrics() {
                    metrics
                        .purged
                        .with_label_values(&[category.as_str()])
                        .inc_by(count);
                }
                if count > 0 {
                    self.audit(
                        self.event(actor, "retention.purged")
                            .resource(category.as_str())
                            .details(&json!({ "category": category.as_str(), "count": count, "cutoff": cutoff })),
                    )
                    .await?;
                }
            }
            purged.push(PurgeCount {
                category: *category,
                count,
                cutoff,
            });
        }
        Ok(RetentionReport {
            dry_run,
            at: timestamp(now),
            purged,
        })
    }
}

/// `?1` (the one parameter used twice) and `?` as the backend wants them.
fn numbered(store: &crate::store::Store, sql: &str) -> String {
    match store.backend() {
        crate::store::Backend::Postgres => store.sql(&sql.replace("?1", "$1")),
        // SQLite understands `?1`; plain `?` stays as is.
        crate::store::Backend::Sqlite => sql.to_owned(),
    }
}
