//! Property: no value the typed ids accept yields a Quay URL whose normalised path differs from
//! the path as built. (`reqwest`/`url` normalise dot segments: a robot named `..` once turned
//! `DELETE /api/v1/user/robots/..` into `DELETE /api/v1/user/`, which deletes the user.)
#![cfg(feature = "ssr")]

use proptest::prelude::*;
use robot_console::quay::client::{path, repo_path, seg, RobotScope};
use robot_console::quay::ids::{Namespace, RepoName, RobotName, RobotShort, TeamName};

const BASE: &str = "https://quay.example.com";

/// The path a URL-normalising client really sends for `built`.
fn normalised(built: &str) -> String {
    reqwest::Url::parse(&format!("{BASE}{built}"))
        .expect("the built path makes a URL")
        .path()
        .to_string()
}

/// Hostile text: dots, slashes, percent escapes, `+`, query and fragment marks, controls,
/// invisible and right-to-left characters, and plain name characters.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(".".to_string()),
        Just("..".to_string()),
        Just("/".to_string()),
        Just("%2e".to_string()),
        Just("%2E%2E".to_string()),
        Just("%2f".to_string()),
        Just("+".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("\\".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{202E}".to_string()),
        "[a-z0-9]{1,6}",
        "[._-]",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn robot_paths(scope: &RobotScope, short: &RobotShort) -> Vec<String> {
    let mut out = vec![scope.robots_path().unwrap()];
    for rest in [&[][..], &["permissions"], &["federation"], &["regenerate"]] {
        out.push(scope.robot_path(short, rest).unwrap());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn accepted_names_build_paths_no_client_can_shorten(
        ns in hostile(), short in hostile(), repo in hostile(), team in hostile()
    ) {
        if let (Ok(ns), Ok(short)) = (Namespace::parse(&ns), RobotShort::parse(&short)) {
            for scope in [RobotScope::Org(ns.clone()), RobotScope::User] {
                for p in robot_paths(&scope, &short) {
                    prop_assert_eq!(normalised(&p), p.clone());
                    prop_assert!(!p.contains("/../") && !p.ends_with("/.."));
                }
            }
            let robot = RobotName::new(&ns, &short);
            if let Ok(repo) = RepoName::parse(&repo) {
                let p = repo_path(&ns, &repo, &["permissions", "user", &robot]).unwrap();
                prop_assert_eq!(normalised(&p), p.clone());
                let tail = format!("/permissions/user/{robot}");
                prop_assert!(p.ends_with(&tail));
            }
            if let Ok(team) = TeamName::parse(&team) {
                let p = path(&["api", "v1", "organization", &ns, "team", &team, "members", &robot]).unwrap();
                prop_assert_eq!(normalised(&p), p.clone());
            }
        }
    }

    #[test]
    fn the_segment_encoder_keeps_any_string_inside_its_segment(s in hostile()) {
        // Defence in depth: even text no id type would accept stays one segment, or is refused.
        match seg(&s) {
            Ok(encoded) => {
                let built = format!("/api/v1/user/robots/{encoded}");
                let n = normalised(&built);
                prop_assert_eq!(&n, &built);
                prop_assert_eq!(n.matches('/').count(), 5, "one segment: {}", n);
            }
            Err(e) => prop_assert!(s.is_empty() || s == "." || s == "..", "{}", e.message),
        }
    }

    #[test]
    fn a_full_robot_name_parses_only_into_its_own_namespace(ns in hostile(), short in hostile()) {
        if let Ok(r) = RobotName::parse(&format!("{ns}+{short}")) {
            prop_assert_eq!(r.namespace().to_string(), ns);
            prop_assert_eq!(r.short().to_string(), short);
        }
    }
}

#[test]
fn the_request_that_deleted_a_user_cannot_be_built() {
    assert!(RobotName::parse("reader+..").is_err());
    assert!(RobotName::parse("acme+..").is_err());
    assert!(RobotShort::parse("..").is_err());
    assert!(seg("..").is_err());
    assert!(path(&["api", "v1", "user", "robots", ".."]).is_err());
}
