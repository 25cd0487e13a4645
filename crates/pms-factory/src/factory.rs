//! The factory.

use std::sync::Arc;

use clock::SharedClock;
use credentials::{CredentialMetrics, SecretStore};
use pms_capabilities::{CapabilityMatrix, narrow};
use pms_contract::{CapabilitySet, ContractGuard, SharedConnector};
use pms_http::HttpMetrics;
use pms_resilience::{BreakerRegistry, ResilienceMetrics, ResiliencePolicy, ResilientConnector};

use crate::{BuildContext, ConnectorRegistry, FactoryError, HotelConfig};

/// A hotel's connector as the factory hands it out: guarded (validation, capabilities) in
/// front of the resilient base (deadlines, retries, breaker, cache, telemetry) in front of the
/// vendor connector.
#[derive(Debug, Clone)]
pub struct HotelConnector {
    /// Our hotel id.
    pub hotel: String,
    /// The guarded connector.
    pub connector: Arc<ContractGuard>,
    /// The circuit breaker of the hotel's vendor account (shared with the account's other
    /// hotels): its state is the health the hotel's real traffic has shown.
    pub breaker: Arc<pms_resilience::CircuitBreaker>,
}

impl HotelConnector {
    /// The hotel's effective capabilities.
    pub fn capabilities(&self) -> CapabilitySet {
        self.connector.capabilities()
    }

    /// The connector as a shared trait object.
    pub fn shared(&self) -> SharedConnector {
        self.connector.clone()
    }
}

/// Builds connectors for hotels.
#[derive(Debug, Clone)]
pub struct ConnectorFactory {
    registry: ConnectorRegistry,
    matrix: CapabilityMatrix,
    context: BuildContext,
    policy: ResiliencePolicy,
    breakers: Arc<BreakerRegistry>,
    metrics: Option<ResilienceMetrics>,
}

impl ConnectorFactory {
    /// A factory over `registry` and `matrix`, giving connectors `clock`.
    pub fn new(registry: ConnectorRegistry, matrix: CapabilityMatrix, clock: SharedClock) -> Self {
        Self {
            registry,
            matrix,
            context: BuildContext::new(clock),
            policy: ResiliencePolicy::default(),
            breakers: Arc::new(BreakerRegistry::new()),
            metrics: None,
        }
    }

    /// Shares vendor rate limits across every replica using `redis`.
    #[must_use]
    pub fn with_redis(mut self, redis: redis::Client) -> Self {
        self.context = self.context.with_redis(redis);
        self
    }

    /// Reports the connectors' vendor HTTP calls and rate-limit waits
    /// (`voicehive_pms_http_*`, `voicehive_pms_rate_limit_*`) to `metrics`.
    #[must_use]
    pub fn with_http_metrics(mut self, metrics: HttpMetrics) -> Self {
        self.context = self.context.with_http_metrics(metrics);
        self
    }

    /// Reports the connectors' token refreshes (`voicehive_token_refreshes_total`) to
    /// `metrics`.
    #[must_use]
    pub fn with_credential_metrics(mut self, metrics: CredentialMetrics) -> Self {
        self.context = self.context.with_credential_metrics(metrics);
        self
    }

