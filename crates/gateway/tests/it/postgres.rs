//! The same scenarios on the local PostgreSQL, and two gateways sharing one database.

use gateway::{EmbeddedSandbox, Store};
use serde_json::Value;

use crate::harness::*;
use crate::lifecycle::all_scenarios;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_end_to_end() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let schema = pg_schema("e2e");
    let gw = TestGateway::start(&sandbox, store(PG_URL, Some(&schema)).await).await;
    all_scenarios(&gw, "pg").await;
    drop(gw);
    drop_schema(&schema).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_idempotency() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let schema = pg_schema("replicas");
    let a = TestGateway::start(&sandbox, store(PG_URL, Some(&schema)).await).await;
    let b = TestGateway::start(&sandbox, store(PG_URL, Some(&schema)).await).await;
    let body = booking("BER", 80, "Replica");

    // Concurrent first attempts on both replicas, then a retry on each.
    let (first, second) = tokio::join!(
        a.book("BER", ACME_RW, "replica-key", &body),
        b.book("BER", ACME_RW, "replica-key", &body)
    );
    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 201);
    let first: Value = first.json().await.unwrap();
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    let retry: Value = b
        .book("BER", ACME_RW, "replica-key", &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(retry, first);
    let found: Value = a
        .get("/v1/hotels/BER/reservations?last_name=Replica", ACME_RW)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "booked once");
    drop((a, b));
    drop_schema(&schema).await;
}

/// Production databases require TLS (RDS with `rds.force_ssl`): the gateway speaks it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_connects_to_postgresql_over_tls() {
    let schema = pg_schema("tls");
    let url = format!("{PG_URL}?sslmode=require");
    let store = Store::connect(&url, Some(&schema)).await.unwrap();
    store.ping().await.unwrap();
    store.close().await;
    drop_schema(&schema).await;
}
