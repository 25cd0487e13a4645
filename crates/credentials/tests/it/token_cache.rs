//! `TokenCache` driving the OAuth2 client credentials fetcher against wiremock, under tokio's
//! paused time with a `TokioClock`, so expiry and back-off are exact and instant.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use clock::TokioClock;
use credentials::oauth2::ClientCredentials;
use credentials::{CredentialError, ExposeSecret, RefreshPolicy, SecretString, TokenCache};
use serde_json::json;
use tokio::task::JoinSet;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::paused_time_http;

fn policy() -> RefreshPolicy {
    RefreshPolicy {
        margin: Duration::from_secs(60),
        default_lifetime: Duration::from_secs(3600),
        backoff_initial: Duration::from_secs(1),
        backoff_max: Duration::from_secs(60),
    }
}

fn cache(server: &MockServer) -> TokenCache {
    let fetcher = ClientCredentials::new(
        &format!("{}/connect/token", server.uri()),
        "voicehive-hotel-1",
        SecretString::from("s3cr3t-client-value"),
        paused_time_http(),
    )
    .unwrap();
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    TokenCache::new("apaleo", Arc::new(fetcher), Arc::new(clock), policy())
}

fn token_response(expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": "access-token", "token_type": "Bearer", "expires_in": expires_in
    }))
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test(start_paused = true)]
async fn twenty_concurrent_callers_cause_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .respond_with(token_response(3600).set_delay(Duration::from_millis(50)))
        .expect(1)
        .mount(&server)
        .await;
    let cache = cache(&server);

    let mut callers = JoinSet::new();
    for _ in 0..20 {
        let cache = cache.clone();
        callers.spawn(async move { cache.token().await });
    }
    let tokens = callers.join_all().await;
    assert_eq!(tokens.len(), 20);
    for token in tokens {
        let token = token.unwrap();
        assert_eq!(token.generation(), 1);
        assert_eq!(token.secret().expose_secret(), "access-token");
    }
    server.verify().await;
}

#[tokio::test(start_paused = true)]
async fn a_token_is_refreshed_margin_before_expiry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(token_response(3600))
        .expect(2)
        .mount(&server)
        .await;
    let cache = cache(&server);

    assert_eq!(cache.token().await.unwrap().generation(), 1);
    // 3539 s in, the token has 61 s left: more than the 60 s margin.
    tokio::time::advance(Duration::from_secs(3539)).await;
    assert_eq!(cache.token().await.unwrap().generation(), 1);
    assert_eq!(requests(&server).await, 1);
    // At exactly 60 s before expiry it is refreshed.
    tokio::time::advance(Duration::from_secs(1)).await;
    assert_eq!(cache.token().await.unwrap().generation(), 2);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn after_a_failure_the_cache_backs_off_without_calling_the_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(token_response(3600))
        .expect(1)
        .mount(&server)
        .await;
    let cache = cache(&server);

    let err = cache.token().await.unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );
    assert_eq!(requests(&server).await, 1);

    // Backed off for 1 s: no request.
    let err = cache.token().await.unwrap_err();
    assert!(
        matches!(&err, CredentialError::BackedOff { retry_in, last_error, after_rejection: false }
            if *retry_in == Duration::from_secs(1) && last_error.contains("503")),
        "{err:?}"
    );
    tokio::time::advance(Duration::from_millis(999)).await;
    let err = cache.token().await.unwrap_err();
    assert!(
        matches!(&err, CredentialError::BackedOff { retry_in, .. } if *retry_in == Duration::from_millis(1)),
        "{err:?}"
    );
    assert_eq!(requests(&server).await, 1);

    // The back-off passed: one more attempt, which fails again and doubles the wait to 2 s.
    tokio::time::advance(Duration::from_millis(1)).await;
    let err = cache.token().await.unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );
    assert_eq!(requests(&server).await, 2);
    tokio::time::advance(Duration::from_secs(1)).await;
    let err = cache.token().await.unwrap_err();
    assert!(matches!(err, CredentialError::BackedOff { .. }), "{err:?}");
    assert_eq!(requests(&server).await, 2);

    // After 2 s the endpoint is asked again and has recovered.
    tokio::time::advance(Duration::from_secs(1)).await;
    let token = cache.token().await.unwrap();
    assert_eq!(token.generation(), 1);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn refresh_rejected_refreshes_once_for_many_concurrent_callers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(token_response(3600).set_delay(Duration::from_millis(20)))
        .expect(2)
        .mount(&server)
        .await;
    let cache = cache(&server);
    let rejected = cache.token().await.unwrap();
    assert_eq!(rejected.generation(), 1);

    let mut callers = JoinSet::new();
    for _ in 0..20 {
        let cache = cache.clone();
        let rejected = rejected.clone();
        callers.spawn(async move { cache.refresh_rejected(&rejected).await });
    }
    for token in callers.join_all().await {
        assert_eq!(token.unwrap().generation(), 2);
    }
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn a_token_shorter_lived_than_twice_the_margin_is_refreshed_at_half_life() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .respond_with(token_response(40))
        .mount(&server)
        .await;
    let cache = cache(&server);
    cache.token().await.unwrap();
    cache.token().await.unwrap();
    assert_eq!(
        requests(&server).await,
        1,
        "usable although it lives less than the 60 s margin"
    );
    tokio::time::advance(Duration::from_secs(19)).await;
    cache.token().await.unwrap();
    assert_eq!(requests(&server).await, 1);
    tokio::time::advance(Duration::from_secs(2)).await;
    cache.token().await.unwrap();
    assert_eq!(
        requests(&server).await,
        2,
        "refreshed after half of its 40 s"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_early_refresh_keeps_serving_the_unexpired_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .respond_with(token_response(3600))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let cache = cache(&server);
    let first = cache.token().await.unwrap();
    // Inside the margin: a refresh is due, the provider fails, the token is still valid.
    tokio::time::advance(Duration::from_secs(3600 - 30)).await;
    let served = cache.token().await.unwrap();
    assert_eq!(served.generation(), first.generation());
    assert_eq!(requests(&server).await, 2);
    // Once it has expired, the failure shows.
    tokio::time::advance(Duration::from_secs(31)).await;
    assert!(cache.token().await.is_err());
}