    /// Resolves credential references with `secrets` (default: environment and files; add a
    /// Vault with [`credentials::SecretStores::with_vault`]).
    #[must_use]
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretStore>) -> Self {
        self.context = self.context.with_secrets(secrets);
        self
    }

    /// Uses `policy` for the connectors built from now on (default: interactive).
    #[must_use]
    pub fn with_policy(mut self, policy: ResiliencePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Reports connector calls to `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: ResilienceMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The circuit breakers, one per vendor account.
    pub fn breakers(&self) -> &Arc<BreakerRegistry> {
        &self.breakers
    }

    /// The built-in registry and capability matrix.
    pub fn builtin(clock: SharedClock) -> Result<Self, FactoryError> {
        Ok(Self::new(
            ConnectorRegistry::builtin(),
            CapabilityMatrix::builtin().map_err(Box::new)?,
            clock,
        ))
    }

    /// The clock connectors get.
    pub fn clock(&self) -> &SharedClock {
        &self.context.clock
    }

    /// What the descriptors' build functions get.
    pub fn context(&self) -> &BuildContext {
        &self.context
    }

    /// The capability matrix.
    pub fn matrix(&self) -> &CapabilityMatrix {
        &self.matrix
    }

    /// The registry.
    pub fn registry(&self) -> &ConnectorRegistry {
        &self.registry
    }

    /// The capabilities `hotel` gets: the connector's, narrowed by the vendor's matrix entry
    /// (if the vendor is in the matrix), narrowed by the hotel's overrides. Overrides can only
    /// switch capabilities off.
    pub fn effective_capabilities(
        &self,
        hotel: &HotelConfig,
    ) -> Result<CapabilitySet, FactoryError> {
        let descriptor = self.descriptor(hotel)?;
        let mut offered = descriptor.capabilities;
        if let Some(entry) = self.matrix.vendor(&hotel.vendor) {
            offered = offered.intersection(entry.usable());
        }
        narrow(offered, &hotel.capabilities).map_err(|e| FactoryError::Widening {
            hotel: hotel.id.clone(),
            vendor: hotel.vendor.clone(),
            capability: e.capability,
        })
    }

    /// The descriptor of `hotel`'s vendor.
    pub(crate) fn descriptor(
        &self,
        hotel: &HotelConfig,
    ) -> Result<&crate::ConnectorDescriptor, FactoryError> {
        self.registry
            .get(&hotel.vendor)
            .ok_or_else(|| FactoryError::UnknownVendor {
                hotel: hotel.id.clone(),
                vendor: hotel.vendor.clone(),
                known: self.registry.vendors().join(", "),
            })
    }

    /// Builds the guarded connector for `hotel`.
    pub fn build(&self, hotel: &HotelConfig) -> Result<HotelConnector, FactoryError> {
        let (resilient, capabilities, breaker) = self.build_unguarded(hotel)?;
        Ok(HotelConnector {
            hotel: hotel.id.clone(),
            connector: Arc::new(ContractGuard::new(resilient, capabilities)),
            breaker,
        })
    }

    /// The resilient connector for `hotel` before the guard, with its effective capabilities
    /// and breaker. Only the golden harness of this crate sees it, to count the calls that
    /// pass the guard it puts in front again.
    pub(crate) fn build_unguarded(
        &self,
        hotel: &HotelConfig,
    ) -> Result<
        (
            SharedConnector,
            CapabilitySet,
            Arc<pms_resilience::CircuitBreaker>,
        ),
        FactoryError,
    > {
        let capabilities = self.effective_capabilities(hotel)?;
        let inner = self.build_vendor(hotel)?;
        let breaker = self
            .breakers
            .get(&hotel.account_key(), self.policy.breaker, self.clock());
        let mut resilient = ResilientConnector::new(
            inner,
            hotel.id.clone(),
            self.policy.clone(),
            self.clock().clone(),
        )
        .with_breaker(breaker.clone());
        if let Some(metrics) = &self.metrics {
            resilient = resilient.with_metrics(metrics.clone());
        }
        Ok((Arc::new(resilient), capabilities, breaker))
    }

    /// The vendor connector for `hotel` as its descriptor builds it with the factory's
    /// [`BuildContext`] (rate limiter, credentials, metrics), before the resilient base and
    /// the guard.
    pub fn build_vendor(&self, hotel: &HotelConfig) -> Result<SharedConnector, FactoryError> {
        let descriptor = self.descriptor(hotel)?;
        (descriptor.build)(hotel, &self.context).map_err(|source| FactoryError::Build {
            hotel: hotel.id.clone(),
            vendor: hotel.vendor.clone(),
            source: Box::new(source),
        })
    }
}
