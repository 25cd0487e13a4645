//! `TokenCache` driving the OAuth2 fetchers against wiremock and slow or failing test
//! fetchers, under tokio's paused time with a `TokioClock`, so expiry and back-off are exact
//! and instant; and what happens to a refresh whose caller goes away.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use clock::TokioClock;
use credentials::oauth2::{ClientCredentials, RefreshTokenGrant};
use credentials::{
    CredentialError, ExposeSecret, FetchedToken, RefreshPolicy, SecretString, TokenCache,
    TokenFetcher,
};
use serde_json::json;
use tokio::task::JoinSet;
use wiremock::matchers::{body_string, method, path};
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

/// A provider that takes `delay` (tokio time) to hand out `token-N`, counting its fetches.
#[derive(Debug)]
struct SlowProvider {
    delay: Duration,
    fetches: std::sync::atomic::AtomicUsize,
    finished: std::sync::atomic::AtomicUsize,
}

impl SlowProvider {
    fn new(delay: Duration) -> Arc<Self> {
        Arc::new(Self {
            delay,
            fetches: 0.into(),
            finished: 0.into(),
        })
    }

    fn fetches(&self) -> usize {
        self.fetches.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn finished(&self) -> usize {
        self.finished.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl TokenFetcher for SlowProvider {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        let n = self
            .fetches
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        tokio::time::sleep(self.delay).await;
        self.finished
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(FetchedToken {
            access_token: SecretString::from(format!("token-{n}")),
            expires_in: Some(Duration::from_secs(3600)),
        })
    }
}

fn slow_cache(provider: &Arc<SlowProvider>) -> TokenCache {
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    TokenCache::new("apaleo", provider.clone(), Arc::new(clock), policy())
}

#[tokio::test(start_paused = true)]
async fn a_refresh_outlives_its_cancelled_caller_and_serves_the_next_one() {
    let provider = SlowProvider::new(Duration::from_secs(2));
    let cache = slow_cache(&provider);

    let cancelled = tokio::time::timeout(Duration::from_millis(100), cache.token()).await;
    assert!(cancelled.is_err(), "the caller gave up after 100 ms");
    assert_eq!(provider.fetches(), 1);
    assert_eq!(provider.finished(), 0, "the provider is still working");

    // Nobody waits now; the refresh goes on by itself.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(provider.finished(), 1, "the fetch was not aborted");

    let token = cache.token().await.unwrap();
    assert_eq!(token.secret().expose_secret(), "token-1");
    assert_eq!(token.generation(), 1);
    assert_eq!(provider.fetches(), 1, "no second fetch");
}

#[tokio::test(start_paused = true)]
async fn callers_with_short_deadlines_get_a_token_from_a_slower_provider() {
    // The provider takes 2.5 s, every caller waits at most 1 s: with the refresh in a caller's
    // future, each caller would abort it and start over, and no caller would ever get a token.
    let provider = SlowProvider::new(Duration::from_millis(2500));
    let cache = slow_cache(&provider);
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        outcomes.push(tokio::time::timeout(Duration::from_secs(1), cache.token()).await);
    }
    assert!(outcomes[0].is_err() && outcomes[1].is_err(), "{outcomes:?}");
    let token = outcomes.pop().unwrap().unwrap().unwrap();
    assert_eq!(token.secret().expose_secret(), "token-1");
    assert_eq!(
        provider.fetches(),
        1,
        "later callers joined the one refresh"
    );
}

#[tokio::test(start_paused = true)]
async fn a_refresh_after_a_rejection_outlives_its_cancelled_caller() {
    let provider = SlowProvider::new(Duration::from_secs(2));
    let cache = slow_cache(&provider);
    let rejected = cache.token().await.unwrap();
    assert_eq!(rejected.generation(), 1);

    let cancelled = tokio::time::timeout(
        Duration::from_millis(100),
        cache.refresh_rejected(&rejected),
    )
    .await;
    assert!(cancelled.is_err());
    // The refused token is not handed out any more: this caller joins the refresh in flight.
    let token = cache.token().await.unwrap();
    assert_eq!(token.generation(), 2);
    assert_eq!(token.secret().expose_secret(), "token-2");
    assert_eq!(provider.fetches(), 2, "one refresh after the rejection");
}

/// Answers with `response` and tells `received` that a request came in.
struct Signalling {
    response: ResponseTemplate,
    received: Arc<tokio::sync::Notify>,
}

impl wiremock::Respond for Signalling {
    fn respond(&self, _request: &wiremock::Request) -> ResponseTemplate {
        self.received.notify_one();
        self.response.clone()
    }
}

#[tokio::test(start_paused = true)]
async fn a_rotated_refresh_token_survives_a_cancelled_caller() {
    let server = MockServer::start().await;
    let received = Arc::new(tokio::sync::Notify::new());
    // The provider rotates refresh-1 into refresh-2 and answers after 300 ms (real time: the
    // mock server runs on its own thread). Once used, refresh-1 is spent.
    Mock::given(method("POST"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-1",
        ))
        .respond_with(Signalling {
            response: ResponseTemplate::new(200)
                .set_body_json(json!({
                    "access_token": "access-1", "token_type": "Bearer", "expires_in": 3600,
                    "refresh_token": "refresh-2"
                }))
                .set_delay(Duration::from_millis(300)),
            received: received.clone(),
        })
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-1",
        ))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
        .expect(0)
        .mount(&server)
        .await;
    let grant = Arc::new(
        RefreshTokenGrant::new(
            &format!("{}/connect/token", server.uri()),
            "voicehive",
            SecretString::from("s3cr3t-client-value"),
            SecretString::from("refresh-1"),
            paused_time_http(),
        )
        .unwrap(),
    );
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let cache = TokenCache::new("apaleo", grant.clone(), Arc::new(clock), policy());

    // The caller goes away once the provider has the request (and has spent refresh-1), before
    // the answer carrying refresh-2 arrives.
    tokio::select! {
        outcome = cache.token() => panic!("the provider answered too early: {outcome:?}"),
        () = received.notified() => {}
    }

    // Waits for the refresh in progress, which kept the rotated token.
    assert_eq!(grant.refresh_token().await.expose_secret(), "refresh-2");
    let token = cache.token().await.unwrap();
    assert_eq!(token.secret().expose_secret(), "access-1");
    assert_eq!(token.generation(), 1);
    assert_eq!(requests(&server).await, 1, "no second token request");
    server.verify().await;
}

