//! The gateway's database (sqlx; SQLite embedded, PostgreSQL in production): tenants, API keys
//! and idempotency records. The SQL is portable between both; placeholders are written `?` and
//! numbered for PostgreSQL.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Connection, Executor, Row};

use crate::auth::{ApiKeyRecord, Scope, hash_key};

/// A database error (the message names the operation, never a value).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error("database error while {operation}: {source}")]
    Database {
        /// What the store was doing.
        operation: &'static str,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// The database URL is not usable.
    #[error("database URL: {0}")]
    Url(String),
    /// The request is refused (an unknown tenant, a hotel of another tenant).
    #[error("{0}")]
    Refused(String),
}

pub(crate) fn db(operation: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |source| StoreError::Database { operation, source }
}

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (embedded default).
    Sqlite,
    /// PostgreSQL (production).
    Postgres,
}

/// The migrations, in order: (version, description, statements). Each runs once, in a
/// transaction, while the migrating replica holds the migration lock (PostgreSQL).
const MIGRATIONS: &[(i64, &str, &[&str])] = &[
    (
        1,
        "tenants, api keys, idempotency records",
        &[
            "CREATE TABLE IF NOT EXISTS tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL
            )",
            "CREATE TABLE IF NOT EXISTS api_keys (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                key_hash TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                hotels TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )",
            "CREATE TABLE IF NOT EXISTS idempotency_records (
                tenant_id TEXT NOT NULL,
                idem_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status BIGINT,
                response TEXT,
                created_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, idem_key)
            )",
        ],
    ),
    (
        2,
        "key sources, hotels of tenants",
        &[
            // Where a key came from: `config` (reconciled from the configuration on every
            // start), `cli` (`voicehive keys create`) or `sandbox` (the demo key).
            "ALTER TABLE api_keys ADD COLUMN source TEXT NOT NULL DEFAULT 'cli'",
            "UPDATE api_keys SET source = 'sandbox' WHERE tenant_id = 'demo'",
            "CREATE TABLE IF NOT EXISTS tenant_hotels (
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                hotel_id TEXT NOT NULL,
                PRIMARY KEY (tenant_id, hotel_id)
            )",
        ],
    ),
    (
        3,
        "booking outcomes: unknown, reconciled, delivered, purged",
        &[
            // `pending` (a request runs), `done` (status and response final), `unknown` (the
            // PMS may or may not have booked), `absent` (reconciliation found no booking).
            "ALTER TABLE idempotency_records ADD COLUMN outcome TEXT NOT NULL DEFAULT 'pending'",
            "ALTER TABLE idempotency_records ADD COLUMN hotel_id TEXT",
            "ALTER TABLE idempotency_records ADD COLUMN pms_key TEXT",
            "ALTER TABLE idempotency_records ADD COLUMN updated_at TEXT",
            "ALTER TABLE idempotency_records ADD COLUMN unknown_since TEXT",
            "ALTER TABLE idempotency_records ADD COLUMN reservation_id TEXT",
            // Whether the caller received the final answer (0: a reconciled booking nobody
            // was told about yet; 2: an operator acknowledged it).
            "ALTER TABLE idempotency_records ADD COLUMN delivered BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE idempotency_records ADD COLUMN purged_at TEXT",
            "UPDATE idempotency_records SET outcome = 'done' WHERE status IS NOT NULL",
            "UPDATE idempotency_records SET updated_at = created_at",
        ],
    ),
    (
        4,
        "privacy records: audit log, checkpoints, subjects, consents, privacy requests",
        &[
            // The hash-chained audit log (see the `compliance` crate): append-only.
            "CREATE TABLE IF NOT EXISTS audit_log (
                seq BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                tenant_id TEXT,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                hotel_id TEXT,
                subject_ref TEXT,
                resource TEXT,
                outcome TEXT NOT NULL,
                details TEXT,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )",
            "CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_ref)",
            "CREATE INDEX IF NOT EXISTS audit_log_resource ON audit_log (resource)",
            // One row: the chain's head. Appending updates it first, which serialises
            // appenders across connections and replicas (a row lock on PostgreSQL, the write
            // lock on SQLite).
            "CREATE TABLE IF NOT EXISTS audit_head (
                id BIGINT PRIMARY KEY,
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL
            )",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
            "CREATE TABLE IF NOT EXISTS audit_checkpoints (
                seq BIGINT NOT NULL,
                head_hash TEXT NOT NULL,
                at TEXT NOT NULL,
                key_id TEXT NOT NULL,
                signature TEXT NOT NULL,
                PRIMARY KEY (seq, key_id)
            )",
            // The link from a subject's pseudonym to the random reference audit entries
            // carry: deleted on erasure, which leaves those entries unlinkable.
            "CREATE TABLE IF NOT EXISTS subjects (
                tenant_id TEXT NOT NULL,
                pseudonym TEXT NOT NULL,
                subject_ref TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, pseudonym)
            )",
            "CREATE TABLE IF NOT EXISTS consents (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                purpose TEXT NOT NULL,
                state TEXT NOT NULL,
                given_at TEXT NOT NULL,
                channel TEXT NOT NULL,
                call_id TEXT,
                notice_version TEXT NOT NULL,
                evidence_ref TEXT,
                hotel_id TEXT,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            )",
            "CREATE INDEX IF NOT EXISTS consents_subject ON consents (tenant_id, subject)",
            "CREATE TABLE IF NOT EXISTS privacy_requests (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                subject TEXT,
                identifiers TEXT,
                hotel_id TEXT,
                received_at TEXT NOT NULL,
                due_at TEXT NOT NULL,
                verified_at TEXT,
                completed_at TEXT,
                rejection_reason TEXT,
                result TEXT,
                updated_at TEXT NOT NULL
            )",
            // Which keys this database's records were made with (ids only), checked at start.
            "CREATE TABLE IF NOT EXISTS privacy_keys (
                name TEXT PRIMARY KEY,
                key_id TEXT NOT NULL,
                created_at TEXT NOT NULL
            )",
            "CREATE TABLE IF NOT EXISTS privacy_exports (
                request_id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                created_at TEXT NOT NULL,
                export TEXT NOT NULL
            )",
            // The database refuses to change or remove audit entries and checkpoints.
            "@sqlite CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END",
            "@sqlite CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END",
            "@sqlite CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only: UPDATE refused'); END",
            "@sqlite CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only: DELETE refused'); END",
            "@postgres CREATE OR REPLACE FUNCTION voicehive_append_only() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
                END
                $$",
            "@postgres CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION voicehive_append_only()",
            "@postgres CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION voicehive_append_only()",
            "@postgres CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
                FOR EACH ROW EXECUTE FUNCTION voicehive_append_only()",
            "@postgres CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
                FOR EACH STATEMENT EXECUTE FUNCTION voicehive_append_only()",
        ],
    ),
    (
        5,
        "key changes: a change counter on api keys, tombstones of deleted keys",
        &[
            // One row: the number of the last change to any API key. Every change takes the
            // next number in its transaction (a row lock on PostgreSQL, the write lock on
            // SQLite), so changes commit in the order of their numbers and a replica that
            // has read up to number N has seen every change up to N.
            "CREATE TABLE IF NOT EXISTS key_changes (
                id BIGINT PRIMARY KEY,
                seq BIGINT NOT NULL
            )",
            "INSERT INTO key_changes (id, seq) VALUES (1, 0)",
            // The number of the change that last touched the key (insert, revocation,
            // scopes, hotels, tenant).
            "ALTER TABLE api_keys ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX IF NOT EXISTS api_keys_change_seq ON api_keys (change_seq)",
            // Deleted keys (configuration reconciliation, demo keys), so that replicas forget
            // them too.
            "CREATE TABLE IF NOT EXISTS api_key_tombstones (
                key_hash TEXT NOT NULL,
                change_seq BIGINT NOT NULL
            )",
            "CREATE INDEX IF NOT EXISTS api_key_tombstones_change_seq ON api_key_tombstones (change_seq)",
        ],
    ),
];

