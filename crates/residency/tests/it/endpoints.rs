//! Endpoint checks: one test per status, multi-host URLs, and no credentials in any output.

use residency::{
    Endpoint, EndpointKind, HostPattern, ResidencyPolicy, ResidencyStatus, check_all,
    check_endpoint,
};

fn policy(eu_hosts: &[&str], allow_non_eu: &[&str]) -> ResidencyPolicy {
    let parse = |list: &[&str]| {
        list.iter()
            .map(|p| HostPattern::parse(p).unwrap())
            .collect::<Vec<_>>()
    };
    ResidencyPolicy::new(
        ["eu-central-1", "eu-west-1"],
        parse(eu_hosts),
        parse(allow_non_eu),
    )
    .unwrap()
}

fn status(kind: EndpointKind, url: &str, policy: &ResidencyPolicy) -> ResidencyStatus {
    check_endpoint(&Endpoint::new(kind, "gateway", url), policy).status
}

#[track_caller]
fn assert_status(url: &str, expected: ResidencyStatus, policy: &ResidencyPolicy) {
    let verdict = check_endpoint(
        &Endpoint::new(EndpointKind::Database, "gateway", url),
        policy,
    );
    assert_eq!(verdict.status, expected, "{url}: {verdict}");
    assert_eq!(verdict.is_refused(), expected.is_refused(), "{url}");
}

#[test]
fn local_endpoints() {
    let p = ResidencyPolicy::default();
    for url in [
        "sqlite::memory:",
        "sqlite://data/voicehive.db?mode=rwc",
        "sqlite:voicehive.db",
        "/var/lib/voicehive/gateway.db",
        "unix:///var/run/redis/redis.sock",
        "redis+unix:///var/run/redis.sock",
        "redis://localhost:6379/0",
        "redis://127.0.0.53:6379",
        "http://[::1]:8200",
        "postgres://app:pw@10.1.2.3:5432/voicehive",
        "postgres://app:pw@172.20.0.4/voicehive",
        "postgres://app:pw@192.168.1.10/voicehive",
        "http://169.254.169.254/latest",
        "http://[fd12:3456::1]:8200",
        "http://[fe80::1%25eth0]:8200",
        "redis://[::ffff:10.0.0.1]:6379",
        "https://vault.vault.svc:8200",
        "redis://redis-master.voicehive.svc.cluster.local:6379",
        "https://vault.corp.internal:8200",
        "postgres://app:pw@postgres/voicehive",
        "redis:6379",
        "postgres:///voicehive",
        "postgres:///voicehive?host=/var/run/postgresql",
        "postgresql://app@%2Fvar%2Frun%2Fpostgresql/voicehive",
        "postgres://app:pw@db.example.com/voicehive?hostaddr=10.0.0.5",
    ] {
        assert_status(url, ResidencyStatus::Local, &p);
    }
}

#[test]
fn eu_endpoints_by_aws_region_or_declaration() {
    let p = policy(&["api.apaleo.com", "*.vault.example.eu"], &[]);
    for url in [
        "postgres://app:pw@mydb.abc123.eu-central-1.rds.amazonaws.com:5432/voicehive",
        "https://s3.eu-west-1.amazonaws.com",
        "https://bucket.s3.eu-central-1.amazonaws.com/recordings",
        "rediss://:pw@my-redis.x1y2z3.ng.0001.euw1.cache.amazonaws.com:6379",
        "rediss://:pw@clustercfg.gw.x1y2z3.euc1.cache.amazonaws.com:6379",
        "https://vpce-0a1b2c3d-e4f5.s3.eu-central-1.vpce.amazonaws.com",
        "https://secretsmanager.eu-central-1.amazonaws.com",
        "https://api.apaleo.com/inventory/v1",
        "https://API.Apaleo.com.",
        "https://eu1.vault.example.eu:8200",
    ] {
        assert_status(url, ResidencyStatus::Eu, &p);
    }
    let verdict = check_endpoint(
        &Endpoint::new(
            EndpointKind::Database,
            "gateway",
            "postgres://app:pw@mydb.abc123.eu-central-1.rds.amazonaws.com/voicehive",
        ),
        &p,
    );
    assert_eq!(verdict.hosts[0].region.as_deref(), Some("eu-central-1"));
    assert_eq!(
        verdict.reason,
        "`mydb.abc123.eu-central-1.rds.amazonaws.com` is in AWS region eu-central-1, which is allowed"
    );
}

