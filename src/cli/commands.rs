//! The bodies of `export`, `plan` and `apply`: the same live reading, planning and applying as
//! the UI's server functions (`crate::server::iac`), run in this process.

use super::{connect, progress::Progress, ApplyArgs, ExportArgs, FileArgs, PlanArgs};
use super::{CHANGES, ERROR, OK};
use crate::config::Config;
use crate::iac::plan::Plan;
use crate::iac::problem::Problem;
use crate::iac::render;
use crate::quay::ids::Namespace;
use crate::server::iac::live::Target;
use crate::server::iac::planning::{review, Review};
use std::io::Write;

fn fail(message: impl std::fmt::Display) -> i32 {
    eprintln!("robot-console: {message}");
    ERROR
}

async fn target(config: &Config, namespace: &str) -> Result<Target, String> {
    let ns = Namespace::parse(namespace).map_err(|e| e.message)?;
    let (url, token) = connect::endpoint(config)?;
    let quay = connect::client(config, &url);
    Target::connect(quay, token, ns)
        .await
        .map_err(|e| format!("{url}: {}", e.message))
}

pub async fn export(config: &Config, a: &ExportArgs, out: &mut dyn Write) -> i32 {
    let t = match target(config, &a.namespace).await {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let live = match crate::server::iac::live::read(&t, config.concurrency).await {
        Ok(l) => l,
        Err(e) => return fail(e.message),
    };
    for w in &live.warnings {
        eprintln!("warning: {w}");
    }
    let text = if a.json {
        crate::iac::export::to_json(&live.file)
    } else {
        crate::iac::export::to_yaml(&live.file)
    };
    match &a.output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => OK,
            Err(e) => fail(format!("cannot write {}: {e}", path.display())),
        },
        None => match out.write_all(text.as_bytes()) {
            Ok(()) => OK,
            Err(e) => fail(e),
        },
    }
}

fn read_file(f: &FileArgs) -> Result<(String, String), String> {
    if f.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(("<stdin>".into(), s));
    }
    let name = f.file.display().to_string();
    std::fs::read_to_string(&f.file)
        .map(|s| (name.clone(), s))
        .map_err(|e| format!("cannot read {name}: {e}"))
}

/// `robots.yaml:12:7: robots[1].name: …`, the way compilers and editors point at a place.
fn print_problems(file: &str, problems: &[Problem]) {
    for p in problems {
        if p.line > 0 {
            eprintln!("{file}:{}:{}: {}", p.line, p.column, p.what());
        } else {
            eprintln!("{file}: {}", p.what());
        }
    }
    eprintln!(
        "robot-console: {file} has {} problem{}; nothing was changed.",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
}

/// Reads, parses and reviews the file against the live namespace.
async fn reviewed(config: &Config, f: &FileArgs) -> Result<(Target, Plan), i32> {
    let (name, text) = read_file(f).map_err(fail)?;
    let namespace = match &f.namespace {
        Some(n) => n.clone(),
        None => match crate::iac::parse::parse(&text) {
            Ok((file, _)) => file.namespace.to_string(),
            Err(problems) => {
                print_problems(&name, &problems);
                return Err(ERROR);
            }
        },
    };
    let t = target(config, &namespace).await.map_err(fail)?;
    match review(&t, &text, f.prune, config.concurrency).await {
        Err(e) => Err(fail(e.message)),
        Ok(Review::Problems(problems)) => {
            print_problems(&name, &problems);
            Err(ERROR)
        }
        Ok(Review::Plan(plan)) => Ok((t, plan)),
    }
}

pub async fn plan(config: &Config, a: &PlanArgs, out: &mut dyn Write) -> i32 {
    let (t, plan) = match reviewed(config, &a.file).await {
        Ok(r) => r,
        Err(code) => return code,
    };
    let text = if a.json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "namespace": t.namespace,
            "changes": plan.changes,
            "warnings": plan.warnings,
        }))
        .expect("a plan serializes");
        s.push('\n');
        s
    } else {
        render::text(&t.namespace, &plan)
    };
    if let Err(e) = out.write_all(text.as_bytes()) {
        return fail(e);
    }
    if plan.is_empty() {
        OK
    } else {
        CHANGES
    }
}

fn confirmed(t: &Target, plan: &Plan, auto_approve: bool) -> Result<(), String> {
    use std::io::IsTerminal;
    if auto_approve {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err("apply asks before changing anything; pass --auto-approve to apply without asking (CI). Nothing was changed.".into());
    }
    eprint!(
        "Apply these {} changes to {}? Only 'yes' is accepted: ",
        plan.changes.len(),
        t.namespace
    );
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err("apply cancelled; nothing was changed.".into())
    }
}

pub async fn apply(config: &Config, a: &ApplyArgs, out: &mut dyn Write) -> i32 {
    use crate::server::iac::apply::{check_changes, Apply};
    let (t, plan) = match reviewed(config, &a.file).await {
        Ok(r) => r,
        Err(code) => return code,
    };
    let ns = t.namespace.clone();
    let _ = out.write_all(render::text(&ns, &plan).as_bytes());
    if plan.is_empty() {
        return OK;
    }
    if let Err(e) = check_changes(&t, &plan.changes) {
        return fail(e.message);
    }
    if let Err(e) = confirmed(&t, &plan, a.auto_approve) {
        return fail(e);
    }
    let _ = writeln!(out);
    let created = plan.created_robots();
    let run = Apply::new(t, &plan.changes);
    let mut progress = Progress::new(plan.changes.len(), out);
    crate::server::bulk::run_phases(
        crate::iac::plan::phases(plan.changes),
        config.concurrency.clamp(1, 64),
        crate::bulk::RetryPolicy::default(),
        |c| {
            let (run, c) = (&run, c.clone());
            async move { run.change(&c).await }
        },
        |c, outcome| progress.item(&render::describe(&ns, &c), &outcome),
    )
    .await;
    progress.finish();
    let tally = progress.tally;
    if let Some(note) = render::credentials_note(&ns, &created) {
        let _ = writeln!(out, "{note}");
    }
    if tally.failed > 0 {
        fail(format!(
            "{} of {} changes failed (listed above). Run apply again to complete the rest: only what is still different is planned.",
            tally.failed, tally.total
        ))
    } else {
        OK
    }
}