/// Where an API key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// The configuration file: reconciled on every start (changed, or deleted when removed).
    Config,
    /// `voicehive keys create`: kept as it is until revoked.
    Cli,
    /// The sandbox's demo key: replaced on every sandbox start, deleted by a configured start.
    Sandbox,
}

impl KeySource {
    fn as_str(self) -> &'static str {
        match self {
            KeySource::Config => "config",
            KeySource::Cli => "cli",
            KeySource::Sandbox => "sandbox",
        }
    }
}

/// What [`Store::reconcile`] makes the database hold.
#[derive(Debug, Clone, Default)]
pub struct Reconciliation {
    /// The configured tenants, their hotels and keys (hashes only).
    pub tenants: Vec<crate::TenantConfig>,
    /// In sandbox mode: the demo tenant's key hash and hotels. `None` (a configured gateway)
    /// deletes the demo tenant and everything it had.
    pub demo: Option<(String, Vec<String>)>,
}

/// What [`Store::reconcile`] changed (counts only; no hashes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconcileReport {
    /// Configured keys inserted.
    pub keys_added: usize,
    /// Configured keys whose tenant, scopes or hotels were brought in line.
    pub keys_updated: usize,
    /// Keys deleted: configured keys no longer configured, and demo keys.
    pub keys_removed: usize,
    /// Configured keys that stay revoked (revocation is never undone by a restart).
    pub keys_revoked: usize,
    /// `voicehive keys` keys whose hotels were narrowed to their tenant's hotels.
    pub cli_keys_narrowed: usize,
}

/// A stored idempotency record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyState {
    /// This request claimed the key; run it and [`Store::complete_idempotency`].
    Claimed,
    /// Another request with this key and the same body is still running.
    InProgress,
    /// The key was used with another request body.
    Mismatch,
    /// The key's request finished: replay this status and body.
    Done {
        /// HTTP status.
        status: u16,
        /// JSON body.
        body: String,
    },
    /// The key's booking was made, and its stored answer was purged of guest data: replay the
    /// reservation as the PMS has it now.
    Purged {
        /// The reservation's id.
        reservation_id: String,
    },
}

/// A booking whose caller may not know what happened: its outcome at the PMS is unknown, or
/// reconciliation found it booked and the caller has not been told (no replay yet).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnresolvedBooking {
    /// The tenant.
    pub tenant: String,
    /// The caller's Idempotency-Key.
    pub idempotency_key: String,
    /// The hotel.
    pub hotel: String,
    /// `unknown` (not yet reconciled) or `booked_not_delivered`.
    pub state: String,
    /// The reservation, once reconciliation found it.
    pub reservation_id: Option<String>,
    /// When the request was first made.
    pub created_at: String,
    /// Seconds since the outcome became unknown (or since the request, if earlier).
    pub age_seconds: i64,
}

/// A create to reconcile: its outcome is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingReconciliation {
    /// The tenant.
    pub tenant: String,
    /// The caller's Idempotency-Key.
    pub key: String,
    /// The hotel.
    pub hotel: String,
    /// The idempotency key sent to the PMS.
    pub pms_key: String,
    /// When the record last changed: the result of the lookup is recorded only if it has
    /// not changed since (a retry may have taken it over meanwhile).
    pub updated_at: String,
}