#[test]
fn non_eu_endpoints_by_aws_region() {
    let p = ResidencyPolicy::default();
    for url in [
        "postgres://app:pw@mydb.abc123.us-east-1.rds.amazonaws.com/voicehive",
        "https://s3.eu-west-2.amazonaws.com",
        "https://bucket.s3-eu-west-2.amazonaws.com",
        "https://s3.amazonaws.com",
        "https://bucket.s3.amazonaws.com",
        "https://sts.amazonaws.com",
        "rediss://:pw@master.gw.x1y2z3.use1.cache.amazonaws.com:6379",
        "https://s3.cn-north-1.amazonaws.com.cn",
        "https://abc.lambda-url.us-west-2.on.aws",
        "http://ip-10-0-1-2.ec2.internal:8200",
        "http://ip-10-0-1-2.us-east-2.compute.internal:8200",
    ] {
        assert_status(url, ResidencyStatus::NonEu, &p);
    }
    let verdict = check_endpoint(
        &Endpoint::new(
            EndpointKind::ObjectStorage,
            "gateway",
            "https://s3.eu-west-2.amazonaws.com",
        ),
        &p,
    );
    assert_eq!(verdict.hosts[0].region.as_deref(), Some("eu-west-2"));
    assert_eq!(
        verdict.to_string(),
        "non_eu: `s3.eu-west-2.amazonaws.com` is in AWS region eu-west-2, outside the allowed regions (eu-central-1, eu-west-1)"
    );
    let global = check_endpoint(
        &Endpoint::new(
            EndpointKind::ObjectStorage,
            "gateway",
            "https://s3.amazonaws.com",
        ),
        &p,
    );
    assert_eq!(global.hosts[0].region, None);
    assert!(global.reason.contains("served from us-east-1"), "{global}");
}

#[test]
fn eu_hosts_cannot_make_a_disallowed_aws_region_eu() {
    let p = policy(&["*.rds.amazonaws.com"], &[]);
    assert_status(
        "postgres://db.abc.us-east-1.rds.amazonaws.com/x",
        ResidencyStatus::NonEu,
        &p,
    );
}

#[test]
fn allowed_non_eu_endpoints() {
    let p = policy(
        &[],
        &["api.example-pms.com", "*.us-east-1.rds.amazonaws.com"],
    );
    assert_status(
        "https://api.example-pms.com/v2",
        ResidencyStatus::NonEuAllowed,
        &p,
    );
    assert_status(
        "postgres://app:pw@db.abc.us-east-1.rds.amazonaws.com/x",
        ResidencyStatus::NonEuAllowed,
        &p,
    );
    let verdict = check_endpoint(
        &Endpoint::new(
            EndpointKind::PmsApi,
            "hotel-1",
            "https://api.example-pms.com/v2",
        ),
        &p,
    );
    assert_eq!(
        verdict.reason,
        "`api.example-pms.com` cannot be placed in the EU, and is allowed by allow_non_eu `api.example-pms.com`"
    );
}

#[test]
fn unverified_endpoints_are_refused() {
    let p = ResidencyPolicy::default();
    for url in [
        "https://api.apaleo.com",
        "https://identity.apaleo.com/connect/token",
        "https://203.0.113.7:8200",
        "http://100.64.0.1",
        "s3://voicehive-recordings/2024",
        "https://",
        "postgres://app:pw@/db?host=",
        "",
    ] {
        let verdict = check_endpoint(&Endpoint::new(EndpointKind::PmsApi, "h", url), &p);
        let expected = if url == "postgres://app:pw@/db?host=" {
            ResidencyStatus::Local
        } else {
            ResidencyStatus::Unverified
        };
        assert_eq!(verdict.status, expected, "{url}: {verdict}");
    }
    let verdict = check_endpoint(
        &Endpoint::new(
            EndpointKind::PmsIdentity,
            "h",
            "https://identity.apaleo.com",
        ),
        &p,
    );
    assert!(verdict.is_refused());
    assert_eq!(
        verdict.reason,
        "`identity.apaleo.com` is a public host that cannot be placed in an allowed region; declare it under eu_hosts if it is in the EU, or under allow_non_eu"
    );
}

