//! The privacy records over HTTP, on SQLite and PostgreSQL: consents, audit entries of PMS
//! operations, privacy requests (access export with a booking made through the gateway,
//! erasure after which the guest's data is nowhere in the database), the append-only audit
//! log, retention under a manual clock, the overview.

use std::sync::Arc;

use gateway::{EmbeddedSandbox, Scope, Store};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

const ADMIN: &str = "vh_test_acme_privacy_admin_0123456789ab";
const GLOBEX_ADMIN: &str = "vh_test_globex_privacy_admin_012345678";

async fn add_admins(store: &Store) {
    store
        .add_key("acme", ADMIN, &[Scope::PrivacyAdmin], &["BER".to_owned()])
        .await
        .unwrap();
    store
        .add_key(
            "globex",
            GLOBEX_ADMIN,
            &[Scope::PrivacyAdmin],
            &["ZRH".to_owned()],
        )
        .await
        .unwrap();
}

async fn post(gw: &TestGateway, path: &str, key: &str, body: &Value) -> reqwest::Response {
    gw.request(Method::POST, path, Some(key))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Every text value of every table (for "appears nowhere" checks).
async fn all_text(url: &str, schema: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(schema) = schema {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1",
        )
        .bind(schema)
        .fetch_all(&pool)
        .await
        .unwrap();
        for table in tables {
            let rows: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT row_to_json(t)::text FROM {schema}.{table} t"
            ))
            .fetch_all(&pool)
            .await
            .unwrap();
            out.push_str(&rows.join("\n"));
        }
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&pool)
                .await
                .unwrap();
        for table in tables {
            let columns: Vec<String> =
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            for column in columns {
                let values: Vec<Option<String>> =
                    sqlx::query_scalar(&format!("SELECT CAST({column} AS TEXT) FROM {table}"))
                        .fetch_all(&pool)
                        .await
                        .unwrap();
                for v in values.into_iter().flatten() {
                    out.push_str(&v);
                    out.push('\n');
                }
            }
        }
        pool.close().await;
    }
    out
}

