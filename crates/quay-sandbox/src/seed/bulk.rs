//! Bulk extra seeding (`SeedConfig`) for benchmarks and paging tests.

use rusqlite::{params, Connection};

use crate::store;
use crate::util;
use crate::SeedConfig;

/// Bulk extra seeding into org `acme` (or the scenario's org). Idempotent: only adds what is missing.
pub fn seed_extra(c: &mut Connection, org_name: &str, cfg: &SeedConfig) -> anyhow::Result<()> {
    if cfg.robots == 0 && cfg.repos == 0 && cfg.teams == 0 {
        return Ok(());
    }
    let org =
        store::user_by_name(c, org_name).ok_or_else(|| anyhow::anyhow!("no org {org_name}"))?;
    let now = util::now();
    let tx = c.transaction()?;
    {
        let mut team_ids = Vec::with_capacity(cfg.teams);
        for i in 1..=cfg.teams {
            let name = format!("team-{i:03}");
            let (t, _) = store::upsert_team(
                &tx,
                org.id,
                &name,
                "member",
                Some(&format!("Seeded team {i}")),
            )?;
            team_ids.push(t.id);
        }
        let mut repo_ids = Vec::with_capacity(cfg.repos);
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO repos(ns_id, name, description, is_public, last_modified) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut get =
                tx.prepare_cached("SELECT id FROM repos WHERE ns_id = ?1 AND name = ?2")?;
            for i in 1..=cfg.repos {
                let name = format!("repo-{i:04}");
                let lm = if i % 10 == 0 {
                    None
                } else {
                    Some(now - (i as i64) * 600)
                };
                ins.execute(params![
                    org.id,
                    name,
                    format!("Seeded repository {i}"),
                    (i % 4 == 0) as i64,
                    lm
                ])?;
                repo_ids.push(get.query_row(params![org.id, name], |r| r.get::<_, i64>(0))?);
            }
        }
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO users(username, kind, owner_id, robot_token, description, created, last_accessed) VALUES (?1, 'robot', ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut get = tx.prepare_cached("SELECT id FROM users WHERE username = ?1")?;
            let mut member = tx.prepare_cached(
                "INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?1, ?2)",
            )?;
            let mut perm = tx.prepare_cached(
                "INSERT OR IGNORE INTO repo_perms(repo_id, user_id, role) VALUES (?1, ?2, ?3)",
            )?;
            for i in 1..=cfg.robots {
                let name = format!("{}+bot{i:04}", org.username);
                let la = if i % 3 == 0 {
                    Some(now - (i as i64) * 120)
                } else {
                    None
                };
                let created = now - 86_400 * 60 + i as i64;
                if ins.execute(params![
                    name,
                    org.id,
                    util::robot_token(),
                    format!("Seeded robot {i}"),
                    created,
                    la
                ])? == 0
                {
                    continue;
                }
                let id: i64 = get.query_row([&name], |r| r.get(0))?;
                if !team_ids.is_empty() {
                    member.execute(params![team_ids[i % team_ids.len()], id])?;
                }
                if !repo_ids.is_empty() {
                    perm.execute(params![repo_ids[i % repo_ids.len()], id, "read"])?;
                    if i % 3 == 0 {
                        perm.execute(params![repo_ids[(i * 7) % repo_ids.len()], id, "write"])?;
                    }
                }
            }
        }
    }
    tx.commit()?;
    Ok(())
}
