//! The OAuth2 fetchers against a wiremock token endpoint.

use std::time::Duration;

use credentials::oauth2::{ClientAuth, ClientCredentials, RefreshTokenGrant, http_client};
use credentials::{CredentialError, ExposeSecret, SecretString, TokenFetcher};
use serde_json::json;
use wiremock::matchers::{body_string, body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{assert_no_secret, base64, closed_port};

const CLIENT_SECRET: &str = "s3cr3t-client-value";

fn token_url(server: &MockServer) -> String {
    format!("{}/connect/token", server.uri())
}

fn client_credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::new(
        &token_url(server),
        "voicehive-hotel-1",
        SecretString::from(CLIENT_SECRET),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap()
}

fn token_body(access_token: &str) -> serde_json::Value {
    json!({"access_token": access_token, "token_type": "Bearer", "expires_in": 3600})
}

#[tokio::test]
async fn client_credentials_sends_basic_auth_and_form_and_reads_expires_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .and(header(
            "authorization",
            format!(
                "Basic {}",
                base64(&format!("voicehive-hotel-1:{CLIENT_SECRET}"))
            )
            .as_str(),
        ))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=client_credentials&scope=reservations.read+offers.read",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("access-token-1")))
        .expect(1)
        .mount(&server)
        .await;

    let fetched = client_credentials(&server)
        .with_scope("reservations.read offers.read")
        .fetch()
        .await
        .unwrap();
    assert_eq!(fetched.access_token.expose_secret(), "access-token-1");
    assert_eq!(fetched.expires_in, Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn basic_credentials_are_url_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header(
            "authorization",
            format!(
                "Basic {}",
                base64("hotel%20client:p%40ss%3Aw%2Brd%2F%C3%A9")
            )
            .as_str(),
        ))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("t")))
        .expect(1)
        .mount(&server)
        .await;
    ClientCredentials::new(
        &token_url(&server),
        "hotel client",
        SecretString::from("p@ss:w+rd/é"),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap()
    .fetch()
    .await
    .unwrap();
}

#[tokio::test]
async fn client_credentials_in_the_request_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string(format!(
            "grant_type=client_credentials&client_id=voicehive-hotel-1&client_secret={CLIENT_SECRET}"
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "t", "token_type": "bearer", "expires_in": "120"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let fetched = client_credentials(&server)
        .with_auth(ClientAuth::RequestBody)
        .fetch()
        .await
        .unwrap();
    assert_eq!(fetched.expires_in, Some(Duration::from_secs(120)));
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_response_without_expires_in_leaves_the_lifetime_to_the_cache() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "t"})))
        .mount(&server)
        .await;
    let fetched = client_credentials(&server).fetch().await.unwrap();
    assert_eq!(fetched.expires_in, None);
}

#[tokio::test]
async fn invalid_client_is_rejected_with_the_error_code_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_client"})))
        .expect(1)
        .mount(&server)
        .await;
    let err = client_credentials(&server).fetch().await.unwrap_err();
    assert_eq!(
        err,
        CredentialError::Rejected {
            message: "invalid_client".to_owned()
        }
    );
    assert!(err.is_rejection());
}

#[tokio::test]
async fn rejection_codes_and_descriptions_are_kept_but_echoed_secrets_are_not() {
    for (status, code) in [
        (400, "invalid_grant"),
        (400, "unauthorized_client"),
        (400, "invalid_scope"),
        (401, "invalid_client"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({
                "error": code,
                "error_description": format!("client secret {CLIENT_SECRET} refused\nnext line"),
            })))
            .mount(&server)
            .await;
        let err = client_credentials(&server).fetch().await.unwrap_err();
        match &err {
            CredentialError::Rejected { message } => {
                assert_eq!(
                    message,
                    &format!("{code}: client secret [redacted] refusednext line")
                );
            }
            other => panic!("{status} {code}: {other:?}"),
        }
        assert_no_secret(&err, CLIENT_SECRET);
    }
}

#[tokio::test]
async fn a_bare_401_is_rejected() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string("<html>nope</html>"))
        .mount(&server)
        .await;
    let err = client_credentials(&server).fetch().await.unwrap_err();
    assert!(matches!(err, CredentialError::Rejected { .. }), "{err:?}");
    assert!(!err.to_string().contains("html"), "{err}");
}

#[tokio::test]
async fn server_errors_and_other_client_errors_are_unavailable() {
    for (status, body) in [
        (503, json!({})),
        (500, json!({"error": "server_error"})),
        (429, json!({})),
        (400, json!({"error": "invalid_request"})),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
        let err = client_credentials(&server).fetch().await.unwrap_err();
        assert!(
            matches!(&err, CredentialError::Unavailable { message } if message.contains(&status.to_string())),
            "{status}: {err:?}"
        );
        assert!(!err.is_rejection());
    }
}

