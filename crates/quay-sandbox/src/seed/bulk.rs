//! Bulk extra seeding (`SeedConfig`) for benchmarks and paging tests.

use rusqlite::{params, Connection};

use crate::store;
use crate::util;
use crate::SeedConfig;

/// The (repository index, role) grants of seeded team `k` of `teams`: `per_team` repositories
/// spread over all of them (`k`, `k + teams`, `k + 2·teams`, ... modulo `repos`), every fourth one
/// `write`, the others `read`. Deterministic, so tests and benchmarks can predict access.
pub fn team_grants(
    k: usize,
    teams: usize,
    repos: usize,
    per_team: usize,
) -> Vec<(usize, &'static str)> {
    if repos == 0 || teams == 0 {
        return Vec::new();
    }
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for j in 0..per_team.min(repos) {
        let idx = (k + j * teams) % repos;
        if out.iter().any(|(i, _)| *i == idx) {
            break;
        }
        out.push((
            idx,
            if (k + j).is_multiple_of(4) {
                "write"
            } else {
                "read"
            },
        ));
    }
    out
}

/// Bulk extra seeding into org `acme` (or the scenario's org). Idempotent: only adds what is missing.
///
/// Robot `bot{i}` (1-based) is in team `team-{i mod K}` (when there are teams) and, unless
/// `i <= team_only_robots`, has a direct `read` grant on `repo-{i mod M}` and, for every third
/// robot, `write` on `repo-{7i mod M}`. Teams get [`team_grants`].
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
            let mut grant = tx.prepare_cached(
                "INSERT OR IGNORE INTO team_repo_perms(repo_id, team_id, role) VALUES (?1, ?2, ?3)",
            )?;
            for (k, team_id) in team_ids.iter().enumerate() {
                for (idx, role) in
                    team_grants(k, team_ids.len(), repo_ids.len(), cfg.team_repo_permissions)
                {
                    grant.execute(params![repo_ids[idx], team_id, role])?;
                }
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
                if !repo_ids.is_empty() && i > cfg.team_only_robots {
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

#[cfg(test)]
mod tests {
    use super::team_grants;

    #[test]
    fn team_grants_are_spread_and_deterministic() {
        assert_eq!(
            team_grants(1, 5, 300, 3),
            vec![(1, "read"), (6, "read"), (11, "read")]
        );
        assert_eq!(team_grants(0, 5, 300, 2), vec![(0, "write"), (5, "read")]);
        // Never the same repository twice, even when asking for more than there are.
        let g = team_grants(0, 2, 4, 10);
        assert_eq!(g.len(), 2);
        assert!(team_grants(0, 0, 10, 3).is_empty());
    }
}
