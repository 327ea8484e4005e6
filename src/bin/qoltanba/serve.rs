//! `qoltanba serve`: the HTTP service (`qoltanba::server`), NCANode's routes and the
//! library's own, with the verifier the flags build (feature `server`).

use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use crate::args::TrustArgs;
use crate::error::{self, Failure};
use crate::exit;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (e.g. 127.0.0.1:14579; port 0: any free port).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:14579")]
    pub listen: String,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_body: usize,
    /// Most requests judged at once (more wait).
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_concurrent: usize,
    /// Longest a request may take, in seconds (then 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

pub fn run(args: &ServeArgs) -> u8 {
    error::finish(false, serve(args))
}

fn serve(args: &ServeArgs) -> Result<u8, Failure> {
    let verifier = args.trust.verifier()?;
    // The service's clock is the system's: the library reads none itself.
    let config =
        qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(chrono::Utc::now))
            .max_body(args.max_body)
            .max_concurrent(args.max_concurrent)
            .request_timeout(Duration::from_secs(args.timeout));
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Failure::usage(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .map_err(|e| Failure::usage(format!("cannot listen on {}: {e}", args.listen)))?;
        let address = listener
            .local_addr()
            .map_err(|e| Failure::usage(format!("cannot listen on {}: {e}", args.listen)))?;
        // The first line a supervisor (or a test) reads: where the service listens.
        println!("listening on http://{address}");
        qoltanba::server::serve(listener, config, shutdown_signal())
            .await
            .map_err(|e| Failure::usage(format!("the service stopped: {e}")))?;
        Ok(exit::VALID)
    })
}

/// SIGTERM or Ctrl-C: stop accepting, finish the requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