#[test]
fn every_host_of_a_multi_host_url_is_checked() {
    let p = ResidencyPolicy::default();
    let endpoint = Endpoint::new(
        EndpointKind::Database,
        "gateway",
        "postgres://app:pw@a.x.eu-central-1.rds.amazonaws.com:5432,b.x.us-east-1.rds.amazonaws.com:5432,10.0.0.9/db",
    );
    let verdict = check_endpoint(&endpoint, &p);
    assert_eq!(verdict.status, ResidencyStatus::NonEu);
    let statuses: Vec<_> = verdict.hosts.iter().map(|h| h.status).collect();
    assert_eq!(
        statuses,
        [
            ResidencyStatus::Eu,
            ResidencyStatus::NonEu,
            ResidencyStatus::Local
        ]
    );
    assert_eq!(
        verdict.host_list(),
        "a.x.eu-central-1.rds.amazonaws.com,b.x.us-east-1.rds.amazonaws.com,10.0.0.9"
    );
    assert_eq!(verdict.reason.split("; ").count(), 3);

    let eu_only =
        "postgres://app:pw@a.x.eu-central-1.rds.amazonaws.com,b.x.eu-west-1.rds.amazonaws.com/db";
    assert_eq!(
        status(EndpointKind::Database, eu_only, &p),
        ResidencyStatus::Eu
    );
    let sentinel =
        "redis+sentinel://:pw@s1.voicehive.svc:26379,sentinel.example.com:26379/mymaster";
    assert_eq!(
        status(EndpointKind::Redis, sentinel, &p),
        ResidencyStatus::Unverified
    );
    let query_hosts = "postgres://app:pw@/db?host=a.x.us-west-2.rds.amazonaws.com,10.0.0.1";
    assert_eq!(
        status(EndpointKind::Database, query_hosts, &p),
        ResidencyStatus::NonEu
    );
}

#[test]
fn no_password_path_or_query_ever_appears_in_a_verdict_or_report() {
    const SECRET: &str = "S3cr3tPa55";
    let urls = [
        format!(
            "postgres://app:{SECRET}@db.abc.us-east-1.rds.amazonaws.com:5432/{SECRET}?password={SECRET}"
        ),
        format!("postgres://app:{SECRET}@h1:5432,h2.example.com:5432/db?application_name={SECRET}"),
        format!("rediss://default:{SECRET}@cache.example.com:6380/0"),
        format!("redis://:{SECRET}@localhost:6379"),
        format!("https://{SECRET}@api.apaleo.com/{SECRET}?token={SECRET}#{SECRET}"),
        format!("postgres://app:se/{SECRET}@db.example.com/db"),
        format!("postgres://app:{SECRET}#x@db.example.com/db"),
        format!("redis://:{SECRET}:@cache.example.com"),
        format!("https://user:{SECRET}@[::1"),
        format!("sqlite://{SECRET}.db"),
    ];
    let endpoints: Vec<Endpoint> = urls
        .iter()
        .map(|u| Endpoint::new(EndpointKind::Database, "gateway", u.as_str()))
        .collect();
    let p = ResidencyPolicy::default();
    for endpoint in &endpoints {
        let verdict = check_endpoint(endpoint, &p);
        for text in [
            verdict.reason.clone(),
            verdict.to_string(),
            format!("{verdict:?}"),
            format!("{endpoint:?}"),
        ] {
            assert!(!text.contains(SECRET), "secret leaked: {text}");
        }
    }
    let report = check_all(&endpoints, &p);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains(SECRET), "secret leaked: {json}");
    assert!(!report.to_string().contains(SECRET));
    assert!(!format!("{report:?}").contains(SECRET));
    assert_eq!(
        format!("{:?}", endpoints[0]),
        "Endpoint { kind: Database, name: \"gateway\", url: <redacted> }"
    );
}

