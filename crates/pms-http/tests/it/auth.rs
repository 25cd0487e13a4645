//! Authorization, the one re-authorization after a 401, and credential failures.

use std::sync::Arc;

use credentials::CredentialError;
use pms_http::{ErrorKind, HttpMetrics, Operation, Unlimited, VendorRequest};
use serde_json::json;
use tokio::task::JoinSet;
use wiremock::matchers::{header, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    API_KEY, CountingAuth, CountingFetcher, VENDOR, api_key_auth, bearer_auth, client_with, config,
    received, system_clock,
};

fn request() -> VendorRequest {
    VendorRequest::get(Operation::GetReservation, "/booking/v1/reservations/{id}")
        .path_param("id", "RES-1")
}

async fn mount(server: &MockServer, token: &str, status: u16, times: u64) {
    Mock::given(path("/booking/v1/reservations/RES-1"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(status).set_body_json(json!({ "id": "RES-1" })))
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_api_key_header_is_sent() {
    let server = MockServer::start().await;
    Mock::given(path("/booking/v1/reservations/RES-1"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "RES-1" })))
        .expect(1)
        .mount(&server)
        .await;
    let auth = api_key_auth();
    let client = client_with(
        config(&server),
        auth.clone(),
        Arc::new(Unlimited),
        system_clock(),
    );
    client.send(&request()).await.unwrap();
    assert_eq!(auth.authorizations(), 1);
    assert_eq!(auth.reauthorizations(), 0);
}

#[tokio::test]
async fn a_401_then_200_reauthorizes_exactly_once() {
    let server = MockServer::start().await;
    mount(&server, "token-1", 401, 1).await;
    mount(&server, "token-2", 200, 1).await;
    let fetcher = Arc::new(CountingFetcher::default());
    let auth = Arc::new(CountingAuth::new(Arc::new(bearer_auth(fetcher.clone()))));
    let registry = prometheus::Registry::new();
    let metrics = HttpMetrics::register(&registry).unwrap();
    let client = client_with(
        config(&server),
        auth.clone(),
        Arc::new(Unlimited),
        system_clock(),
    )
    .with_metrics(metrics.clone());

    let response = client.send(&request()).await.unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(auth.reauthorizations(), 1);
    assert_eq!(fetcher.fetches(), 2);
    assert_eq!(received(&server).await, 2);
    assert_eq!(metrics.auth_refreshes(VENDOR, "refreshed"), 1);
    assert_eq!(metrics.requests(VENDOR, "get_reservation", "4xx"), 1);
    assert_eq!(metrics.requests(VENDOR, "get_reservation", "2xx"), 1);
}

#[tokio::test]
async fn a_second_401_is_an_authentication_error_after_exactly_two_requests() {
    let server = MockServer::start().await;
    mount(&server, "token-1", 401, 1).await;
    mount(&server, "token-2", 401, 1).await;
    let fetcher = Arc::new(CountingFetcher::default());
    let auth = Arc::new(CountingAuth::new(Arc::new(bearer_auth(fetcher.clone()))));
    let client = client_with(
        config(&server),
        auth.clone(),
        Arc::new(Unlimited),
        system_clock(),
    );

    let err = client.send(&request()).await.unwrap_err();

    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert_eq!(err.context().http_status, Some(401));
    assert_eq!(auth.reauthorizations(), 1);
    assert_eq!(fetcher.fetches(), 2);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn a_static_api_key_rejected_with_401_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/booking/v1/reservations/RES-1"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let auth = api_key_auth();
    let registry = prometheus::Registry::new();
    let metrics = HttpMetrics::register(&registry).unwrap();
    let client = client_with(
        config(&server),
        auth.clone(),
        Arc::new(Unlimited),
        system_clock(),
    )
    .with_metrics(metrics.clone());

    let err = client.send(&request()).await.unwrap_err();

    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert_eq!(err.context().http_status, Some(401));
    assert_eq!(auth.reauthorizations(), 1);
    assert_eq!(received(&server).await, 1);
    assert_eq!(metrics.auth_refreshes(VENDOR, "none"), 1);
    assert_eq!(metrics.auth_refreshes(VENDOR, "refreshed"), 0);
}

#[tokio::test]
async fn rejected_credentials_are_authentication_errors_without_a_request() {
    let server = MockServer::start().await;
    let fetcher = Arc::new(CountingFetcher::failing(CredentialError::Rejected {
        message: "invalid_client".into(),
    }));
    let client = client_with(
        config(&server),
        Arc::new(bearer_auth(fetcher.clone())),
        Arc::new(Unlimited),
        system_clock(),
    );
    let err = client.send(&request()).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert_eq!(err.message(), "credentials rejected: invalid_client");
    assert_eq!(err.context().vendor.as_deref(), Some(VENDOR));
    assert_eq!(err.context().operation, Some(Operation::GetReservation));
    assert_eq!(fetcher.fetches(), 1);
    assert_eq!(received(&server).await, 0);
}

#[tokio::test]
async fn an_unavailable_identity_provider_is_unavailable_without_a_request() {
    let server = MockServer::start().await;
    let fetcher = Arc::new(CountingFetcher::failing(CredentialError::Unavailable {
        message: "identity provider answered 503".into(),
    }));
    let client = client_with(
        config(&server),
        Arc::new(bearer_auth(fetcher.clone())),
        Arc::new(Unlimited),
        system_clock(),
    );
    let err = client.send(&request()).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert!(err.is_retryable());
    assert_eq!(fetcher.fetches(), 1);
    assert_eq!(received(&server).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_concurrent_401s_cause_exactly_one_extra_token_fetch() {
    const CALLS: usize = 10;
    let server = MockServer::start().await;
    mount(&server, "token-1", 401, CALLS as u64).await;
    mount(&server, "token-2", 200, CALLS as u64).await;
    let fetcher = Arc::new(CountingFetcher::default());
    // The barrier holds every call until all ten have their first authorization, so all ten
    // go out with token-1 and get the 401.
    let auth =
        Arc::new(CountingAuth::new(Arc::new(bearer_auth(fetcher.clone()))).with_barrier(CALLS));
    let client = client_with(
        config(&server),
        auth.clone(),
        Arc::new(Unlimited),
        system_clock(),
    );

    let mut calls = JoinSet::new();
    for _ in 0..CALLS {
        let client = client.clone();
        calls.spawn(async move { client.send(&request()).await });
    }
    let mut ok = 0;
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.unwrap().unwrap().status().as_u16(), 200);
        ok += 1;
    }

    assert_eq!(ok, CALLS);
    assert_eq!(
        fetcher.fetches(),
        2,
        "one initial fetch and exactly one extra"
    );
    assert_eq!(auth.authorizations(), CALLS);
    assert_eq!(auth.reauthorizations(), CALLS);
    assert_eq!(received(&server).await, 2 * CALLS);
}
