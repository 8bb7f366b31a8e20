//! Reading a robots file (YAML or JSON): the tree of `super::yaml` becomes a `RobotsFile`, and
//! every problem is reported at its line and column with the field's path: unknown keys (with
//! the likely meant one), bad names, bad roles, duplicates, wrong types. All problems are
//! collected, not only the first. What needs the live namespace (unknown teams and
//! repositories) is checked by `super::check` with the `SourceMap` built here.

use super::format::{sorted_federation, DefaultKey, RobotSpec, RobotsFile, Role, FORMAT_VERSION};
use super::problem::{ordered, Pos, Problem};
use super::yaml::{load, plain_kind, Node, Value};
use crate::quay::ids::{Description, InputError, Namespace, RepoName, RobotShort, TeamName};
use crate::quay::model::FederationEntry;
use std::collections::BTreeMap;

/// Where things are in the file, for problems found later.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    pub namespace: Pos,
    pub robots: BTreeMap<RobotShort, (Pos, String)>,
    pub teams: BTreeMap<(RobotShort, TeamName), (Pos, String)>,
    pub repositories: BTreeMap<(RobotShort, RepoName), (Pos, String)>,
    pub default_permissions: BTreeMap<DefaultKey, (Pos, String)>,
}

/// The largest file accepted (a namespace of 5,000 robots exports to well under this).
pub const MAX_FILE_BYTES: usize = 4 << 20;

const TOP_KEYS: &[&str] = &["version", "namespace", "robots", "default_permissions"];
const ROBOT_KEYS: &[&str] = &["name", "description", "teams", "repositories", "federation"];
const FEDERATION_KEYS: &[&str] = &["issuer", "subject"];
const DEFAULT_KEYS: &[&str] = &["robot", "role", "activating_user"];

/// Parses and checks `text`. Every problem found, in file order, when there is any.
pub fn parse(text: &str) -> Result<(RobotsFile, SourceMap), Vec<Problem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new(
            Pos::default(),
            "",
            format!(
                "The file is {} bytes; the console reads at most {MAX_FILE_BYTES}.",
                text.len()
            ),
        )]);
    }
    let root = match load(text) {
        Err(p) => return Err(vec![p]),
        Ok(None) => {
            return Err(vec![Problem::new(
                Pos { line: 1, column: 1 },
                "",
                "The file is empty: a robots file has `version: 1`, `namespace` and `robots`.",
            )])
        }
        Ok(Some(root)) => root,
    };
    let mut w = Walker::default();
    let file = w.file(&root);
    match file {
        Some(f) if w.problems.is_empty() => Ok((f, w.map)),
        _ => Err(ordered(w.problems)),
    }
}

#[derive(Default)]
struct Walker {
    problems: Vec<Problem>,
    map: SourceMap,
}

/// A mapping's fields by key (known keys only), with the key's position.
type Fields<'a> = BTreeMap<&'static str, (Pos, &'a Node)>;

fn kind_of(n: &Node) -> &'static str {
    match &n.value {
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
        Value::Scalar { text, plain: true } => plain_kind(text).unwrap_or("text"),
        Value::Scalar { .. } => "text",
    }
}

fn is_null(n: &Node) -> bool {
    matches!(&n.value, Value::Scalar { text, plain: true } if plain_kind(text) == Some("null"))
}

