use std::process::ExitCode;

fn main() -> ExitCode {
    nastavnik::limit_malloc_arenas();
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let _ = dotenvy::dotenv();
    // The console prints the chat to stdout; only warnings go to the terminal there
    // (RUST_LOG from .env is meant for the running bot).
    let console = std::env::args().nth(1).as_deref() == Some("console");
    let filter = match std::env::var("CONSOLE_LOG") {
        Ok(f) if console => tracing_subscriber::EnvFilter::new(f),
        _ if console => "warn,sqlx=warn".into(),
        _ => tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| "info,sqlx=warn".into()),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    nastavnik::cli::main().await
}