/// The gateway's database.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// Record times, stale claims and quiet periods are read from it.
    clock: clock::SharedClock,
    /// Key changes committed through this store (and its clones): a key cache in this
    /// process applies them before its next answer, without waiting for its refresh.
    local_key_changes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Store {
    /// Connects to `url` (`sqlite://FILE?mode=rwc`, `sqlite::memory:` or `postgres://...`);
    /// with `schema`, PostgreSQL connections use that schema (created if missing), e.g. to
    /// isolate test runs. Runs the migrations.
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Url(
                "use sqlite:PATH or postgres://USER@HOST:PORT/DB".to_owned(),
            ));
        };
        if let Some(schema) = schema
            && !schema
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(StoreError::Url(
                "schema: letters, digits and `_` only".to_owned(),
            ));
        }
        let schema = schema.map(str::to_owned);
        let in_memory = url.contains(":memory:");
        let mut options = AnyPoolOptions::new()
            .max_connections(if in_memory { 1 } else { 8 })
            .acquire_timeout(Duration::from_secs(5));
        if in_memory {
            // Every new connection would be a fresh, empty database.
            options = options
                .idle_timeout(None)
                .max_lifetime(None)
                .min_connections(1);
        }
        if backend == Backend::Sqlite {
            // On every connection: foreign keys enforced, and deleted content overwritten with
            // zeros (an erasure leaves no guest data in the file's free pages).
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA secure_delete = ON").await?;
                    Ok(())
                })
            });
        }
        let pg_schema = schema.filter(|_| backend == Backend::Postgres);
        if let Some(schema) = pg_schema.clone() {
            // The schema may not exist yet: the migrations create it.
            options = options.after_connect(move |conn, _meta| {
                let schema = schema.clone();
                Box::pin(async move {
                    conn.execute(format!("SET search_path TO {schema}").as_str())
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(url).await.map_err(db("connecting"))?;
        let store = Self {
            pool,
            backend,
            clock: std::sync::Arc::new(clock::SystemClock),
            local_key_changes: std::sync::Arc::default(),
        };
        store.migrate(pg_schema.as_deref()).await?;
        Ok(store)
    }

    /// Reads time (record times, stale claims, quiet periods) from `clock` instead of the
    /// system clock (the default of [`Store::connect`]).
    #[must_use]
    pub fn with_clock(mut self, clock: clock::SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// The current time, as stored.
    fn now(&self) -> String {
        timestamp(self.clock.now())
    }

    /// The current time minus `ago`, as stored.
    fn ago(&self, ago: chrono::Duration) -> String {
        timestamp(self.clock.now() - ago)
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// `?` placeholders as the backend wants them.
    pub(crate) fn sql(&self, sql: &str) -> String {
        match self.backend {
            Backend::Sqlite => sql.to_owned(),
            Backend::Postgres => {
                let mut out = String::with_capacity(sql.len() + 8);
                let mut n = 0;
                for c in sql.chars() {
                    if c == '?' {
                        n += 1;
                        out.push('$');
                        out.push_str(&n.to_string());
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }

    /// Creates `schema` (PostgreSQL) and runs the migrations not yet recorded. On PostgreSQL
    /// the whole run holds a session advisory lock, so replicas starting together on a fresh
    /// database migrate one after the other (concurrent `CREATE SCHEMA IF NOT EXISTS` and
    /// `CREATE TABLE IF NOT EXISTS` can fail there). Each migration's transaction first
    /// records its version, so on either database a second migrator finds it recorded and
    /// skips it.
    async fn migrate(&self, schema: Option<&str>) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(db("migrating"))?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock(7374727101)")
                .execute(&mut *conn)
                .await
                .map_err(db("taking the migration lock"))?;
        }
        let result = self.migrate_on(&mut conn, schema).await;
        if self.backend == Backend::Postgres {
            let unlocked = sqlx::query("SELECT pg_advisory_unlock(7374727101)")
                .execute(&mut *conn)
                .await;
            if unlocked.is_err() {
                // Never hand a connection holding the lock back to the pool.
                conn.detach();
            }
        }
        result
    }

    async fn migrate_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        schema: Option<&str>,
    ) -> Result<(), StoreError> {
        if let Some(schema) = schema {
            conn.execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str())
                .await
                .map_err(db("creating the schema"))?;
        }
        conn.execute(
            "CREATE TABLE IF NOT EXISTS gateway_migrations (
                version BIGINT PRIMARY KEY,
                description TEXT NOT NULL
            )",
        )
        .await
        .map_err(db("creating the migrations table"))?;
        for (version, description, statements) in MIGRATIONS {
            let done: Option<i64> = sqlx::query_scalar(
                &self.sql("SELECT version FROM gateway_migrations WHERE version = ?"),
            )
            .bind(*version)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db("reading migrations"))?;
            if done.is_some() {
                continue;
            }
            let mut tx = conn.begin().await.map_err(db("migrating"))?;
            let claimed = sqlx::query(&self.sql(
                "INSERT INTO gateway_migrations (version, description) VALUES (?, ?) ON CONFLICT DO NOTHING",
            ))
            .bind(*version)
            .bind(*description)
            .execute(&mut *tx)
            .await
            .map_err(db("recording a migration"))?;
            if claimed.rows_affected() == 0 {
                // Another process migrated meanwhile.
                tx.rollback().await.map_err(db("migrating"))?;
                continue;
            }
            for statement in *statements {
                // `@sqlite ` and `@postgres ` mark statements for one backend only.
                let statement = match (statement.split_once(' '), self.backend) {
                    (Some(("@sqlite", rest)), Backend::Sqlite)
                    | (Some(("@postgres", rest)), Backend::Postgres) => rest,
                    (Some(("@sqlite" | "@postgres", _)), _) => continue,
                    _ => statement,
                };
                tx.execute(statement).await.map_err(db("migrating"))?;
            }
            tx.commit().await.map_err(db("migrating"))?;
        }
        Ok(())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db("pinging"))?;
        Ok(())
    }

    /// Creates the tenant if it does not exist.
    pub async fn ensure_tenant(&self, id: &str, name: &str) -> Result<(), StoreError> {
        sqlx::query(&self.sql(
            "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(id)
        .bind(name)
        .bind(self.now())
        .execute(&self.pool)
        .await
        .map_err(db("creating a tenant"))?;
        Ok(())
    }

    /// Makes `hotels` the hotels of `tenant` (which must exist), replacing its others.
    pub async fn assign_hotels(&self, tenant: &str, hotels: &[String]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(db("assigning hotels"))?;
        sqlx::query(&self.sql("DELETE FROM tenant_hotels WHERE tenant_id = ?"))
            .bind(tenant)
            .execute(&mut *tx)
            .await
            .map_err(db("assigning hotels"))?;
        self.insert_tenant_hotels(&mut tx, tenant, hotels).await?;
        tx.commit().await.map_err(db("assigning hotels"))?;
        Ok(())
    }

    async fn insert_tenant_hotels(
        &self,
        conn: &mut sqlx::AnyConnection,
        tenant: &str,
        hotels: &[String],
    ) -> Result<(), StoreError> {
        for hotel in hotels {
            sqlx::query(&self.sql(
                "INSERT INTO tenant_hotels (tenant_id, hotel_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            ))
            .bind(tenant)
            .bind(hotel)
            .execute(&mut *conn)
            .await
            .map_err(db("assigning hotels"))?;
        }
        Ok(())
    }

    /// The hotels of `tenant`, or `None` if there is no such tenant.
    pub async fn tenant_hotels(&self, tenant: &str) -> Result<Option<Vec<String>>, StoreError> {
        let exists: Option<String> =
            sqlx::query_scalar(&self.sql("SELECT id FROM tenants WHERE id = ?"))
                .bind(tenant)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("reading a tenant"))?;
        if exists.is_none() {
            return Ok(None);
        }
        let hotels: Vec<String> = sqlx::query_scalar(
            &self.sql("SELECT hotel_id FROM tenant_hotels WHERE tenant_id = ? ORDER BY hotel_id"),
        )
        .bind(tenant)
        .fetch_all(&self.pool)
        .await
        .map_err(db("reading a tenant's hotels"))?;
        Ok(Some(hotels))
    }

    /// Stores a new API key (only its hash) for `tenant`, as `voicehive keys create` does.
    /// The tenant must exist and every hotel must be one of its hotels. Returns the key's id.
    pub async fn add_key(
        &self,
        tenant: &str,
        key: &str,
        scopes: &[Scope],
        hotels: &[String],
    ) -> Result<String, StoreError> {
        crate::auth::check_key_format(key).map_err(StoreError::Refused)?;
        self.add_key_hash(tenant, &hash_key(key), scopes, hotels)
            .await
    }

    /// [`Store::add_key`] for a key given as its hex SHA-256.
    pub async fn add_key_hash(
        &self,
        tenant: &str,
        hash: &str,
        scopes: &[Scope],
        hotels: &[String],
    ) -> Result<String, StoreError> {
        let Some(owned) = self.tenant_hotels(tenant).await? else {
            return Err(StoreError::Refused(format!(
                "unknown tenant `{tenant}`: tenants and their hotels come from the gateway's configuration"
            )));
        };
        if let Some(hotel) = hotels.iter().find(|h| !owned.contains(h)) {
            return Err(StoreError::Refused(format!(
                "hotel `{hotel}` is not a hotel of tenant `{tenant}` (its hotels: {})",
                if owned.is_empty() {
                    "none".to_owned()
                } else {
                    owned.join(", ")
                }
            )));
        }
        let id = key_id(hash);
        let op = "storing an API key";
        let mut tx = self.pool.begin().await.map_err(db(op))?;
        let seq = next_key_change(&mut tx).await?;
        let inserted = self
            .insert_key(
                &mut *tx,
                &id,
                tenant,
                hash,
                scopes,
                hotels,
                KeySource::Cli,
                seq,
            )
            .await?;
        if !inserted {
            tx.rollback().await.map_err(db(op))?;
            return Err(StoreError::Refused("this key exists already".to_owned()));
        }
        tx.commit().await.map_err(db(op))?;
        self.note_key_change();
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_key<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
        &self,
        executor: E,
        id: &str,
        tenant: &str,
        hash: &str,
        scopes: &[Scope],
        hotels: &[String],
        source: KeySource,
        seq: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(&self.sql(
            "INSERT INTO api_keys (id, tenant_id, key_hash, scopes, hotels, created_at, source, change_seq)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(id)
        .bind(tenant)
        .bind(hash)
        .bind(scope_list(scopes))
        .bind(hotels.join(" "))
        .bind(self.now())
        .bind(source.as_str())
        .bind(seq)
        .execute(executor)
        .await
        .map_err(db("storing an API key"))?;
        Ok(done.rows_affected() == 1)
    }

    /// Makes the database agree with the configuration, in one transaction:
    /// - the configured tenants exist with their names, and own exactly their hotels;
    /// - every configured key exists with its tenant, scopes and hotels (a revoked one stays
    ///   revoked); configured keys no longer configured are deleted;
    /// - the demo tenant exists with one key (sandbox mode) or not at all, and has no stored
    ///   bookings either way;
    /// - keys made with `voicehive keys` keep only hotels their tenant still owns.
    pub async fn reconcile(&self, plan: &Reconciliation) -> Result<ReconcileReport, StoreError> {
        let op = "reconciling tenants and keys";
        let mut report = ReconcileReport::default();
        let mut tx = self.pool.begin().await.map_err(db(op))?;
        // One change number for everything this reconciliation changes.
        let seq = next_key_change(&mut tx).await?;
        sqlx::query(&self.sql(
            "INSERT INTO api_key_tombstones (key_hash, change_seq)
             SELECT key_hash, ? FROM api_keys WHERE source = 'sandbox' OR tenant_id = ?",
        ))
        .bind(seq)
        .bind(crate::DEMO_TENANT)
        .execute(&mut *tx)
        .await
        .map_err(db(op))?;
        let demo_keys = sqlx::query(
            &self.sql("DELETE FROM api_keys WHERE source = 'sandbox' OR tenant_id = ?"),
        )
        .bind(crate::DEMO_TENANT)
        .execute(&mut *tx)
        .await
        .map_err(db(op))?;
        report.keys_removed += usize::try_from(demo_keys.rows_affected()).unwrap_or(usize::MAX);
        tx.execute("DELETE FROM tenant_hotels")
            .await
            .map_err(db(op))?;
        let mut owners: Vec<(String, Vec<String>)> = plan
            .tenants
            .iter()
            .map(|t| (t.id.clone(), t.hotels.clone()))
            .collect();
        let names = plan
            .tenants
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str()));
        for (id, name) in names.chain(
            plan.demo
                .iter()
                .map(|_| (crate::DEMO_TENANT, "Demo tenant")),
        ) {
            sqlx::query(&self.sql(
                "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            ))
            .bind(id)
            .bind(name)
            .bind(self.now())
            .execute(&mut *tx)
            .await
            .map_err(db(op))?;
        }
        if let Some((_, hotels)) = &plan.demo {
            owners.push((crate::DEMO_TENANT.to_owned(), hotels.clone()));
        }
        for (tenant, hotels) in &owners {
            self.insert_tenant_hotels(&mut tx, tenant, hotels).await?;
        }
        // The demo tenant's bookings never outlive a start: the in-process sandbox starts
        // empty, and a configured gateway has no demo tenant.
        sqlx::query(&self.sql("DELETE FROM idempotency_records WHERE tenant_id = ?"))
            .bind(crate::DEMO_TENANT)
            .execute(&mut *tx)
            .await
            .map_err(db(op))?;
        match &plan.demo {
            Some((hash, hotels)) => {
                self.insert_key(
                    &mut *tx,
                    &key_id(hash),
                    crate::DEMO_TENANT,
                    hash,
                    &Scope::ALL,
                    hotels,
                    KeySource::Sandbox,
                    seq,
                )
                .await?;
            }
            None => {
                sqlx::query(&self.sql("DELETE FROM tenants WHERE id = ?"))
                    .bind(crate::DEMO_TENANT)
                    .execute(&mut *tx)
                    .await
                    .map_err(db(op))?;
            }
        }
        let mut configured = std::collections::HashSet::new();
        for tenant in &plan.tenants {
            for key in &tenant.keys {
                configured.insert(key.key_sha256.clone());
                let scopes = scope_list(&key.scopes);
                let hotels = key.hotels.join(" ");
                let row: Option<AnyRow> = sqlx::query(&self.sql(
                    "SELECT tenant_id, scopes, hotels, source, revoked_at FROM api_keys WHERE key_hash = ?",
                ))
                .bind(&key.key_sha256)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db(op))?;
                let Some(row) = row else {
                    self.insert_key(
                        &mut *tx,
                        &key_id(&key.key_sha256),
                        &tenant.id,
                        &key.key_sha256,
                        &key.scopes,
                        &key.hotels,
                        KeySource::Config,
                        seq,
                    )
                    .await?;
                    report.keys_added += 1;
                    continue;
                };
                let stored: Vec<String> = (0..4)
                    .map(|i| row.try_get::<String, _>(i))
                    .collect::<Result<_, _>>()
                    .map_err(db(op))?;
                let revoked: Option<String> = row.try_get(4).map_err(db(op))?;
                if revoked.is_some() {
                    report.keys_revoked += 1;
                }
                if stored
                    != [
                        tenant.id.clone(),
                        scopes.clone(),
                        hotels.clone(),
                        "config".to_owned(),
                    ]
                {
                    sqlx::query(&self.sql(
                        "UPDATE api_keys SET tenant_id = ?, scopes = ?, hotels = ?, source = 'config',
                         change_seq = ? WHERE key_hash = ?",
                    ))
                    .bind(&tenant.id)
                    .bind(&scopes)
                    .bind(&hotels)
                    .bind(seq)
                    .bind(&key.key_sha256)
                    .execute(&mut *tx)
                    .await
                    .map_err(db(op))?;
                    report.keys_updated += 1;
                }
            }
        }
        let rows: Vec<AnyRow> =
            sqlx::query("SELECT id, key_hash FROM api_keys WHERE source = 'config'")
                .fetch_all(&mut *tx)
                .await
                .map_err(db(op))?;
        for row in rows {
            let id: String = row.try_get(0).map_err(db(op))?;
            let hash: String = row.try_get(1).map_err(db(op))?;
            if !configured.contains(&hash) {
                sqlx::query(
                    &self
                        .sql("INSERT INTO api_key_tombstones (key_hash, change_seq) VALUES (?, ?)"),
                )
                .bind(&hash)
                .bind(seq)
                .execute(&mut *tx)
                .await
                .map_err(db(op))?;
                sqlx::query(&self.sql("DELETE FROM api_keys WHERE id = ?"))
                    .bind(&id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db(op))?;
                report.keys_removed += 1;
            }
        }
        let rows: Vec<AnyRow> = sqlx::query(
            "SELECT id, tenant_id, hotels FROM api_keys WHERE source = 'cli' AND revoked_at IS NULL",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(db(op))?;
        for row in rows {
            let id: String = row.try_get(0).map_err(db(op))?;
            let tenant: String = row.try_get(1).map_err(db(op))?;
            let hotels: String = row.try_get(2).map_err(db(op))?;
            let owned = owners
                .iter()
                .filter(|(t, _)| *t == tenant)
                .flat_map(|(_, h)| h.iter())
                .collect::<Vec<_>>();
            let kept: Vec<&str> = hotels
                .split_whitespace()
                .filter(|h| owned.iter().any(|o| o.as_str() == *h))
                .collect();
            if kept.len() != hotels.split_whitespace().count() {
                sqlx::query(
                    &self.sql("UPDATE api_keys SET hotels = ?, change_seq = ? WHERE id = ?"),
                )
                .bind(kept.join(" "))
                .bind(seq)
                .bind(&id)
                .execute(&mut *tx)
                .await
                .map_err(db(op))?;
                report.cli_keys_narrowed += 1;
            }
        }
        tx.commit().await.map_err(db(op))?;
        self.note_key_change();
        Ok(report)
    }

    /// Revokes a key by id.
    pub async fn revoke_key(&self, id: &str) -> Result<bool, StoreError> {
        let op = "revoking an API key";
        let mut tx = self.pool.begin().await.map_err(db(op))?;
        let seq = next_key_change(&mut tx).await?;
        let done = sqlx::query(&self.sql(
            "UPDATE api_keys SET revoked_at = ?, change_seq = ? WHERE id = ? AND revoked_at IS NULL",
        ))
        .bind(self.now())
        .bind(seq)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db(op))?;
        tx.commit().await.map_err(db(op))?;
        self.note_key_change();
        Ok(done.rows_affected() > 0)
    }

    /// Counts a key change committed through this store.
    fn note_key_change(&self) {
        self.local_key_changes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// How many key changes were committed through this store (and its clones).
    pub(crate) fn local_key_changes(&self) -> u64 {
        self.local_key_changes
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// The keys changed after change number `since` (every key, revoked ones included, for
    /// `since` < 0), the keys deleted since, and the number of the last change they include.
    pub async fn key_changes_since(&self, since: i64) -> Result<KeyChanges, StoreError> {
        let op = "reading API key changes";
        // The counter first: every change up to it has committed (changes commit in the
        // order of their numbers), so the reads below see all of them.
        let seq: i64 = sqlx::query_scalar("SELECT seq FROM key_changes WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(db(op))?;
        let rows: Vec<AnyRow> = sqlx::query(&self.sql(
            "SELECT id, tenant_id, key_hash, scopes, hotels, revoked_at, change_seq FROM api_keys
             WHERE change_seq > ? AND change_seq <= ?",
        ))
        .bind(since)
        .bind(seq)
        .fetch_all(&self.pool)
        .await
        .map_err(db(op))?;
        let keys = rows
            .iter()
            .map(|row| key_row(row, op))
            .collect::<Result<_, _>>()?;
        let rows: Vec<AnyRow> = sqlx::query(&self.sql(
            "SELECT key_hash, change_seq FROM api_key_tombstones
             WHERE change_seq > ? AND change_seq <= ?",
        ))
        .bind(since)
        .bind(seq)
        .fetch_all(&self.pool)
        .await
        .map_err(db(op))?;
        let deleted = rows
            .iter()
            .map(|row| {
                Ok((
                    row.try_get(0).map_err(db(op))?,
                    row.try_get(1).map_err(db(op))?,
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(KeyChanges { seq, keys, deleted })
    }

    /// The key whose hash is `hash`, revoked or not.
    pub async fn key_row_by_hash(&self, hash: &str) -> Result<Option<KeyRow>, StoreError> {
        let op = "reading an API key";
        let row: Option<AnyRow> = sqlx::query(&self.sql(
            "SELECT id, tenant_id, key_hash, scopes, hotels, revoked_at, change_seq FROM api_keys
             WHERE key_hash = ?",
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db(op))?;
        row.map(|row| key_row(&row, op)).transpose()
    }

    /// Every key, revoked ones included, oldest first: id, tenant, scopes, hotels, created and
    /// revoked times. No hashes (they are not needed to manage keys).
    pub async fn list_keys(&self) -> Result<Vec<KeyListing>, StoreError> {
        let rows: Vec<AnyRow> = sqlx::query(&self.sql(
            "SELECT id, tenant_id, scopes, hotels, created_at, revoked_at, source FROM api_keys
             ORDER BY created_at, id",
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(db("listing API keys"))?;
        rows.iter()
            .map(|row| {
                let get = |i: usize| row.try_get::<String, _>(i).map_err(db("listing API keys"));
                Ok(KeyListing {
                    id: get(0)?,
                    tenant: get(1)?,
                    scopes: get(2)?.split_whitespace().map(str::to_owned).collect(),
                    hotels: get(3)?.split_whitespace().map(str::to_owned).collect(),
                    created_at: get(4)?,
                    revoked_at: row
                        .try_get::<Option<String>, _>(5)
                        .map_err(db("listing API keys"))?,
                    source: get(6)?,
                })
            })
            .collect()
    }

    /// The unrevoked key whose hash is `hash`.
    pub async fn key_by_hash(&self, hash: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
        let row: Option<AnyRow> = sqlx::query(&self.sql(
            "SELECT id, tenant_id, key_hash, scopes, hotels FROM api_keys
             WHERE key_hash = ? AND revoked_at IS NULL",
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db("reading an API key"))?;
        let Some(row) = row else { return Ok(None) };
        let get = |i: usize| {
            row.try_get::<String, _>(i)
                .map_err(db("reading an API key"))
        };
        Ok(Some(ApiKeyRecord {
            id: get(0)?,
            tenant: get(1)?,
            key_hash: get(2)?,
            scopes: get(3)?
                .split_whitespace()
                .filter_map(|s| s.parse().ok())
                .collect(),
            hotels: get(4)?.split_whitespace().map(str::to_owned).collect(),
        }))
    }

    /// Claims `key` for `tenant`, a request whose hash is `request_hash`, to `hotel` with
    /// `pms_key`, or reports what the key holds. An unknown or absent outcome (same hash) is
    /// taken over: the retry runs again with the same PMS key, which the PMS answers with the
    /// booking it made, if it made one. So is a pending claim not updated for
    /// [`STALE_CLAIM`] (its replica crashed).
    pub async fn claim_idempotency(
        &self,
        tenant: &str,
        key: &str,
        request_hash: &str,
        hotel: &str,
        pms_key: &str,
    ) -> Result<IdempotencyState, StoreError> {
        let op = "claiming an idempotency key";
        let now = self.now();
        let inserted = sqlx::query(&self.sql(
            "INSERT INTO idempotency_records
                (tenant_id, idem_key, request_hash, created_at, updated_at, outcome, hotel_id, pms_key)
             VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(tenant)
        .bind(key)
        .bind(request_hash)
        .bind(&now)
        .bind(&now)
        .bind(hotel)
        .bind(pms_key)
        .execute(&self.pool)
        .await
        .map_err(db(op))?;
        if inserted.rows_affected() == 1 {
            return Ok(IdempotencyState::Claimed);
        }
        let taken_over = sqlx::query(&self.sql(
            "UPDATE idempotency_records SET outcome = 'pending', updated_at = ?
             WHERE tenant_id = ? AND idem_key = ? AND request_hash = ?
               AND (outcome IN ('unknown', 'absent') OR (outcome = 'pending' AND updated_at < ?))",
        ))
        .bind(&now)
        .bind(tenant)
        .bind(key)
        .bind(request_hash)
        .bind(self.ago(STALE_CLAIM))
        .execute(&self.pool)
        .await
        .map_err(db(op))?;
        if taken_over.rows_affected() == 1 {
            return Ok(IdempotencyState::Claimed);
        }
        let row: Option<AnyRow> = sqlx::query(&self.sql(
            "SELECT request_hash, outcome, status, response, reservation_id, delivered
             FROM idempotency_records WHERE tenant_id = ? AND idem_key = ?",
        ))
        .bind(tenant)
        .bind(key)
        .fetch_optional(&self.pool)
        .await
        .map_err(db(op))?;
        let Some(row) = row else {
            // Deleted between our insert and read: the caller may retry.
            return Ok(IdempotencyState::InProgress);
        };
        let stored_hash: String = row.try_get(0).map_err(db(op))?;
        if stored_hash != request_hash {
            return Ok(IdempotencyState::Mismatch);
        }
        let outcome: String = row.try_get(1).map_err(db(op))?;
        let status: Option<i64> = row.try_get(2).map_err(db(op))?;
        let body: Option<String> = row.try_get(3).map_err(db(op))?;
        let reservation_id: Option<String> = row.try_get(4).map_err(db(op))?;
        let delivered: i64 = row.try_get(5).map_err(db(op))?;
        if outcome != "done" {
            return Ok(IdempotencyState::InProgress);
        }
        if delivered == 0 {
            // A reconciled booking: its caller hears of it now.
            sqlx::query(&self.sql(
                "UPDATE idempotency_records SET delivered = 1 WHERE tenant_id = ? AND idem_key = ? AND delivered = 0",
            ))
            .bind(tenant)
            .bind(key)
            .execute(&self.pool)
            .await
            .map_err(db(op))?;
        }
        Ok(match (status, body, reservation_id) {
            (Some(status), Some(body), _) => IdempotencyState::Done {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            (_, None, Some(reservation_id)) => IdempotencyState::Purged { reservation_id },
            _ => IdempotencyState::InProgress,
        })
    }

    /// Records the final outcome of a claimed key, which the caller receives now.
    pub async fn complete_idempotency(
        &self,
        tenant: &str,
        key: &str,
        status: u16,
        body: &str,
        reservation_id: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(&self.sql(
            "UPDATE idempotency_records
             SET outcome = 'done', status = ?, response = ?, reservation_id = ?, updated_at = ?, delivered = 1
             WHERE tenant_id = ? AND idem_key = ? AND outcome = 'pending'",
        ))
        .bind(i64::from(status))
        .bind(body)
        .bind(reservation_id)
        .bind(self.now())
        .bind(tenant)
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db("completing an idempotency key"))?;
        Ok(())
    }

    /// Marks a claimed key's outcome unknown (a transient failure, a timeout, a caller who hung
    /// up): the record keeps its request hash, so another body with the key stays a 409; a
    /// retry with the same body runs again; the reconciler looks it up at the PMS.
    pub async fn mark_unknown(&self, tenant: &str, key: &str) -> Result<(), StoreError> {
        let now = self.now();
        sqlx::query(&self.sql(&format!(
            "UPDATE idempotency_records SET {TO_UNKNOWN}
             WHERE tenant_id = ? AND idem_key = ? AND outcome = 'pending'"
        )))
        .bind(&now)
        .bind(&now)
        .bind(tenant)
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db("marking a booking outcome unknown"))?;
        Ok(())
    }

    /// Pending claims whose replica crashed (not updated for [`STALE_CLAIM`]) become unknown
    /// outcomes, for the reconciler. Returns how many.
    pub async fn expire_stale_claims(&self) -> Result<u64, StoreError> {
        let now = self.now();
        let done = sqlx::query(&self.sql(&format!(
            "UPDATE idempotency_records SET {TO_UNKNOWN}
             WHERE outcome = 'pending' AND updated_at < ?"
        )))
        .bind(&now)
        .bind(&now)
        .bind(self.ago(STALE_CLAIM))
        .execute(&self.pool)
        .await
        .map_err(db("expiring stale idempotency claims"))?;
        Ok(done.rows_affected())
    }

    /// Unknown outcomes not touched for `quiet` (so that a running retry is not raced),
    /// oldest first, at most `limit`.
    pub async fn unknown_outcomes(
        &self,
        quiet: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<PendingReconciliation>, StoreError> {
        let op = "listing unknown booking outcomes";
        let rows: Vec<AnyRow> = sqlx::query(&self.sql(
            "SELECT tenant_id, idem_key, hotel_id, pms_key, updated_at FROM idempotency_records
             WHERE outcome = 'unknown' AND updated_at < ? AND hotel_id IS NOT NULL AND pms_key IS NOT NULL
             ORDER BY updated_at LIMIT ?",
        ))
        .bind(self.ago(quiet))
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db(op))?;
        rows.iter()
            .map(|row| {
                let get = |i: usize| row.try_get::<String, _>(i).map_err(db(op));
                Ok(PendingReconciliation {
                    tenant: get(0)?,
                    key: get(1)?,
                    hotel: get(2)?,
                    pms_key: get(3)?,
                    updated_at: get(4)?,
                })
            })
            .collect()
    }

    /// Records what reconciliation found for an unknown outcome: the booking (stored as the
    /// key's answer, not yet delivered to the caller), or none (`absent`); `None` only
    /// touches it, so the next round tries another record first.
    pub async fn resolve_unknown(
        &self,
        record: &PendingReconciliation,
        found: Option<Option<(&str, &str)>>,
    ) -> Result<bool, StoreError> {
        let (tenant, key, seen) = (&record.tenant, &record.key, &record.updated_at);
        let op = "recording a reconciled booking";
        let now = self.now();
        // Booked: the key's answer, not yet delivered. Absent: only the outcome. Unanswered:
        // only the time, so the next round tries another record first.
        let (outcome, status, response, reservation_id, delivered) = match found {
            Some(Some((reservation_id, body))) => (
                Some("done"),
                Some(201_i64),
                Some(body),
                Some(reservation_id),
                Some(0_i64),
            ),
            Some(None) => (Some("absent"), None, None, None, None),
            None => (None, None, None, None, None),
        };
        let done = sqlx::query(&self.sql(
            "UPDATE idempotency_records
             SET outcome = COALESCE(?, outcome), status = COALESCE(?, status),
                 response = COALESCE(?, response), reservation_id = COALESCE(?, reservation_id),
                 delivered = COALESCE(?, delivered), updated_at = ?
             WHERE tenant_id = ? AND idem_key = ? AND outcome = 'unknown' AND updated_at = ?",
        ))
        .bind(outcome)
        .bind(status)
        .bind(response)
        .bind(reservation_id)
        .bind(delivered)
        .bind(&now)
        .bind(tenant)
        .bind(key)
        .bind(seen)
        .execute(&self.pool)
        .await
        .map_err(db(op))?;
        Ok(done.rows_affected() == 1)
    }

    /// Bookings whose caller may not know the outcome, oldest first: outcomes still unknown,
    /// and bookings reconciliation found whose caller has not replayed the key.
    pub async fn unresolved_bookings(&self) -> Result<Vec<UnresolvedBooking>, StoreError> {
        let op = "listing unresolved bookings";
        let rows: Vec<AnyRow> = sqlx::query(
            "SELECT tenant_id, idem_key, hotel_id, outcome, reservation_id, created_at, unknown_since
             FROM idempotency_records
             WHERE outcome = 'unknown' OR (outcome = 'done' AND delivered = 0)
             ORDER BY created_at",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db(op))?;
        let now = self.clock.now();
        rows.iter()
            .map(|row| {
                let get = |i: usize| row.try_get::<String, _>(i).map_err(db(op));
                let opt = |i: usize| row.try_get::<Option<String>, _>(i).map_err(db(op));
                let created_at = get(5)?;
                let since = opt(6)?.unwrap_or_else(|| created_at.clone());
                let age_seconds = chrono::DateTime::parse_from_rfc3339(&since)
                    .map(|t| (now - t.with_timezone(&chrono::Utc)).num_seconds())
                    .unwrap_or(0);
                Ok(UnresolvedBooking {
                    tenant: get(0)?,
                    idempotency_key: get(1)?,
                    hotel: opt(2)?.unwrap_or_default(),
                    state: if get(3)? == "unknown" {
                        "unknown".to_owned()
                    } else {
                        "booked_not_delivered".to_owned()
                    },
                    reservation_id: opt(4)?,
                    created_at,
                    age_seconds,
                })
            })
            .collect()
    }

    /// An operator has dealt with a booked-but-not-delivered booking (called the guest, or
    /// cancelled it): it leaves the unresolved list.
    pub async fn acknowledge_booking(&self, tenant: &str, key: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(&self.sql(
            "UPDATE idempotency_records SET delivered = 2
             WHERE tenant_id = ? AND idem_key = ? AND outcome = 'done' AND delivered = 0",
        ))
        .bind(tenant)
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db("acknowledging a booking"))?;
        Ok(done.rows_affected() == 1)
    }

    /// Runs one SQL statement as it is (for tests that play a database user going around the
    /// application).
    #[doc(hidden)]
    pub async fn raw_execute_for_tests(&self, sql: &str) -> Result<u64, sqlx::Error> {
        sqlx::query(sql)
            .execute(&self.pool)
            .await
            .map(|r| r.rows_affected())
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes a record's outcome unknown; binds the time twice.
const TO_UNKNOWN: &str =
    "outcome = 'unknown', updated_at = ?, unknown_since = COALESCE(unknown_since, ?)";

/// Pending claims not updated for this long (their replica crashed) are taken over.
pub const STALE_CLAIM: chrono::Duration = chrono::Duration::seconds(120);

pub(crate) fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    // Fixed width, so that text comparison orders timestamps.
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Takes the next key change number in `tx` (held until it commits).
async fn next_key_change(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<i64, StoreError> {
    sqlx::query_scalar("UPDATE key_changes SET seq = seq + 1 WHERE id = 1 RETURNING seq")
        .fetch_one(&mut **tx)
        .await
        .map_err(db("numbering an API key change"))
}

fn key_row(row: &AnyRow, op: &'static str) -> Result<KeyRow, StoreError> {
    let get = |i: usize| row.try_get::<String, _>(i).map_err(db(op));
    Ok(KeyRow {
        record: ApiKeyRecord {
            id: get(0)?,
            tenant: get(1)?,
            key_hash: get(2)?,
            scopes: get(3)?
                .split_whitespace()
                .filter_map(|s| s.parse().ok())
                .collect(),
            hotels: get(4)?.split_whitespace().map(str::to_owned).collect(),
        },
        revoked: row
            .try_get::<Option<String>, _>(5)
            .map_err(db(op))?
            .is_some(),
        change_seq: row.try_get(6).map_err(db(op))?,
    })
}

/// A stored key with its revocation state and change number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// The key.
    pub record: ApiKeyRecord,
    /// Whether it was revoked.
    pub revoked: bool,
    /// The number of the change that last touched it.
    pub change_seq: i64,
}

/// What [`Store::key_changes_since`] read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyChanges {
    /// The number of the last change included.
    pub seq: i64,
    /// Keys inserted or changed.
    pub keys: Vec<KeyRow>,
    /// Hashes of deleted keys, with the number of the change that deleted them.
    pub deleted: Vec<(String, i64)>,
}

/// A key as `voicehive keys list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyListing {
    /// The key's id.
    pub id: String,
    /// Its tenant.
    pub tenant: String,
    /// Its scopes.
    pub scopes: Vec<String>,
    /// The hotels it may see.
    pub hotels: Vec<String>,
    /// When it was created.
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// Where it came from: `config`, `cli` or `sandbox`.
    pub source: String,
}

fn key_id(hash: &str) -> String {
    format!("key_{}", hash.get(..16).unwrap_or(hash))
}

fn scope_list(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use clock::Clock;

    async fn store(clock: &clock::ManualClock) -> Store {
        let store = Store::connect("sqlite::memory:", None)
            .await
            .unwrap()
            .with_clock(std::sync::Arc::new(clock.clone()));
        store.ensure_tenant("acme", "Acme Hotels").await.unwrap();
        store
    }

    async fn claim(store: &Store) -> IdempotencyState {
        store
            .claim_idempotency("acme", "key-1", "hash-1", "BER", "vh-1")
            .await
            .unwrap()
    }

    /// A crashed replica's claim is taken over after [`STALE_CLAIM`] on the store's clock, not
    /// on the operating system's.
    #[tokio::test]
    async fn a_stale_claim_is_taken_over_when_the_injected_clock_says_so() {
        let clock =
            clock::ManualClock::new(chrono::Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap());
        let store = store(&clock).await;
        assert!(matches!(claim(&store).await, IdempotencyState::Claimed));
        assert!(matches!(claim(&store).await, IdempotencyState::InProgress));
        clock.advance(STALE_CLAIM - chrono::Duration::seconds(1));
        assert!(matches!(claim(&store).await, IdempotencyState::InProgress));
        assert_eq!(store.expire_stale_claims().await.unwrap(), 0);
        clock.advance(chrono::Duration::seconds(2));
        assert!(
            matches!(claim(&store).await, IdempotencyState::Claimed),
            "taken over"
        );
        // The takeover refreshed the claim: stale again only a full STALE_CLAIM later.
        clock.advance(STALE_CLAIM + chrono::Duration::seconds(1));
        assert_eq!(store.expire_stale_claims().await.unwrap(), 1);
    }

    #[tokio::test]
    async fn unknown_outcomes_rest_for_the_quiet_period_on_the_injected_clock() {
        let clock =
            clock::ManualClock::new(chrono::Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap());
        let store = store(&clock).await;
        assert!(matches!(claim(&store).await, IdempotencyState::Claimed));
        store.mark_unknown("acme", "key-1").await.unwrap();
        let quiet = chrono::Duration::seconds(30);
        assert!(store.unknown_outcomes(quiet, 10).await.unwrap().is_empty());
        clock.advance(quiet + chrono::Duration::seconds(1));
        let pending = store.unknown_outcomes(quiet, 10).await.unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            pending[0].updated_at,
            timestamp(clock.now() - quiet - chrono::Duration::seconds(1))
        );
    }
}