/// The closest allowed key, for "did you mean".
fn suggestion(key: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let k = key.to_ascii_lowercase().replace('-', "_");
    allowed
        .iter()
        .copied()
        .map(|a| (edit_distance(&k, a), a))
        .filter(|(d, a)| *d <= 2 + a.len() / 6 || a.starts_with(&k[..k.len().min(4)]))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn input_message(e: &InputError) -> String {
    // The typed ids start their messages with their field ("robot name: '…' is not …").
    let m = e.message.as_str();
    m.strip_prefix(e.field)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(m)
        .to_string()
}

impl Walker {
    fn err(&mut self, pos: Pos, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(pos, path, message));
    }

    /// `node` as a mapping of `allowed` keys: unknown keys, repeated keys and non-text keys are
    /// reported; the known ones are answered.
    fn fields<'a>(
        &mut self,
        node: &'a Node,
        path: &str,
        allowed: &[&'static str],
        what: &str,
    ) -> Option<Fields<'a>> {
        let Value::Map(entries) = &node.value else {
            self.err(
                node.pos,
                path,
                format!("expected {what}, found {}.", kind_of(node)),
            );
            return None;
        };
        let mut out = Fields::new();
        for (k, v) in entries {
            let Some(key) = self.key_text(k, path) else {
                continue;
            };
            let Some(known) = allowed.iter().copied().find(|a| *a == key) else {
                let hint = suggestion(key, allowed)
                    .map(|s| format!(" Did you mean '{s}'?"))
                    .unwrap_or_default();
                self.err(
                    k.pos,
                    path,
                    format!(
                        "unknown key '{}'.{hint} Allowed here: {}.",
                        crate::quay::ids::shown(key),
                        allowed.join(", ")
                    ),
                );
                continue;
            };
            if let Some((first, _)) = out.get(known) {
                let line = first.line;
                self.err(
                    k.pos,
                    path,
                    format!("key '{known}' appears twice (first on line {line}); keep one."),
                );
                continue;
            }
            out.insert(known, (k.pos, v));
        }
        Some(out)
    }

    fn key_text<'a>(&mut self, k: &'a Node, path: &str) -> Option<&'a str> {
        match &k.value {
            Value::Scalar { text, .. } => Some(text),
            _ => {
                self.err(k.pos, path, "keys must be text.");
                None
            }
        }
    }

    /// A text value (quoted, or plain and not a number, boolean or null).
    fn text<'a>(&mut self, node: &'a Node, path: &str) -> Option<&'a str> {
        match &node.value {
            Value::Scalar { text, plain } => {
                if *plain {
                    if let Some(kind) = plain_kind(text) {
                        let shown = if text.is_empty() { "nothing" } else { text };
                        self.err(
                            node.pos,
                            path,
                            format!("expected text, found {kind} ({shown}); put it in quotes if it is meant as text."),
                        );
                        return None;
                    }
                }
                Some(text)
            }
            _ => {
                self.err(
                    node.pos,
                    path,
                    format!("expected text, found {}.", kind_of(node)),
                );
                None
            }
        }
    }

    fn typed<T>(
        &mut self,
        node: &Node,
        path: &str,
        parse: impl Fn(&str) -> Result<T, InputError>,
    ) -> Option<T> {
        let s = self.text(node, path)?;
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(node.pos, path, input_message(&e));
                None
            }
        }
    }

    fn role(&mut self, node: &Node, path: &str) -> Option<Role> {
        let s = self.text(node, path)?;
        let r = Role::parse(s);
        if r.is_none() {
            self.err(
                node.pos,
                path,
                format!(
                    "'{}' is not a role; use read, write or admin.",
                    crate::quay::ids::shown(s)
                ),
            );
        }
        r
    }

    /// A list (null counts as empty, as an absent key).
    fn list<'a>(&mut self, node: &'a Node, path: &str) -> &'a [Node] {
        match &node.value {
            Value::Seq(items) => items,
            _ if is_null(node) => &[],
            _ => {
                self.err(
                    node.pos,
                    path,
                    format!("expected a list, found {}.", kind_of(node)),
                );
                &[]
            }
        }
    }

    fn file(&mut self, root: &Node) -> Option<RobotsFile> {
        let f = self.fields(
            root,
            "",
            TOP_KEYS,
            "a mapping with version, namespace and robots",
        )?;
        match f.get("version") {
            None => self.err(root.pos, "", "missing key 'version'; add `version: 1`."),
            Some((_, v)) => {
                let ok = matches!(&v.value, Value::Scalar { text, plain: true } if text == &FORMAT_VERSION.to_string());
                if !ok {
                    self.err(
                        v.pos,
                        "version",
                        format!("this console reads robots files of version {FORMAT_VERSION}; found {}.", match &v.value {
                            Value::Scalar { text, .. } => format!("'{}'", crate::quay::ids::shown(text)),
                            _ => kind_of(v).to_string(),
                        }),
                    );
                }
            }
        }
        let namespace = match f.get("namespace") {
            None => {
                self.err(
                    root.pos,
                    "",
                    "missing key 'namespace'; add the organization or user the robots belong to.",
                );
                None
            }
            Some((_, v)) => {
                self.map.namespace = v.pos;
                self.typed(v, "namespace", Namespace::parse)
            }
        };
        let mut robots = BTreeMap::new();
        if let Some((_, v)) = f.get("robots") {
            for (i, item) in self.list(v, "robots").iter().enumerate() {
                let path = format!("robots[{i}]");
                if let Some((short, spec)) = self.robot(item, &path, namespace.as_ref()) {
                    if let Some((first, _)) = self.map.robots.get(&short) {
                        let line = first.line;
                        self.err(
                            item.pos,
                            &path,
                            format!("robot '{short}' is listed twice (first on line {line}); merge the two."),
                        );
                        continue;
                    }
                    self.map
                        .robots
                        .insert(short.clone(), (item.pos, format!("{path}.name")));
                    robots.insert(short, spec);
                }
            }
        }
        let mut defaults = BTreeMap::new();
        if let Some((_, v)) = f.get("default_permissions") {
            for (i, item) in self.list(v, "default_permissions").iter().enumerate() {
                let path = format!("default_permissions[{i}]");
                if let Some((key, role)) = self.default_permission(item, &path, &robots) {
                    if let Some((first, _)) = self.map.default_permissions.get(&key) {
                        let line = first.line;
                        self.err(item.pos, &path, format!("a default permission for this robot and activating user is listed twice (first on line {line}); keep one."));
                        continue;
                    }
                    self.map
                        .default_permissions
                        .insert(key.clone(), (item.pos, path));
                    defaults.insert(key, role);
                }
            }
        }
        Some(RobotsFile {
            namespace: namespace?,
            robots,
            default_permissions: defaults,
        })
    }

    fn robot(
        &mut self,
        node: &Node,
        path: &str,
        ns: Option<&Namespace>,
    ) -> Option<(RobotShort, RobotSpec)> {
        let f = self.fields(node, path, ROBOT_KEYS, "a robot (a mapping with name)")?;
        let name = match f.get("name") {
            None => {
                self.err(
                    node.pos,
                    path,
                    "missing key 'name' (the robot's short name).",
                );
                None
            }
            Some((_, v)) => self.robot_name(v, &format!("{path}.name"), ns),
        };
        let mut spec = RobotSpec::default();
        if let Some((_, v)) = f.get("description") {
            if !is_null(v) {
                if let Some(d) = self.typed(v, &format!("{path}.description"), Description::parse) {
                    spec.description = d;
                }
            }
        }
        let mut team_at = BTreeMap::new();
        if let Some((_, v)) = f.get("teams") {
            for (i, t) in self.list(v, &format!("{path}.teams")).iter().enumerate() {
                let tpath = format!("{path}.teams[{i}]");
                if let Some(team) = self.typed(t, &tpath, TeamName::parse) {
                    if let Some(first) = team_at.insert(team.clone(), (t.pos, tpath.clone())) {
                        self.err(
                            t.pos,
                            &tpath,
                            format!(
                                "team '{team}' is listed twice (first on line {}).",
                                first.0.line
                            ),
                        );
                    }
                    spec.teams.insert(team);
                }
            }
        }
        let mut repo_at = BTreeMap::new();
        if let Some((_, v)) = f.get("repositories") {
            self.repositories(v, &format!("{path}.repositories"), &mut spec, &mut repo_at);
        }
        if let Some((_, v)) = f.get("federation") {
            spec.federation = self.federation(v, &format!("{path}.federation"));
        }
        let name = name?;
        for (team, at) in team_at {
            self.map.teams.insert((name.clone(), team), at);
        }
        for (repo, at) in repo_at {
            self.map.repositories.insert((name.clone(), repo), at);
        }
        Some((name, spec))
    }

    fn robot_name(&mut self, v: &Node, path: &str, ns: Option<&Namespace>) -> Option<RobotShort> {
        let s = self.text(v, path)?;
        if let Some((prefix, short)) = s.split_once('+') {
            let hint = match ns {
                Some(ns) if ns.as_str() == prefix => format!(
                    "write only the short name '{}': the namespace comes from `namespace`.",
                    crate::quay::ids::shown(short)
                ),
                _ => format!(
                    "'{}' is a full robot name of another namespace; this file is for {}. Write short names only.",
                    crate::quay::ids::shown(s),
                    ns.map(Namespace::as_str).unwrap_or("its `namespace`")
                ),
            };
            self.err(v.pos, path, hint);
            return None;
        }
        match RobotShort::parse(s) {
            Ok(r) => Some(r),
            Err(e) => {
                self.err(v.pos, path, input_message(&e));
                None
            }
        }
    }

    fn repositories(
        &mut self,
        v: &Node,
        path: &str,
        spec: &mut RobotSpec,
        at: &mut BTreeMap<RepoName, (Pos, String)>,
    ) {
        if is_null(v) {
            return;
        }
        let Value::Map(entries) = &v.value else {
            self.err(
                v.pos,
                path,
                format!(
                    "expected a mapping of repository: role (e.g. `billing: write`), found {}.",
                    kind_of(v)
                ),
            );
            return;
        };
        for (k, role) in entries {
            let Some(name) = self.typed(k, path, RepoName::parse) else {
                continue;
            };
            let rpath = format!("{path}.{name}");
            if let Some((first, _)) = at.get(&name) {
                let line = first.line;
                self.err(
                    k.pos,
                    &rpath,
                    format!(
                        "repository '{name}' is listed twice (first on line {line}); keep one."
                    ),
                );
                continue;
            }
            at.insert(name.clone(), (k.pos, rpath.clone()));
            if let Some(r) = self.role(role, &rpath) {
                spec.repositories.insert(name, r);
            }
        }
    }

    fn federation(&mut self, v: &Node, path: &str) -> Vec<FederationEntry> {
        let mut entries = Vec::new();
        let mut places = Vec::new();
        for (i, item) in self.list(v, path).iter().enumerate() {
            let epath = format!("{path}[{i}]");
            let Some(f) = self.fields(
                item,
                &epath,
                FEDERATION_KEYS,
                "an entry with issuer and subject",
            ) else {
                continue;
            };
            let get = |w: &mut Walker, key: &str| match f.get(key) {
                None => {
                    w.err(item.pos, &epath, format!("missing key '{key}'."));
                    None
                }
                Some((_, n)) => w
                    .text(n, &format!("{epath}.{key}"))
                    .map(|s| (s.trim().to_string(), n.pos)),
            };
            let (Some((issuer, ipos)), Some((subject, spos))) =
                (get(self, "issuer"), get(self, "subject"))
            else {
                continue;
            };
            entries.push(FederationEntry { issuer, subject });
            places.push((epath, ipos, spos));
        }
        // Quay's rules, with Quay's messages, at the field.
        let before = self.problems.len();
        for (p, (epath, ipos, spos)) in crate::federation::validate(&entries).iter().zip(&places) {
            if let Some(m) = p.issuer {
                self.err(*ipos, &format!("{epath}.issuer"), m);
            }
            if let Some(m) = p.subject {
                self.err(*spos, &format!("{epath}.subject"), m);
            }
        }
        if self.problems.len() == before {
            if let Err(e) = crate::federation::FederationList::try_from(entries.clone()) {
                self.err(v.pos, path, input_message(&e));
            }
        }
        sorted_federation(&entries)
    }

    fn default_permission(
        &mut self,
        node: &Node,
        path: &str,
        robots: &BTreeMap<RobotShort, RobotSpec>,
    ) -> Option<(DefaultKey, Role)> {
        let f = self.fields(
            node,
            path,
            DEFAULT_KEYS,
            "a default permission (robot and role)",
        )?;
        let robot = match f.get("robot") {
            None => {
                self.err(node.pos, path, "missing key 'robot'.");
                None
            }
            Some((_, v)) => {
                let rpath = format!("{path}.robot");
                let r = self.robot_name(v, &rpath, None)?;
                if !robots.contains_key(&r) {
                    self.err(v.pos, &rpath, format!("robot '{r}' is not in `robots`; a default permission can only name a robot this file lists."));
                    return None;
                }
                Some(r)
            }
        };
        let role = match f.get("role") {
            None => {
                self.err(node.pos, path, "missing key 'role' (read, write or admin).");
                None
            }
            Some((_, v)) => self.role(v, &format!("{path}.role")),
        };
        let activating_user = match f.get("activating_user") {
            Some((_, v)) if !is_null(v) => {
                Some(self.typed(v, &format!("{path}.activating_user"), Namespace::parse)?)
            }
            _ => None,
        };
        Some((
            DefaultKey {
                robot: robot?,
                activating_user,
            },
            role?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
version: 1
namespace: acme
robots:
  - name: deployer
    description: Deploys to production
    teams: [developers]
    repositories:
      api-server: write
      billing: read
    federation:
      - issuer: https://issuer.example
        subject: system:serviceaccount:apps:deployer
  - name: backup.bot
default_permissions:
  - robot: deployer
    role: write
  - robot: deployer
    role: read
    activating_user: alice
";

    fn problems(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn a_good_file_parses_with_its_places() {
        let (f, map) = parse(GOOD).unwrap();
        assert_eq!(f.namespace, "acme");
        let d = &f.robots[&RobotShort::parse("deployer").unwrap()];
        assert_eq!(d.description, "Deploys to production");
        assert_eq!(d.repositories.len(), 2);
        assert_eq!(d.federation.len(), 1);
        assert_eq!(f.default_permissions.len(), 2);
        let key = (
            RobotShort::parse("deployer").unwrap(),
            RepoName::parse("billing").unwrap(),
        );
        assert_eq!(map.repositories[&key].0, Pos { line: 9, column: 7 });
        assert_eq!(
            map.namespace,
            Pos {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn the_same_file_in_json_parses_to_the_same_thing() {
        let json = r#"{"version": 1, "namespace": "acme", "robots": [
          {"name": "backup.bot"},
          {"name": "deployer", "description": "Deploys to production", "teams": ["developers"],
           "repositories": {"api-server": "write", "billing": "read"},
           "federation": [{"issuer": "https://issuer.example", "subject": "system:serviceaccount:apps:deployer"}]}],
          "default_permissions": [{"robot": "deployer", "role": "write"},
            {"robot": "deployer", "role": "read", "activating_user": "alice"}]}"#;
        assert_eq!(parse(json).unwrap().0, parse(GOOD).unwrap().0);
    }

    #[test]
    fn unknown_keys_are_refused_at_their_place_with_a_suggestion() {
        let text = GOOD.replace("    repositories:", "    repos:");
        let p = problems(&text);
        assert_eq!(
            p[0],
            "line 7, column 5: robots[0]: unknown key 'repos'. Did you mean 'repositories'? Allowed here: name, description, teams, repositories, federation."
        );
        let p = problems(&GOOD.replace("default_permissions:", "defaults:"));
        assert!(
            p[0].starts_with(
                "line 14, column 1: unknown key 'defaults'. Did you mean 'default_permissions'?"
            ),
            "{p:?}"
        );
    }

    #[test]
    fn bad_names_and_roles_name_the_field() {
        let p = problems(&GOOD.replace("billing: read", "billing: reader"));
        assert_eq!(
            p,
            vec!["line 9, column 16: robots[0].repositories.billing: 'reader' is not a role; use read, write or admin."]
        );
        let p = problems(&GOOD.replace("name: backup.bot", "name: Backup Bot"));
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("line 13, column 11: robots[1].name: 'Backup Bot' is not a valid robot account name."), "{p:?}");
        let p = problems(&GOOD.replace("name: backup.bot", "name: acme+backup.bot"));
        assert!(
            p[0].ends_with(
                "write only the short name 'backup.bot': the namespace comes from `namespace`."
            ),
            "{p:?}"
        );
        let p = problems(&GOOD.replace("teams: [developers]", "teams: [Developers]"));
        assert!(
            p[0].starts_with(
                "line 6, column 13: robots[0].teams[0]: 'Developers' is not a valid team name."
            ),
            "{p:?}"
        );
        let p = problems(&GOOD.replace("role: write", "role: 1"));
        assert!(p[0].contains("expected text, found a number (1)"), "{p:?}");
    }

    #[test]
    fn duplicates_are_refused_with_the_first_place() {
        let p = problems(&GOOD.replace("  - name: backup.bot", "  - name: deployer"));
        assert_eq!(
            p,
            vec!["line 13, column 5: robots[1]: robot 'deployer' is listed twice (first on line 4); merge the two."]
        );
        let p = problems(&GOOD.replace(
            "      billing: read",
            "      billing: read\n      billing: write",
        ));
        assert!(p[0].starts_with("line 10, column 7: robots[0].repositories.billing: repository 'billing' is listed twice (first on line 9)"), "{p:?}");
        let p = problems(&GOOD.replace("teams: [developers]", "teams: [developers, developers]"));
        assert!(p[0].contains("team 'developers' is listed twice"), "{p:?}");
        let p = problems(&GOOD.replace("    activating_user: alice\n", ""));
        assert!(p[0].contains("listed twice (first on line 15)"), "{p:?}");
        let p = problems(&GOOD.replace("namespace: acme", "namespace: acme\nnamespace: acme"));
        assert!(
            p[0].starts_with("line 3, column 1: key 'namespace' appears twice"),
            "{p:?}"
        );
    }

    #[test]
    fn federation_follows_quays_rules_at_the_field() {
        let p = problems(&GOOD.replace("https://issuer.example", "issuer.example"));
        assert_eq!(
            p,
            vec!["line 11, column 17: robots[0].federation[0].issuer: Issuer must be a URL (http:// or https://)"]
        );
        let p =
            problems(&GOOD.replace("        subject: system:serviceaccount:apps:deployer\n", ""));
        assert!(
            p[0].ends_with("robots[0].federation[0]: missing key 'subject'."),
            "{p:?}"
        );
    }

    #[test]
    fn structure_problems_are_all_reported() {
        let p = problems("version: 2\nrobots: {}\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p.iter().any(|m| m.contains("missing key 'namespace'")));
        assert!(p.iter().any(|m| m.starts_with(
            "line 1, column 10: version: this console reads robots files of version 1; found '2'."
        )));
        assert!(p
            .iter()
            .any(|m| m.starts_with("line 2, column 9: robots: expected a list, found a mapping.")));
        assert_eq!(problems("")[0], "line 1, column 1: The file is empty: a robots file has `version: 1`, `namespace` and `robots`.");
        assert_eq!(problems("- a\n")[0], "line 1, column 1: expected a mapping with version, namespace and robots, found a list.");
        let p = problems(&GOOD.replace(
            "  - robot: deployer\n    role: write\n",
            "  - robot: ghost\n    role: write\n",
        ));
        assert!(p[0].contains("robot 'ghost' is not in `robots`"), "{p:?}");
    }

    #[test]
    fn empty_values_mean_absent() {
        let (f, _) = parse("version: 1\nnamespace: acme\nrobots:\n  - name: bot\n    teams:\n    description:\ndefault_permissions:\n").unwrap();
        assert_eq!(f.robots.len(), 1);
        assert!(f.default_permissions.is_empty());
    }

    #[test]
    fn suggestions_are_only_for_near_misses() {
        assert_eq!(suggestion("repos", ROBOT_KEYS), Some("repositories"));
        assert_eq!(suggestion("team", ROBOT_KEYS), Some("teams"));
        assert_eq!(suggestion("descripton", ROBOT_KEYS), Some("description"));
        assert_eq!(suggestion("zzz", ROBOT_KEYS), None);
    }
}
