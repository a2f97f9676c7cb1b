use clap::{Parser, Subcommand};
use server::config::Config;
use server::startup::Application;

#[derive(Parser)]
#[command(name = "server", about = "Portail ALI")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (default).
    Serve,
    /// Fill an empty database with generated data (demo or full scale, for benchmarks).
    Seed {
        #[arg(long, default_value = "demo")]
        scale: String,
    },
    /// Print an invitation link for an allocataire (to send by SMS or letter).
    Invite {
        #[arg(long)]
        numero: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::init_tracing();
    let cli = Cli::parse();
    let config = Config::load()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(config).await?;
            app.run(shutdown_signal()).await
        }
        Command::Seed { scale } => {
            let store = app::server::store::SqlStore::connect(&config.database_url, 4)
                .await
                .map_err(anyhow::Error::msg)?;
            let scale = if scale == "full" {
                server::seed::Scale::Full
            } else {
                server::seed::Scale::Demo
            };
            let started = std::time::Instant::now();
            for line in server::seed::seed(&store, scale, chrono::Utc::now()).await? {
                println!("{line}");
            }
            println!("seeded in {:.1} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Invite { numero } => {
            use app::domain::inputs::Identifier;
            let store = app::server::store::SqlStore::connect(&config.database_url, 2)
                .await
                .map_err(anyhow::Error::msg)?;
            let st = app::server::services::AppState::new(
                std::sync::Arc::new(store),
                server::startup::settings(&config),
                app::server::services::auth::Limits::new(10, 10),
            );
            let p = st
                .store
                .find_allocataire(&Identifier::Numero(&numero))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .ok_or_else(|| anyhow::anyhow!("no such allocataire"))?;
            let token = app::server::services::auth::invite(&st, p.id, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}/i/{token}", st.settings.public_url);
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
