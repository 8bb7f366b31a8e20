//! Teams of organizations and their members.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::entities::{user_row, USER_COLS};
use super::{user_by_id, User};

#[derive(Clone, Debug)]
pub struct Team {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub description: String,
    pub role: String,
}

fn team_row(r: &Row) -> rusqlite::Result<Team> {
    Ok(Team {
        id: r.get(0)?,
        org_id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        role: r.get(4)?,
    })
}

pub fn team_by_name(c: &Connection, org_id: i64, name: &str) -> Option<Team> {
    c.query_row(
        "SELECT id, org_id, name, description, role FROM teams WHERE org_id = ?1 AND name = ?2",
        params![org_id, name],
        team_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn team_by_id(c: &Connection, id: i64) -> Option<Team> {
    c.query_row(
        "SELECT id, org_id, name, description, role FROM teams WHERE id = ?1",
        [id],
        team_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn teams_of(c: &Connection, org_id: i64) -> Vec<Team> {
    let mut st = c
        .prepare_cached(
            "SELECT id, org_id, name, description, role FROM teams WHERE org_id = ?1 ORDER BY id",
        )
        .expect("teams query");
    st.query_map([org_id], team_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Create or update; returns (team, created).
pub fn upsert_team(
    c: &Connection,
    org_id: i64,
    name: &str,
    role: &str,
    description: Option<&str>,
) -> rusqlite::Result<(Team, bool)> {
    if let Some(t) = team_by_name(c, org_id, name) {
        c.execute(
            "UPDATE teams SET role = ?1, description = COALESCE(?2, description) WHERE id = ?3",
            params![role, description, t.id],
        )?;
        return Ok((team_by_id(c, t.id).expect("team exists"), false));
    }
    c.execute(
        "INSERT INTO teams(org_id, name, description, role) VALUES (?1, ?2, ?3, ?4)",
        params![org_id, name, description.unwrap_or(""), role],
    )?;
    Ok((
        team_by_id(c, c.last_insert_rowid()).expect("team inserted"),
        true,
    ))
}

pub fn add_team_member(c: &Connection, team_id: i64, user_id: i64) -> rusqlite::Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?1, ?2)",
        params![team_id, user_id],
    )?;
    Ok(())
}

pub fn remove_team_member(c: &Connection, team_id: i64, user_id: i64) -> rusqlite::Result<usize> {
    c.execute(
        "DELETE FROM team_members WHERE team_id = ?1 AND user_id = ?2",
        params![team_id, user_id],
    )
}

/// Members of a team in insertion order.
pub fn team_members(c: &Connection, team_id: i64) -> Vec<User> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {} FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ?1 ORDER BY m.rowid",
            USER_COLS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", ")
        ))
        .expect("members query");
    st.query_map([team_id], user_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn team_member_count(c: &Connection, team_id: i64) -> i64 {
    c.query_row(
        "SELECT COUNT(*) FROM team_members WHERE team_id = ?1",
        [team_id],
        |r| r.get(0),
    )
    .unwrap_or(0)
}

/// Teams of `org_id` that `user_id` belongs to.
pub fn user_teams_in(c: &Connection, org_id: i64, user_id: i64) -> Vec<Team> {
    let mut st = c
        .prepare_cached(
            "SELECT t.id, t.org_id, t.name, t.description, t.role FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE t.org_id = ?1 AND m.user_id = ?2 ORDER BY t.id",
        )
        .expect("user teams query");
    st.query_map(params![org_id, user_id], team_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn is_org_member(c: &Connection, org_id: i64, user_id: i64) -> bool {
    !user_teams_in(c, org_id, user_id).is_empty()
}

pub fn is_org_admin(c: &Connection, org_id: i64, user_id: i64) -> bool {
    user_teams_in(c, org_id, user_id)
        .iter()
        .any(|t| t.role == "admin")
}

/// Organizations a user belongs to, with whether they administer it.
pub fn user_orgs(c: &Connection, user_id: i64) -> Vec<(User, bool)> {
    let mut st = c
        .prepare_cached(
            "SELECT DISTINCT t.org_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ?1 ORDER BY t.org_id",
        )
        .expect("orgs query");
    let ids: Vec<i64> = st
        .query_map([user_id], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default();
    ids.into_iter()
        .filter_map(|id| user_by_id(c, id))
        .map(|o| {
            let admin = is_org_admin(c, o.id, user_id);
            (o, admin)
        })
        .collect()
}