async fn privacy_lifecycle(url: &str, schema: Option<&str>) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let store = store(url, schema).await;
    add_admins(&store).await;
    let gw = TestGateway::start(&sandbox, store).await;

    // Consents: recorded by the voice agent's key (pms:write), one event per change.
    let subject = json!({ "phone": "+49 30 123456", "email": "Ada@Example.com" });
    let consent = |state: &str, purpose: &str| {
        json!({ "subject": subject, "purpose": purpose, "state": state, "channel": "phone",
                "call_id": "call-1", "notice_version": "2026-11", "hotel": "BER" })
    };
    let granted = post(
        &gw,
        "/v1/consents",
        ACME_RW,
        &consent("granted", "call_recording"),
    )
    .await;
    assert_eq!(granted.status(), 201);
    let granted: Value = granted.json().await.unwrap();
    let pseudonym = granted["subject"].as_str().unwrap().to_owned();
    assert!(pseudonym.starts_with("sub_"), "{granted}");
    assert!(!granted.to_string().contains("example.com"), "{granted}");
    post(
        &gw,
        "/v1/consents",
        ACME_RW,
        &consent("granted", "marketing"),
    )
    .await;
    let withdrawn = post(
        &gw,
        "/v1/consents",
        ACME_RW,
        &consent("withdrawn", "call_recording"),
    )
    .await;
    assert_eq!(withdrawn.status(), 201);
    // The same subject by e-mail, normalised, and the lookup agree.
    let looked_up: Value = post(
        &gw,
        "/v1/privacy/subjects",
        ACME_RW,
        &json!({ "email": "ada@example.COM" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(looked_up["subject"], pseudonym.as_str());
    let current: Value = gw
        .get(&format!("/v1/consents/{pseudonym}"), ACME_RW)
        .await
        .json()
        .await
        .unwrap();
    let states: Vec<(String, String)> = current["consents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["purpose"].as_str().unwrap().to_owned(),
                c["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            ("call_recording".to_owned(), "withdrawn".to_owned()),
            ("marketing".to_owned(), "granted".to_owned())
        ]
    );
    // The history is for privacy admins only, and has every event.
    problem(
        gw.get(&format!("/v1/consents/{pseudonym}/history"), ACME_RW)
            .await,
        403,
        "forbidden",
    )
    .await;
    let history: Value = gw
        .get(&format!("/v1/consents/{pseudonym}/history"), ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["consents"].as_array().unwrap().len(), 3);
    // A read-only key cannot record; another tenant sees none of it.
    problem(
        post(
            &gw,
            "/v1/consents",
            ACME_RO,
            &consent("granted", "marketing"),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let other: Value = gw
        .get(&format!("/v1/consents/{pseudonym}/history"), GLOBEX_ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(other["consents"], json!([]));
    // Bad input: a clear error, nothing recorded.
    let bad = post(
        &gw,
        "/v1/consents",
        ACME_RW,
        &json!({ "subject": { "phone": "12345" }, "purpose": "marketing",
        "state": "granted", "channel": "phone", "notice_version": "v1" }),
    )
    .await;
    problem(bad, 422, "validation").await;
    problem(
        post(
            &gw,
            "/v1/consents",
            ACME_RW,
            &json!({ "subject": {}, "purpose": "marketing",
        "state": "granted", "channel": "phone", "notice_version": "v1" }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    problem(
        post(
            &gw,
            "/v1/consents",
            ACME_RW,
            &json!({ "subject": subject, "purpose": "marketing",
        "state": "granted", "channel": "phone", "notice_version": "v1", "hotel": "ZRH" }),
        )
        .await,
        404,
        "hotel_not_found",
    )
    .await;
    let unauthenticated = gw
        .request(Method::POST, "/v1/consents", None)
        .json(&consent("granted", "marketing"))
        .send()
        .await
        .unwrap();
    problem(unauthenticated, 401, "unauthorized").await;

    // Another tenant's consent for the same guest stays that tenant's business.
    let globex = post(
        &gw,
        "/v1/consents",
        GLOBEX_ADMIN,
        &json!({ "subject": subject, "purpose": "marketing",
        "state": "granted", "channel": "web", "notice_version": "g-1", "hotel": "ZRH" }),
    )
    .await;
    assert_eq!(globex.status(), 201);

    // A booking through the gateway (the guest: ada@example.com, +4930123456, Ada Lovelace).
    let booked = gw
        .book("BER", ACME_RW, "privacy-1", &booking("BER", 40, "Lovelace"))
        .await;
    assert_eq!(booked.status(), 201);
    let booked: Value = booked.json().await.unwrap();
    let reservation = booked["id"].as_str().unwrap().to_owned();
    let read = gw
        .get(
            &format!("/v1/hotels/BER/reservations/{reservation}"),
            ACME_RO,
        )
        .await;
    assert_eq!(read.status(), 200);

    // Access request: received, verified, processed; the export holds the booking.
    let request = post(
        &gw,
        "/v1/privacy/requests",
        ADMIN,
        &json!({ "kind": "access", "subject": { "email": "ada@example.com" } }),
    )
    .await;
    assert_eq!(request.status(), 201);
    let request: Value = request.json().await.unwrap();
    let id = request["id"].as_str().unwrap().to_owned();
    assert_eq!(request["status"], "received");
    assert!(!request.to_string().contains("ada@"), "{request}");
    let received =
        chrono::DateTime::parse_from_rfc3339(request["received_at"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(request["due_at"].as_str().unwrap()).unwrap();
    assert!(
        due - received <= chrono::Duration::days(30)
            && due - received >= chrono::Duration::days(28)
    );
    // Not processed before the identity is verified; no export yet.
    assert_eq!(gw.gateway.process_privacy_requests_now().await, 0);
    problem(
        gw.get(&format!("/v1/privacy/requests/{id}/export"), ADMIN)
            .await,
        409,
        "invalid_state",
    )
    .await;
    // Another tenant's admin cannot see or verify it.
    problem(
        gw.get(&format!("/v1/privacy/requests/{id}"), GLOBEX_ADMIN)
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        post(
            &gw,
            &format!("/v1/privacy/requests/{id}/verify"),
            GLOBEX_ADMIN,
            &json!({ "method": "call_back" }),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let verified = post(
        &gw,
        &format!("/v1/privacy/requests/{id}/verify"),
        ADMIN,
        &json!({ "method": "call_back" }),
    )
    .await;
    assert_eq!(verified.status(), 200);
    // Verifying twice: the state forbids it.
    problem(
        post(
            &gw,
            &format!("/v1/privacy/requests/{id}/verify"),
            ADMIN,
            &json!({ "method": "call_back" }),
        )
        .await,
        409,
        "invalid_state",
    )
    .await;
    assert_eq!(gw.gateway.process_privacy_requests_now().await, 1);
    let done: Value = gw
        .get(&format!("/v1/privacy/requests/{id}"), ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["status"], "completed", "{done}");
    let export: Value = gw
        .get(&format!("/v1/privacy/requests/{id}/export"), ADMIN)
        .await
        .json()
        .await
        .unwrap();
    let reservations = export["pms_reservations"].as_array().unwrap();
    assert!(
        reservations
            .iter()
            .any(|r| r["reservation"]["id"] == reservation.as_str()),
        "{export}"
    );
    assert!(
        export["gateway_records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reservation_id"] == reservation.as_str()),
        "{export}"
    );
    assert_eq!(export["consents"].as_array().unwrap().len(), 3, "{export}");
    let actions: Vec<&str> = export["audit_entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "consent.recorded",
        "pms.create_reservation",
        "pms.get_reservation",
        "privacy_request.received",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    // Only this tenant's entries: its three consent changes, not the other tenant's one.
    assert_eq!(
        actions.iter().filter(|a| **a == "consent.recorded").count(),
        3,
        "{actions:?}"
    );
    assert!(
        export["information"]["storage_periods"].is_array(),
        "{export}"
    );

    // The audit log: every PMS operation, consent change and request step; verifiable.
    let privacy = gw.gateway.privacy();
    let checkpoint = privacy.checkpoint().await.unwrap();
    assert!(checkpoint.seq >= 9, "{checkpoint:?}");
    let verified = privacy.verify(vec![], vec![]).await.unwrap();
    assert_eq!(verified.report.head_seq, checkpoint.seq);
    let overview: Value = gw
        .get("/v1/privacy/overview", ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["audit"]["result"], "ok", "{overview}");
    assert_eq!(overview["audit"]["checkpoint"]["seq"], checkpoint.seq);
    let marketing = overview["consents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["purpose"] == "marketing" && c["state"] == "granted")
        .unwrap();
    assert_eq!(marketing["subjects"], 1);
    problem(
        gw.get("/v1/privacy/overview", ACME_RW).await,
        403,
        "forbidden",
    )
    .await;
    let metrics = gw
        .request(Method::GET, "/metrics", None)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(&format!("audit_last_checkpoint_seq {}", checkpoint.seq)),
        "{metrics}"
    );
    assert!(metrics.contains("audit_chain_verified 1"), "{metrics}");

    // Erasure: afterwards the guest's e-mail, phone and name are nowhere in our database,
    // the chain still verifies, and the reservation is listed for the hotel to erase.
    let erasure: Value = post(&gw, "/v1/privacy/requests", ADMIN, &json!({ "kind": "erasure", "subject": { "email": "ada@example.com", "phone": "+49 30 123456" } }))
        .await
        .json()
        .await
        .unwrap();
    let erasure_id = erasure["id"].as_str().unwrap().to_owned();
    post(
        &gw,
        &format!("/v1/privacy/requests/{erasure_id}/verify"),
        ADMIN,
        &json!({ "method": "in_person" }),
    )
    .await;
    assert_eq!(gw.gateway.process_privacy_requests_now().await, 1);
    let erased: Value = gw
        .get(&format!("/v1/privacy/requests/{erasure_id}"), ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(erased["status"], "completed", "{erased}");
    assert_eq!(erased["subject"], Value::Null);
    let actions = erased["result"]["pms_action_required"].as_array().unwrap();
    assert!(
        actions
            .iter()
            .any(|a| a["reservation_id"] == reservation.as_str()),
        "{erased}"
    );
    assert!(
        erased["result"]["consents_deleted"].as_u64().unwrap() >= 3,
        "{erased}"
    );
    let text = all_text(url, schema).await.to_lowercase();
    assert!(
        text.contains("privacy_request.exported"),
        "the export's read is not audited"
    );
    // (The pseudonym stays in the other tenant's consent: its records are its own, another
    // controller's, and hold no e-mail, phone or name.)
    for needle in ["ada@example.com", "+4930123456", "4930123456", "lovelace"] {
        assert!(
            !text.contains(needle),
            "`{needle}` is still in the database"
        );
    }
    let after: Value = gw
        .get(&format!("/v1/consents/{pseudonym}/history"), ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["consents"], json!([]));
    let theirs: Value = gw
        .get(&format!("/v1/consents/{pseudonym}/history"), GLOBEX_ADMIN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs["consents"].as_array().unwrap().len(), 1, "{theirs}");
    privacy.verify(vec![], vec![]).await.unwrap();
    // The access export went with the erasure.
    problem(
        gw.get(&format!("/v1/privacy/requests/{id}/export"), ADMIN)
            .await,
        409,
        "invalid_state",
    )
    .await;
    // A replay of the booking still answers (from the PMS).
    let replay = gw
        .book("BER", ACME_RW, "privacy-1", &booking("BER", 40, "Lovelace"))
        .await;
    assert_eq!(replay.status(), 201);

    // Rejection clears the identifiers.
    let rejected: Value = post(
        &gw,
        "/v1/privacy/requests",
        ADMIN,
        &json!({ "kind": "access", "subject": { "phone": "+33 1 23 45 67 89" } }),
    )
    .await
    .json()
    .await
    .unwrap();
    let rid = rejected["id"].as_str().unwrap();
    let rejected = post(
        &gw,
        &format!("/v1/privacy/requests/{rid}/reject"),
        ADMIN,
        &json!({ "reason": "identity not confirmed" }),
    )
    .await;
    assert_eq!(rejected.status(), 200);
    assert!(!all_text(url, schema).await.contains("+33123456789"));
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_lifecycle_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("gateway-privacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("privacy.db");
    let _ = std::fs::remove_file(&db);
    privacy_lifecycle(&format!("sqlite://{}?mode=rwc", db.display()), None).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_lifecycle_on_postgres() {
    let schema = pg_schema("privacy");
    privacy_lifecycle(PG_URL, Some(&schema)).await;
    drop_schema(&schema).await;
}

/// The database itself refuses to change or remove audit entries and checkpoints.
async fn audit_log_is_append_only(store: Store, pg_schema: Option<&str>) {
    let privacy = gateway::Privacy::new(
        store.clone(),
        gateway::PrivacyKeys::random().unwrap(),
        gateway::PrivacySettings::default(),
        Arc::new(clock::SystemClock),
    );
    for i in 0..3 {
        privacy
            .audit(privacy.event("cli", "test.entry").resource(format!("r{i}")))
            .await
            .unwrap();
    }
    privacy.checkpoint().await.unwrap();
    let prefix = pg_schema.map(|s| format!("{s}.")).unwrap_or_default();
    let mut statements = vec![
        format!("UPDATE {prefix}audit_log SET outcome = 'x' WHERE seq = 2"),
        format!("DELETE FROM {prefix}audit_log WHERE seq = 3"),
        format!("DELETE FROM {prefix}audit_log"),
        format!("UPDATE {prefix}audit_checkpoints SET seq = 1"),
        format!("DELETE FROM {prefix}audit_checkpoints"),
    ];
    if pg_schema.is_some() {
        statements.push(format!("TRUNCATE {prefix}audit_log"));
        statements.push(format!("TRUNCATE {prefix}audit_checkpoints"));
    }
    for statement in statements {
        let refused = match pg_schema {
            Some(_) => {
                let pool = sqlx::PgPool::connect(PG_URL).await.unwrap();
                let r = sqlx::query(&statement).execute(&pool).await;
                pool.close().await;
                r.err()
            }
            None => store.raw_execute_for_tests(&statement).await.err(),
        };
        let message = refused
            .unwrap_or_else(|| panic!("`{statement}` was not refused"))
            .to_string();
        assert!(message.contains("append-only"), "{statement}: {message}");
    }
    let verified = privacy.verify(vec![], vec![]).await.unwrap();
    assert_eq!(
        (verified.report.entries, verified.report.checkpoints),
        (3, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_is_append_only_on_sqlite() {
    audit_log_is_append_only(Store::connect("sqlite::memory:", None).await.unwrap(), None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_is_append_only_on_postgres() {
    let schema = pg_schema("append_only");
    audit_log_is_append_only(
        Store::connect(PG_URL, Some(&schema)).await.unwrap(),
        Some(&schema),
    )
    .await;
    drop_schema(&schema).await;
}

/// Retention under a manual clock: nothing before its time, everything due after, each purge
/// in the audit log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_purges_on_time_under_a_manual_clock_on_sqlite() {
    retention_purges_on_time(store("sqlite::memory:", None).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_purges_on_time_under_a_manual_clock_on_postgres() {
    let schema = pg_schema("retention");
    retention_purges_on_time(store(PG_URL, Some(&schema)).await).await;
    drop_schema(&schema).await;
}

async fn retention_purges_on_time(store: Store) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    add_admins(&store).await;
    let clock = clock::ManualClock::new(chrono::Utc::now());
    let gw = TestGateway::start_with_clock(
        &sandbox,
        store,
        gateway::GatewaySettings::default(),
        Arc::new(clock.clone()),
    )
    .await;
    let subject = json!({ "email": "grace@example.com" });
    for state in ["granted", "withdrawn"] {
        let r = post(
            &gw,
            "/v1/consents",
            ACME_RW,
            &json!({ "subject": subject, "purpose": "marketing", "state": state,
            "channel": "web", "notice_version": "v1" }),
        )
        .await;
        assert_eq!(r.status(), 201);
        clock.advance(chrono::Duration::seconds(1));
    }
    let access: Value = post(
        &gw,
        "/v1/privacy/requests",
        ADMIN,
        &json!({ "kind": "access", "subject": subject }),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = access["id"].as_str().unwrap().to_owned();
    post(
        &gw,
        &format!("/v1/privacy/requests/{id}/verify"),
        ADMIN,
        &json!({ "method": "email_code" }),
    )
    .await;
    assert_eq!(gw.gateway.process_privacy_requests_now().await, 1);
    let count = |report: &gateway::privacy::RetentionReport, category: &str| {
        report
            .purged
            .iter()
            .find(|p| p.category.as_str() == category)
            .map(|p| p.count)
            .unwrap()
    };
    let privacy = gw.gateway.privacy();
    // 29 days: nothing is due.
    clock.advance(chrono::Duration::days(29));
    let report = privacy.run_retention("test", true).await.unwrap();
    assert!(report.purged.iter().all(|p| p.count == 0), "{report:?}");
    // 31 days: the export is due; a dry run deletes nothing.
    clock.advance(chrono::Duration::days(2));
    let dry = privacy.run_retention("test", true).await.unwrap();
    assert_eq!(count(&dry, "privacy_exports"), 1);
    assert_eq!(
        gw.get(&format!("/v1/privacy/requests/{id}/export"), ADMIN)
            .await
            .status(),
        200
    );
    let run = gw.gateway.retention_now().await.unwrap();
    assert_eq!(count(&run, "privacy_exports"), 1);
    problem(
        gw.get(&format!("/v1/privacy/requests/{id}/export"), ADMIN)
            .await,
        409,
        "invalid_state",
    )
    .await;
    // Three years on: the withdrawn consent and its history, and the closed request, go.
    clock.advance(chrono::Duration::days(1096));
    let run = gw.gateway.retention_now().await.unwrap();
    assert_eq!(count(&run, "consent_history"), 2);
    assert_eq!(count(&run, "privacy_requests"), 1);
    problem(
        gw.get(&format!("/v1/privacy/requests/{id}"), ADMIN).await,
        404,
        "not_found",
    )
    .await;
    // Each purge is in the audit log, and the chain verifies.
    let checkpoint = privacy.checkpoint().await.unwrap();
    let verified = privacy.verify(vec![], vec![]).await.unwrap();
    assert_eq!(verified.report.head_seq, checkpoint.seq);
    let again = gw.gateway.retention_now().await.unwrap();
    assert!(again.purged.iter().all(|p| p.count == 0), "{again:?}");
    sandbox.shutdown().await;
}

/// The retention policy's figure for cached PMS data bounds what the cache really keeps.
#[test]
fn cached_pms_data_retention_bounds_the_cache() {
    let ttls = pms_resilience::CacheTtls::default();
    let longest = [
        ttls.property,
        ttls.room_types,
        ttls.availability,
        ttls.offers,
    ]
    .into_iter()
    .max()
    .unwrap();
    let policy = compliance::retention::RetentionPolicy::default();
    let period = policy
        .period(compliance::retention::Category::CachedPmsData)
        .unwrap();
    assert!(
        period.to_std().unwrap() >= longest,
        "{period:?} < {longest:?}"
    );
}

/// A caller who hangs up during a cancellation does not stop it half-way: the PMS cancels and
/// the audit log records it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_who_hangs_up_still_leaves_an_audited_change() {
    let dir = std::env::temp_dir().join(format!("gateway-hangup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("hangup.db");
    let _ = std::fs::remove_file(&db);
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store(&url, None).await).await;
    let booked: Value = gw
        .book("BER", ACME_RW, "hangup-1", &booking("BER", 50, "Hopper"))
        .await
        .json()
        .await
        .unwrap();
    let id = booked["id"].as_str().unwrap().to_owned();
    sandbox
        .running()
        .faults()
        .push(apaleo_sandbox::Fault::Latency {
            delay: std::time::Duration::from_millis(800),
            times: 1,
        });
    let impatient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_millis(150))
        .build()
        .unwrap();
    let hung_up = impatient
        .post(format!(
            "{}/v1/hotels/BER/reservations/{id}/cancel",
            gw.base
        ))
        .bearer_auth(ACME_RW)
        .send()
        .await;
    assert!(hung_up.is_err(), "the client was meant to give up");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let now: Value = gw
        .get(&format!("/v1/hotels/BER/reservations/{id}"), ACME_RO)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now["status"], "canceled", "{now}");
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM audit_log WHERE action = 'pms.cancel_reservation' AND resource = ?",
    )
    .bind(&id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(audited, vec!["ok".to_owned()]);
    pool.close().await;
    sandbox.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A start refuses keys other than those the database's records were made with: a changed
/// pseudonym key always, a changed signing key unless the old one is named as rotated out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_refuses_privacy_keys_the_records_were_not_made_with() {
    let dir = std::env::temp_dir().join(format!("gateway-keychange-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("keys.db").display());
    let write = |name: &str, value: &str| {
        let path = dir.join(name);
        std::fs::write(&path, value).unwrap();
        path.display().to_string()
    };
    let pseudonym_a = write("pseudonym-a", "pseudonym-key-a-0123456789abcdef0123456789");
    let pseudonym_b = write("pseudonym-b", "pseudonym-key-b-0123456789abcdef0123456789");
    let signing_a = write("signing-a", &"0a".repeat(32));
    let signing_b = write("signing-b", &"0b".repeat(32));
    let start = |pseudonym: &str, signing: &str, previous: &str| {
        let text = format!(
            "[privacy]\npseudonym_key = \"file:{pseudonym}\"\naudit_signing_key = \"file:{signing}\"\nprevious_signing_keys = [{previous}]\n"
        );
        let overrides = gateway::ServerOverrides {
            addr: "127.0.0.1:0".parse().ok(),
            database_url: Some(url.clone()),
            ..gateway::ServerOverrides::default()
        };
        let config = gateway::ServeConfig::from_toml(&text, "keys.toml", overrides).unwrap();
        async move {
            gateway::start(
                &config,
                Some("vh_demo_key_for_the_key_test_0123456789".to_owned()),
            )
            .await
        }
    };
    let first = start(&pseudonym_a, &signing_a, "").await.unwrap();
    let old_id = first.gateway.privacy().public_key().id();
    first.gateway.privacy().checkpoint().await.unwrap();
    first.gateway.store().close().await;
    first.sandbox.unwrap().shutdown().await;

    let error = |r: Result<gateway::Started, gateway::GatewayError>| match r {
        Ok(_) => panic!("the start was not refused"),
        Err(e) => e.to_string(),
    };
    let changed = error(start(&pseudonym_b, &signing_a, "").await);
    assert!(changed.contains("the pseudonym key changed"), "{changed}");
    let changed = error(start(&pseudonym_a, &signing_b, "").await);
    assert!(
        changed.contains("the audit signing key changed") && changed.contains(&old_id),
        "{changed}"
    );
    let rotated = start(&pseudonym_a, &signing_b, &format!("\"{old_id}\""))
        .await
        .unwrap();
    // The old key's checkpoints verify with both public keys, not with the new one alone.
    let new_key = rotated.gateway.privacy().public_key();
    let old_key = compliance::audit::CheckpointSigner::from_hex(&"0a".repeat(32))
        .unwrap()
        .public_key();
    assert!(
        rotated
            .gateway
            .privacy()
            .verify(vec![], vec![new_key])
            .await
            .is_err()
    );
    rotated
        .gateway
        .privacy()
        .verify(vec![], vec![new_key, old_key])
        .await
        .unwrap();
    rotated.gateway.store().close().await;
    rotated.sandbox.unwrap().shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
