//! The gateway's database (sqlx; SQLite embedded, PostgreSQL in production): tenants, API keys
//! and idempotency records. The SQL is portable between both; placeholders are written `?` and
//! numbered for PostgreSQL.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

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
}

fn db(operation: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
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

/// The migrations, in order: (version, description, statements).
const MIGRATIONS: &[(i64, &str, &[&str])] = &[(
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
)];

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
}

/// The gateway's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
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
        if let (Some(schema), Backend::Postgres) = (&schema, backend) {
            let setup = AnyPoolOptions::new()
                .max_connections(1)
                .connect(url)
                .await
                .map_err(db("connecting"))?;
            setup
                .execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str())
                .await
                .map_err(db("creating the schema"))?;
            setup.close().await;
        }
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
        if let (Some(schema), Backend::Postgres) = (schema, backend) {
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
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA foreign_keys = ON")
                .await
                .map_err(db("configuring SQLite"))?;
        }
        let store = Self { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// `?` placeholders as the backend wants them.
    fn sql(&self, sql: &str) -> String {
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

    async fn migrate(&self) -> Result<(), StoreError> {
        self.pool
            .execute(
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
            .fetch_optional(&self.pool)
            .await
            .map_err(db("reading migrations"))?;
            if done.is_some() {
                continue;
            }
            let mut tx = self.pool.begin().await.map_err(db("migrating"))?;
            for statement in *statements {
                tx.execute(*statement).await.map_err(db("migrating"))?;
            }
            // Another replica may have migrated concurrently; the statements are idempotent.
            sqlx::query(&self.sql(
                "INSERT INTO gateway_migrations (version, description) VALUES (?, ?) ON CONFLICT DO NOTHING",
            ))
            .bind(*version)
            .bind(*description)
            .execute(&mut *tx)
            .await
            .map_err(db("recording a migration"))?;
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
        .bind(now())
        .execute(&self.pool)
        .await
        .map_err(db("creating a tenant"))?;
        Ok(())
    }

    /// Stores an API key (only its hash) for `tenant` unless a key with that hash exists.
    /// Returns the key's id.
    pub async fn add_key(
        &self,
        tenant: &str,
        key: &str,
        scopes: &[Scope],
        hotels: &[String],
    ) -> Result<String, StoreError> {
        self.add_key_hash(tenant, &hash_key(key), scopes, hotels)
            .await
    }

    /// Stores an API key given as its hex SHA-256 unless it exists. Returns the key's id.
    pub async fn add_key_hash(
        &self,
        tenant: &str,
        hash: &str,
        scopes: &[Scope],
        hotels: &[String],
    ) -> Result<String, StoreError> {
        let id = format!("key_{}", hash.get(..16).unwrap_or(hash));
        let scopes = scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        sqlx::query(&self.sql(
            "INSERT INTO api_keys (id, tenant_id, key_hash, scopes, hotels, created_at)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(&id)
        .bind(tenant)
        .bind(hash)
        .bind(scopes)
        .bind(hotels.join(" "))
        .bind(now())
        .execute(&self.pool)
        .await
        .map_err(db("storing an API key"))?;
        Ok(id)
    }

    /// Revokes a key by id.
    pub async fn revoke_key(&self, id: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            &self.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
        )
        .bind(now())
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(db("revoking an API key"))?;
        Ok(done.rows_affected() > 0)
    }

    /// Every key, revoked ones included, oldest first: id, tenant, scopes, hotels, created and
    /// revoked times. No hashes (they are not needed to manage keys).
    pub async fn list_keys(&self) -> Result<Vec<KeyListing>, StoreError> {
        let rows: Vec<AnyRow> = sqlx::query(&self.sql(
            "SELECT id, tenant_id, scopes, hotels, created_at, revoked_at FROM api_keys
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

    /// Claims `key` for `tenant` and a request whose hash is `request_hash`, or reports what
    /// the key holds.
    pub async fn claim_idempotency(
        &self,
        tenant: &str,
        key: &str,
        request_hash: &str,
    ) -> Result<IdempotencyState, StoreError> {
        let inserted = sqlx::query(&self.sql(
            "INSERT INTO idempotency_records (tenant_id, idem_key, request_hash, created_at)
             VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(tenant)
        .bind(key)
        .bind(request_hash)
        .bind(now())
        .execute(&self.pool)
        .await
        .map_err(db("claiming an idempotency key"))?;
        if inserted.rows_affected() == 1 {
            return Ok(IdempotencyState::Claimed);
        }
        let taken_over = sqlx::query(&self.sql(
            "UPDATE idempotency_records SET created_at = ?
             WHERE tenant_id = ? AND idem_key = ? AND request_hash = ?
               AND status IS NULL AND created_at < ?",
        ))
        .bind(now())
        .bind(tenant)
        .bind(key)
        .bind(request_hash)
        .bind(timestamp(chrono::Utc::now() - STALE_CLAIM))
        .execute(&self.pool)
        .await
        .map_err(db("taking over a stale idempotency claim"))?;
        if taken_over.rows_affected() == 1 {
            return Ok(IdempotencyState::Claimed);
        }
        let row: Option<AnyRow> = sqlx::query(&self.sql(
            "SELECT request_hash, status, response FROM idempotency_records
             WHERE tenant_id = ? AND idem_key = ?",
        ))
        .bind(tenant)
        .bind(key)
        .fetch_optional(&self.pool)
        .await
        .map_err(db("reading an idempotency key"))?;
        let Some(row) = row else {
            // Released between our insert and read: the caller may retry.
            return Ok(IdempotencyState::InProgress);
        };
        let read = db("reading an idempotency key");
        let stored_hash: String = row.try_get(0).map_err(read)?;
        if stored_hash != request_hash {
            return Ok(IdempotencyState::Mismatch);
        }
        let status: Option<i64> = row.try_get(1).map_err(db("reading an idempotency key"))?;
        let body: Option<String> = row.try_get(2).map_err(db("reading an idempotency key"))?;
        Ok(match (status, body) {
            (Some(status), Some(body)) => IdempotencyState::Done {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            _ => IdempotencyState::InProgress,
        })
    }

    /// Records the outcome of a claimed key.
    pub async fn complete_idempotency(
        &self,
        tenant: &str,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(&self.sql(
            "UPDATE idempotency_records SET status = ?, response = ?
             WHERE tenant_id = ? AND idem_key = ?",
        ))
        .bind(i64::from(status))
        .bind(body)
        .bind(tenant)
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db("completing an idempotency key"))?;
        Ok(())
    }

    /// Releases a claimed key whose outcome should not be replayed (e.g. the PMS was
    /// unavailable), so that a retry runs again.
    pub async fn release_idempotency(&self, tenant: &str, key: &str) -> Result<(), StoreError> {
        sqlx::query(&self.sql(
            "DELETE FROM idempotency_records WHERE tenant_id = ? AND idem_key = ? AND status IS NULL",
        ))
        .bind(tenant)
        .bind(key)
        .execute(&self.pool)
        .await
        .map_err(db("releasing an idempotency key"))?;
        Ok(())
    }

    /// Forgets every idempotency record of `tenant` (e.g. when its PMS state was reset).
    pub async fn clear_idempotency(&self, tenant: &str) -> Result<(), StoreError> {
        sqlx::query(&self.sql("DELETE FROM idempotency_records WHERE tenant_id = ?"))
            .bind(tenant)
            .execute(&self.pool)
            .await
            .map_err(db("clearing idempotency records"))?;
        Ok(())
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Claims older than this whose request never completed (a crashed replica) are taken over.
const STALE_CLAIM: chrono::Duration = chrono::Duration::seconds(120);

fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    // Fixed width, so that text comparison orders timestamps.
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
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
}

fn now() -> String {
    timestamp(chrono::Utc::now())
}
