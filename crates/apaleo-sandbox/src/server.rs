//! The sandbox's own HTTP/1 server: one task per connection, request-level connection drops,
//! shutdown.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::api::{PathClass, classify};
use crate::faults::{FaultControl, RequestFault, SandboxStats};
use crate::state::Shared;

/// The error a connection is closed with when a `DropConnection` fault fires.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
struct ConnectionDropped;

/// A sandbox serving on a local port.
#[derive(Debug)]
pub struct RunningSandbox {
    pub(crate) addr: SocketAddr,
    pub(crate) shared: Arc<Shared>,
    pub(crate) shutdown: watch::Sender<bool>,
    pub(crate) task: JoinHandle<()>,
}

impl RunningSandbox {
    /// The API base URL, e.g. `http://127.0.0.1:41234`; API paths (`/inventory/v1/...`,
    /// `/booking/v1/...`) go under it.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The identity base URL (the same server); the token endpoint is
    /// `{identity_url}/connect/token`.
    pub fn identity_url(&self) -> String {
        self.base_url()
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The fault-injection handle.
    pub fn faults(&self) -> FaultControl {
        FaultControl {
            shared: self.shared.clone(),
        }
    }

    /// The counters handle.
    pub fn stats(&self) -> SandboxStats {
        SandboxStats {
            shared: self.shared.clone(),
        }
    }

    /// The default client's id.
    pub fn client_id(&self) -> &str {
        &self.shared.default_client.0
    }

    /// The default client's secret.
    pub fn client_secret(&self) -> &str {
        &self.shared.default_client.1
    }

    /// Stops accepting, closes every connection (in-flight requests are abandoned) and waits for
    /// the server task.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// Binds `addr` and spawns the accept loop.
pub(crate) async fn spawn(
    router: Router,
    shared: Arc<Shared>,
    addr: SocketAddr,
    grace: Duration,
) -> std::io::Result<RunningSandbox> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (shutdown, receiver) = watch::channel(false);
    let task = tokio::spawn(accept_loop(
        listener,
        router,
        shared.clone(),
        receiver,
        grace,
    ));
    Ok(RunningSandbox {
        addr,
        shared,
        shutdown,
        task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
    grace: Duration,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(
                        stream,
                        router.clone(),
                        shared.clone(),
                        shutdown.clone(),
                    ));
                }
                Err(error) => {
                    tracing::warn!(%error, "apaleo sandbox: accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = shutdown.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    if !grace.is_zero() {
        let _ = tokio::time::timeout(grace, async {
            while connections.join_next().await.is_some() {}
        })
        .await;
    }
    connections.shutdown().await;
}

async fn serve_connection(
    stream: TcpStream,
    router: Router,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let inner = TowerToHyperService::new(router);
    let service = service_fn(move |request: hyper::Request<Incoming>| {
        let drop_it = classify(request.uri().path()) == PathClass::Api
            && shared.faults().next_request_fault(true) == Some(RequestFault::Drop);
        let response = if drop_it {
            shared.count_api_request();
            None
        } else {
            Some(inner.call(request))
        };
        async move {
            match response {
                None => Err(ConnectionDropped),
                Some(future) => future.await.map_err(|never: Infallible| match never {}),
            }
        }
    });
    let connection = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%error, "apaleo sandbox: connection ended");
            }
        }
        _ = shutdown.changed() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}