#[tokio::test]
async fn timeouts_and_refused_connections_are_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_body("late"))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let slow = ClientCredentials::new(
        &token_url(&server),
        "voicehive-hotel-1",
        SecretString::from(CLIENT_SECRET),
        http_client(Duration::from_millis(200)).unwrap(),
    )
    .unwrap();
    let err = slow.fetch().await.unwrap_err();
    assert!(
        matches!(&err, CredentialError::Unavailable { message } if message.contains("timed out")),
        "{err:?}"
    );
    assert_no_secret(&err, CLIENT_SECRET);

    let refused = ClientCredentials::new(
        &format!("http://127.0.0.1:{}/connect/token", closed_port()),
        "voicehive-hotel-1",
        SecretString::from(CLIENT_SECRET),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap();
    let err = refused.fetch().await.unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );
    assert_no_secret(&err, CLIENT_SECRET);
}

#[tokio::test]
async fn unusable_success_responses_are_malformed_without_quoting_them() {
    let bodies = [
        ResponseTemplate::new(200).set_body_string("access_token=leaked-token-value"),
        ResponseTemplate::new(200).set_body_json(json!(["leaked-token-value"])),
        ResponseTemplate::new(200).set_body_json(json!({"token": "leaked-token-value"})),
        ResponseTemplate::new(200).set_body_json(json!({"access_token": ""})),
        ResponseTemplate::new(200)
            .set_body_json(json!({"access_token": "leaked-token-value", "token_type": "mac"})),
        ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "leaked-token-value", "expires_in": "leaked-token-value"}),
        ),
        ResponseTemplate::new(200)
            .set_body_json(json!({"access_token": "leaked-token-value", "expires_in": -5})),
    ];
    for (index, body) in bodies.into_iter().enumerate() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(body)
            .mount(&server)
            .await;
        let err = client_credentials(&server).fetch().await.unwrap_err();
        assert!(
            matches!(err, CredentialError::Malformed { .. }),
            "case {index}: {err:?}"
        );
        assert_no_secret(&err, "leaked-token-value");
    }
}

#[test]
fn token_urls_must_be_http() {
    for url in [
        "",
        "/connect/token",
        "ftp://idp/token",
        "https://u:p@idp/token",
    ] {
        let err = ClientCredentials::new(
            url,
            "id",
            SecretString::from(CLIENT_SECRET),
            reqwest::Client::new(),
        )
        .unwrap_err();
        assert!(
            matches!(err, CredentialError::Malformed { .. }),
            "{url}: {err:?}"
        );
    }
}

#[tokio::test]
async fn refresh_token_rotation_keeps_the_new_refresh_token() {
    let server = MockServer::start().await;
    let basic = format!("Basic {}", base64(&format!("voicehive:{CLIENT_SECRET}")));
    Mock::given(method("POST"))
        .and(header("authorization", basic.as_str()))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-1",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "access-1", "token_type": "Bearer", "expires_in": 300,
            "refresh_token": "refresh-2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    // No new refresh token this time: keep using refresh-2.
    Mock::given(method("POST"))
        .and(body_string(
            "grant_type=refresh_token&refresh_token=refresh-2",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("access-next")))
        .expect(2)
        .mount(&server)
        .await;

    let grant = RefreshTokenGrant::new(
        &token_url(&server),
        "voicehive",
        SecretString::from(CLIENT_SECRET),
        SecretString::from("refresh-1"),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap();
    let first = grant.fetch().await.unwrap();
    assert_eq!(first.access_token.expose_secret(), "access-1");
    assert_eq!(first.expires_in, Some(Duration::from_secs(300)));
    assert_eq!(grant.refresh_token().await.expose_secret(), "refresh-2");

    for _ in 0..2 {
        let next = grant.fetch().await.unwrap();
        assert_eq!(next.access_token.expose_secret(), "access-next");
    }
    assert_eq!(grant.refresh_token().await.expose_secret(), "refresh-2");
}

#[tokio::test]
async fn refresh_with_client_credentials_in_the_body_as_apaleo_documents() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string(format!(
            "grant_type=refresh_token&refresh_token=refresh-1&client_id=voicehive&client_secret={CLIENT_SECRET}"
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("access-1")))
        .expect(1)
        .mount(&server)
        .await;
    let grant = RefreshTokenGrant::new(
        &token_url(&server),
        "voicehive",
        SecretString::from(CLIENT_SECRET),
        SecretString::from("refresh-1"),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap()
    .with_auth(ClientAuth::RequestBody);
    grant.fetch().await.unwrap();
}

#[tokio::test]
async fn a_revoked_refresh_token_is_rejected_without_echoing_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": "refresh token refresh-revoked-123 is revoked"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let grant = RefreshTokenGrant::new(
        &token_url(&server),
        "voicehive",
        SecretString::from(CLIENT_SECRET),
        SecretString::from("refresh-revoked-123"),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap();
    let err = grant.fetch().await.unwrap_err();
    assert_eq!(
        err,
        CredentialError::Rejected {
            message: "invalid_grant: refresh token [redacted] is revoked".to_owned()
        }
    );
    // A failed refresh keeps the token it had.
    assert_eq!(
        grant.refresh_token().await.expose_secret(),
        "refresh-revoked-123"
    );
}
