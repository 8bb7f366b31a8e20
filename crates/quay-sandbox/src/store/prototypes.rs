//! Default permissions (prototypes) of organizations.

use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Clone, Debug)]
pub struct Prototype {
    pub id: i64,
    pub uuid: String,
    pub org_id: i64,
    pub activating_user_id: Option<i64>,
    pub delegate_user_id: Option<i64>,
    pub delegate_team_id: Option<i64>,
    pub role: String,
}

fn proto_row(r: &Row) -> rusqlite::Result<Prototype> {
    Ok(Prototype {
        id: r.get(0)?,
        uuid: r.get(1)?,
        org_id: r.get(2)?,
        activating_user_id: r.get(3)?,
        delegate_user_id: r.get(4)?,
        delegate_team_id: r.get(5)?,
        role: r.get(6)?,
    })
}

const PROTO_COLS: &str =
    "id, uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role";

pub fn prototypes_of(c: &Connection, org_id: i64) -> Vec<Prototype> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {PROTO_COLS} FROM prototypes WHERE org_id = ?1 ORDER BY id"
        ))
        .expect("proto query");
    st.query_map([org_id], proto_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn prototype_by_uuid(c: &Connection, org_id: i64, uuid: &str) -> Option<Prototype> {
    c.query_row(
        &format!("SELECT {PROTO_COLS} FROM prototypes WHERE org_id = ?1 AND uuid = ?2"),
        params![org_id, uuid],
        proto_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn create_prototype(
    c: &Connection,
    uuid: &str,
    org_id: i64,
    activating_user_id: Option<i64>,
    delegate_user_id: Option<i64>,
    delegate_team_id: Option<i64>,
    role: &str,
) -> rusqlite::Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO prototypes(uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role],
    )?;
    Ok(())
}

pub fn update_prototype_role(c: &Connection, id: i64, role: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE prototypes SET role = ?1 WHERE id = ?2",
        params![role, id],
    )?;
    Ok(())
}

pub fn delete_prototype(c: &Connection, id: i64) -> rusqlite::Result<()> {
    c.execute("DELETE FROM prototypes WHERE id = ?1", [id])?;
    Ok(())
}