#[test]
fn kinds_and_statuses_display_as_metric_labels() {
    let kinds: Vec<String> = EndpointKind::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(
        kinds,
        [
            "pms_api",
            "pms_identity",
            "vault",
            "database",
            "redis",
            "object_storage"
        ]
    );
    let statuses: Vec<&str> = [
        ResidencyStatus::Local,
        ResidencyStatus::Eu,
        ResidencyStatus::NonEuAllowed,
        ResidencyStatus::Unverified,
        ResidencyStatus::NonEu,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    assert_eq!(
        statuses,
        ["local", "eu", "non_eu_allowed", "unverified", "non_eu"]
    );
    assert_eq!(
        serde_json::to_value(EndpointKind::ObjectStorage).unwrap(),
        "object_storage"
    );
}

#[test]
fn check_all_lists_every_endpoint_and_counts_statuses() {
    let p = policy(&["api.apaleo.com"], &["api.example-pms.com"]);
    let endpoints = [
        Endpoint::new(EndpointKind::PmsApi, "BER", "https://api.apaleo.com"),
        Endpoint::new(
            EndpointKind::PmsIdentity,
            "BER",
            "https://identity.apaleo.com",
        ),
        Endpoint::new(EndpointKind::PmsApi, "ZRH", "https://api.example-pms.com"),
        Endpoint::new(
            EndpointKind::Vault,
            "gateway",
            "https://vault.vault.svc:8200",
        ),
        Endpoint::new(
            EndpointKind::Database,
            "gateway",
            "postgres://app:pw@db.x.eu-west-1.rds.amazonaws.com/voicehive",
        ),
        Endpoint::new(EndpointKind::Redis, "gateway", "redis://redis:6379"),
        Endpoint::new(
            EndpointKind::ObjectStorage,
            "gateway",
            "https://s3.us-east-1.amazonaws.com",
        ),
    ];
    let report = check_all(&endpoints, &p);
    assert_eq!(report.entries().len(), 7);
    assert!(!report.is_clean());
    let refused: Vec<(String, &str)> = report
        .refused()
        .map(|e| (e.kind.to_string(), e.name.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            ("pms_identity".to_owned(), "BER"),
            ("object_storage".to_owned(), "gateway")
        ]
    );
    let summary = report.summary();
    assert_eq!(
        (
            summary.total,
            summary.local,
            summary.eu,
            summary.non_eu_allowed
        ),
        (7, 2, 2, 1)
    );
    assert_eq!(
        (summary.unverified, summary.non_eu, summary.refused()),
        (1, 1, 2)
    );
    assert_eq!(
        summary.to_string(),
        "7 endpoints: 2 local, 2 EU, 1 non-EU allowed, 2 refused (1 non-EU, 1 unverified)"
    );
    assert_eq!(
        report.entries()[6].to_string(),
        "object_storage gateway (s3.us-east-1.amazonaws.com): non_eu: `s3.us-east-1.amazonaws.com` is in AWS region us-east-1, outside the allowed regions (eu-central-1, eu-west-1)"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["summary"]["refused"], serde_json::Value::Null);
    assert_eq!(json["summary"]["non_eu"], 1);
    assert_eq!(json["entries"][0]["kind"], "pms_api");
    assert_eq!(json["entries"][0]["host"], "api.apaleo.com");
    assert_eq!(json["entries"][0]["verdict"]["status"], "eu");
    assert_eq!(
        json["entries"][4]["verdict"]["hosts"][0]["region"],
        "eu-west-1"
    );

    let clean = check_all(&endpoints[..1], &p);
    assert!(clean.is_clean());
    assert_eq!(clean.refused().count(), 0);
}
