//! `voicehive sandbox`: run a vendor simulator.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    vendor: Vendor,
}

#[derive(Debug, clap::Subcommand)]
enum Vendor {
    /// The offline Apaleo simulator: Apaleo's wire format, seeded hotels BER (EUR) and ZRH
    /// (CHF), client `voicehive-sandbox` / `sandbox-secret`, fault injection at `/_sandbox/faults`.
    Apaleo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8090")]
        addr: SocketAddr,
        /// Seed for ids, tokens and tracking ids (same seed, same answers).
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// The offline Mews simulator: the Connector API's wire format, enterprises Berlin (EUR,
    /// gross prices) and Zurich (CHF, net prices), client token `VoiceHiveSandbox-ClientToken`,
    /// access tokens `VoiceHiveSandbox-AccessToken-Berlin` / `-Zurich`, fault injection at
    /// `/_sandbox/faults`.
    Mews {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8091")]
        addr: SocketAddr,
    },
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.vendor {
        Vendor::Apaleo { addr, seed } => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            let config = apaleo_sandbox::SandboxConfig {
                seed: *seed,
                ..apaleo_sandbox::SandboxConfig::default()
            };
            runtime
                .block_on(apaleo_sandbox::serve(config, *addr))
                .with_context(|| format!("serving the Apaleo sandbox on {addr}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Vendor::Mews { addr } => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            runtime
                .block_on(mews_sandbox::serve(
                    mews_sandbox::MewsSandboxConfig::default(),
                    *addr,
                ))
                .with_context(|| format!("serving the Mews sandbox on {addr}"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