/// Panics on its first fetch, then hands out `token-N`.
#[derive(Debug, Default)]
struct PanicsOnce {
    fetches: std::sync::atomic::AtomicUsize,
}

impl PanicsOnce {
    /// One that has already had its panic.
    fn after_its_panic() -> Self {
        Self { fetches: 1.into() }
    }
}

#[async_trait::async_trait]
impl TokenFetcher for PanicsOnce {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        let n = self
            .fetches
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        assert!(n > 1, "the provider's client blew up");
        Ok(FetchedToken {
            access_token: SecretString::from(format!("token-{n}")),
            expires_in: None,
        })
    }
}

#[tokio::test(start_paused = true)]
async fn a_refresh_that_dies_is_reported_and_the_next_caller_starts_another() {
    let provider = Arc::new(PanicsOnce::default());
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let cache = TokenCache::new("apaleo", provider.clone(), Arc::new(clock), policy());
    let err = cache.token().await.unwrap_err();
    assert!(
        matches!(&err, CredentialError::Unavailable { message } if message.contains("without a result")),
        "{err:?}"
    );
    let token = cache.token().await.unwrap();
    assert_eq!(token.secret().expose_secret(), "token-2");
    assert_eq!(token.generation(), 1);
}

/// Drives `future` on this thread without any async runtime.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::task::Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}

#[test]
fn outside_a_tokio_runtime_the_caller_runs_the_refresh() {
    let provider = Arc::new(PanicsOnce::after_its_panic());
    let clock = clock::ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let cache = TokenCache::new("apaleo", provider.clone(), Arc::new(clock), policy());
    let token = block_on(cache.token()).unwrap();
    assert_eq!(token.secret().expose_secret(), "token-2");
    let again = block_on(cache.token()).unwrap();
    assert_eq!(again.generation(), 1, "served from the cache");
    assert_eq!(
        provider.fetches.load(std::sync::atomic::Ordering::SeqCst),
        2
    );
}

#[test]
fn a_refresh_whose_runtime_shut_down_before_it_ran_is_started_again() {
    let provider = Arc::new(PanicsOnce::after_its_panic());
    let clock = clock::ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let cache = TokenCache::new("apaleo", provider.clone(), Arc::new(clock), policy());

    let first = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    first.block_on(async {
        let mut call = std::pin::pin!(cache.token());
        // One poll spawns the refresh; this runtime never gets to run it.
        let polled =
            std::future::poll_fn(|cx| std::task::Poll::Ready(call.as_mut().poll(cx))).await;
        assert!(polled.is_pending());
    });
    drop(first);

    let second = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let token = second.block_on(cache.token()).unwrap();
    assert_eq!(token.secret().expose_secret(), "token-2");
    assert_eq!(
        provider.fetches.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "the dropped refresh never asked the provider"
    );
}
