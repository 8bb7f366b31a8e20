//! The state the reference recordings start from (Quay's `initdb.py` test database, in part).

use super::B;
use crate::store;

/// The OAuth application (of buynlarge) the recordings' tokens were issued through.
pub const ROBOT_CONSOLE_TEST_APP: &str = "robotconsoletest";

pub(super) fn seed_recorded(b: &B) {
    // Users and organizations in initdb's order (the superuser lists show them by id).
    let devtable = b.user("devtable", "jschorr@devtable.com");
    let disabled = b.user("disabled", "jschorr+disabled@devtable.com");
    let public = b.user("public", "jacob.moshenko@gmail.com");
    b.user("freshuser", "jschorr+test@devtable.com");
    let randomuser = b.user("randomuser", "no4@thanks.com");
    let unverified = b.user("unverified", "no5@thanks.com");
    let reader = b.user("reader", "no1@thanks.com");
    let creator = b.user("creator", "noc@thanks.com");
    let member = b.user("member", "nod@thanks.com");
    let outside = b.user("outsideorg", "no2@thanks.com");
    let subscription = b.user("subscription", "subscriptions@devtable.com");
    let readonly = b.user(
        "globalreadonlysuperuser",
        "globalreadonlysuperuser+test@devtable.com",
    );
    let normaluser = b.user("normaluser", "normaluser+test@devtable.com");
    // devtable is in SUPER_USERS of Quay's TEST config, globalreadonlysuperuser in
    // GLOBAL_READONLY_SUPER_USERS; `disabled` is disabled, `unverified` unverified.
    b.c.execute(
        "UPDATE users SET superuser = 1 WHERE id = ?1",
        [devtable.id],
    )
    .expect("seed superuser");
    b.c.execute("UPDATE users SET enabled = 0 WHERE id = ?1", [disabled.id])
        .expect("seed disabled");
    b.c.execute(
        "UPDATE users SET verified = 0 WHERE id = ?1",
        [unverified.id],
    )
    .expect("seed unverified");
    b.c.execute(
        "UPDATE users SET superuser = 2 WHERE id = ?1",
        [readonly.id],
    )
    .expect("seed read-only superuser");
    store::meta_set(b.c, "quota:randomuser", "6000,Reject,90,2").expect("seed quota");

    let bl = b.org("buynlarge", "quay@devtable.com");
    store::meta_set(b.c, "quota:buynlarge", "3000").expect("seed quota");
    for billed in ["devtable", "buynlarge"] {
        store::meta_set(b.c, &format!("billing:{billed}"), "cus_test").expect("seed billing");
    }
    for (name, email) in [
        ("testorgforautoprune", "autoprune@devtable.com"),
        ("library", "quay+library@devtable.com"),
        ("titi", "quay+titi@devtable.com"),
        ("sellnsmall", "quay+sell@devtable.com"),
        ("subscriptionsorg", "quay+subscriptionsorg@devtable.com"),
        ("proxyorg", "quay+proxyorg@devtable.com"),
    ] {
        let o = b.org(name, email);
        match name {
            // randomuser is a second admin of sellnsmall, so devtable is not its only admin.
            "sellnsmall" => {
                b.team(&o, "owners", "admin", "", &[&devtable, &randomuser]);
                b.team(&o, "synced", "member", "Some synced team.", &[]);
            }
            "subscriptionsorg" => {
                b.team(&o, "owners", "admin", "", &[&subscription]);
            }
            "proxyorg" => {
                b.team(&o, "owners", "admin", "", &[&devtable]);
                b.team(&o, "proxymembers", "member", "", &[&member]);
            }
            _ => {
                b.team(&o, "owners", "admin", "", &[&devtable]);
            }
        }
    }
    let nosuper = b.org("orgwithnosuperuser", "orgwithnosuperuser@devtable.com");
    b.team(&nosuper, "owners", "admin", "", &[&normaluser]);
    b.team(
        &nosuper,
        "readers",
        "member",
        "Readers of neworg.",
        &[&randomuser],
    );
    b.repo(&nosuper, "repo", "", false, None);
    store::meta_set(b.c, "quota:orgwithnosuperuser", "3000,Warning,50,3").expect("seed quota");
    for (name, desc, uri, redirect, client_id, secret) in [
        (
            "Some Test App",
            "",
            "http://localhost:8000",
            "http://localhost:8000/o2c.html",
            "deadbeef",
            "YV0PCUMCSQ2UX35NGEKSSPQDUS9WF9614KGSCV5D",
        ),
        (
            "Some Other Test App",
            "This is another test application",
            "http://quay.io",
            "http://localhost:8000/o2c.html",
            "deadpork",
            "M62CHMQ5TGBXFKAQ377KUZRCA2RESB7OR5YZQDAX",
        ),
        (
            "Robot console test",
            "Created by research/real-quay/start.sh",
            "http://127.0.0.1:8089",
            "http://127.0.0.1:8089/oauth2/callback",
            ROBOT_CONSOLE_TEST_APP,
            "N2X2HOKKER81YZ5WGPEKT6BWQKLF6YN0VEIM6TVC",
        ),
    ] {
        store::create_app(
            b.c,
            bl.id,
            &store::NewApp {
                name,
                description: desc,
                application_uri: uri,
                redirect_uri: redirect,
                client_id: Some(client_id),
                client_secret: Some(secret),
                avatar_email: None,
            },
        )
        .expect("seed application");
    }
    let coolrobot = b.robot(&bl, "coolrobot", "", None);
    let _ = coolrobot;
    b.robot(&bl, "neworgrobot", "", None);
    let ownerbot = b.robot(&bl, "ownerbot", "", None);
    let creatorbot = b.robot(&bl, "creatorbot", "", None);
    b.team(
        &bl,
        "owners",
        "admin",
        "Owners have unfetterd access across the entire org.",
        &[&devtable, &ownerbot],
    );
    b.team(
        &bl,
        "creators",
        "creator",
        "Creators of orgrepo.",
        &[&creator, &creatorbot],
    );
    let readers = b.team(
        &bl,
        "readers",
        "member",
        "Readers of orgrepo.",
        &[&public, &reader],
    );
    b.team(&bl, "synced", "member", "Some synced team.", &[]);
    let orgrepo = b.repo(&bl, "orgrepo", "Repository owned by an org.", false, None);
    b.repo(
        &bl,
        "anotherorgrepo",
        "Another repository owned by an org.",
        false,
        None,
    );
    let _ = store::set_team_repo_perm(b.c, orgrepo, readers, "read");
    b.perm(orgrepo, &outside, "read");
    let _ = store::create_prototype(
        b.c,
        "100b98a5-939c-4976-89db-0263de76e238",
        bl.id,
        Some(devtable.id),
        Some(public.id),
        None,
        "read",
    );
    let _ = store::create_prototype(
        b.c,
        "3a51c9f1-ea33-4830-a70d-159f68bbd856",
        bl.id,
        Some(devtable.id),
        None,
        Some(readers),
        "read",
    );
    let _ = store::create_prototype(
        b.c,
        "010b7c2c-9c67-44cf-ad20-8f912ade8231",
        bl.id,
        Some(public.id),
        Some(devtable.id),
        None,
        "write",
    );

    let dtrobot = b.robot(&devtable, "dtrobot", "", None);
    let dtrobot2 = b.robot(&devtable, "dtrobot2", "", None);
    b.repo(&devtable, "simple", "", false, None);
    let shared = b.repo(&devtable, "sharedtags", "", false, None);
    let complex = b.repo(&devtable, "complex", "", false, None);
    let mirrored = b.repo(&devtable, "mirrored", "", false, None);
    b.perm(shared, &dtrobot, "read");
    b.perm(complex, &dtrobot, "read");
    b.perm(mirrored, &dtrobot, "write");
    b.perm(mirrored, &dtrobot2, "write");
    super::recorded_logs::seed_logs(b, &devtable, &public, &bl);
}
