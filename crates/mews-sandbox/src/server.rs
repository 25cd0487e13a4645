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

use crate::admin::SandboxAdmin;
use crate::faults::{FaultControl, RequestCounter};
use crate::state::Shared;

/// Marks a response that must not be sent: the connection is closed instead.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropMarker;

/// The error a connection is closed with when a drop fault fires.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
struct ConnectionDropped;

/// A sandbox serving on a local port.
#[derive(Debug)]
pub struct RunningMewsSandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningMewsSandbox {
    /// The platform address, e.g. `http://127.0.0.1:41234`; operations are
    /// `POST {base_url}/api/connector/v1/{resource}/{action}`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
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

    /// The request counter.
    pub fn requests(&self) -> RequestCounter {
        RequestCounter {
            shared: self.shared.clone(),
        }
    }

    /// The admin and inspection handle.
    pub fn admin(&self) -> SandboxAdmin {
        SandboxAdmin {
            shared: self.shared.clone(),
        }
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
) -> std::io::Result<RunningMewsSandbox> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (shutdown, receiver) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, router, receiver, grace));
    Ok(RunningMewsSandbox {
        addr,
        shared,
        shutdown,
        task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    grace: Duration,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, router.clone(), shutdown.clone()));
                }
                Err(error) => {
                    tracing::warn!(%error, "mews sandbox: accept failed");
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

async fn serve_connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let inner = TowerToHyperService::new(router);
    let service = service_fn(move |request: hyper::Request<Incoming>| {
        let future = inner.call(request);
        async move {
            let response = future.await.map_err(|never: Infallible| match never {})?;
            if response.extensions().get::<DropMarker>().is_some() {
                Err(ConnectionDropped)
            } else {
                Ok(response)
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
                tracing::debug!(%error, "mews sandbox: connection ended");
            }
        }
        _ = shutdown.changed() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}
