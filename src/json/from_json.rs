//! JSON read by the browser's own parser.
//!
//! serde's derived `Deserialize` compiles, for every type, a visitor that matches field names and
//! drives the reader, once per reader (serde_json's, here): the robots tab's answers, its
//! resources and its stored preferences brought some 50 kB of such code (before optimisation)
//! into the main module. The types the robots tab reads implement [`FromJson`] instead: the text
//! goes through `JSON.parse` and each field is read from the resulting object, which needs no
//! parser in the wasm and a few lines of code per type. The JSON is the same that serde writes:
//! the server still serialises with serde_json, and the tests below check, type by type, that
//! [`FromJson`] reads back exactly what serde wrote.
//!
//! Outside the browser (the server, the tests) a [`Node`] is a `serde_json::Value`.

use std::collections::BTreeMap;

/// One parsed JSON value.
#[derive(Clone)]
pub struct Node(Inner);

#[cfg(target_arch = "wasm32")]
type Inner = wasm_bindgen::JsValue;
#[cfg(not(target_arch = "wasm32"))]
type Inner = serde_json::Value;

#[cfg(target_arch = "wasm32")]
impl Node {
    /// Parses `text` (`JSON.parse`).
    pub fn parse(text: &str) -> Option<Node> {
        js_sys::JSON::parse(text).ok().map(Node)
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }

    /// The member `key` of an object; `None` when it is missing (or this is no object).
    pub fn get(&self, key: &str) -> Option<Node> {
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &wasm_bindgen::JsValue::from_str(key)).ok()?;
        (!v.is_undefined()).then_some(Node(v))
    }

    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    pub fn str(&self) -> Option<String> {
        self.0.as_string()
    }

    pub fn num(&self) -> Option<f64> {
        self.0.as_f64()
    }

    pub fn bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    /// The items of an array.
    pub fn items(&self) -> Option<Vec<Node>> {
        use wasm_bindgen::JsCast;
        let a = self.0.dyn_ref::<js_sys::Array>()?;
        Some(a.iter().map(Node).collect())
    }

    /// The value read by serde's derived reader (see [`from_json_serde`]).
    pub fn deserialize<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let text = String::from(js_sys::JSON::stringify(&self.0).ok()?);
        serde_json::from_slice(text.as_bytes()).ok()
    }

    /// The members of an object, in order.
    pub fn entries(&self) -> Option<Vec<(String, Node)>> {
        use wasm_bindgen::JsCast;
        if !self.is_object() {
            return None;
        }
        js_sys::Object::entries(self.0.unchecked_ref())
            .iter()
            .map(|e| {
                let e: js_sys::Array = e.unchecked_into();
                Some((e.get(0).as_string()?, Node(e.get(1))))
            })
            .collect()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Node {
    pub fn parse(text: &str) -> Option<Node> {
        serde_json::from_str(text).ok().map(Node)
    }

    pub fn get(&self, key: &str) -> Option<Node> {
        self.0.as_object()?.get(key).cloned().map(Node)
    }

    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    pub fn str(&self) -> Option<String> {
        self.0.as_str().map(str::to_string)
    }

    pub fn num(&self) -> Option<f64> {
        self.0.as_f64()
    }

    pub fn bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    pub fn items(&self) -> Option<Vec<Node>> {
        Some(self.0.as_array()?.iter().cloned().map(Node).collect())
    }

    pub fn deserialize<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.0.clone()).ok()
    }

    pub fn entries(&self) -> Option<Vec<(String, Node)>> {
        Some(
            self.0
                .as_object()?
                .iter()
                .map(|(k, v)| (k.clone(), Node(v.clone())))
                .collect(),
        )
    }
}

impl Node {
    /// The member `key`, read as a struct's field (see [`FromJson::from_field`]).
    pub fn field<T: FromJson>(&self, key: &str) -> Option<T> {
        T::from_field(self.get(key))
    }
}

/// A type read from parsed JSON, in the shape serde's derive writes it.
pub trait FromJson: Sized {
    fn from_json(v: &Node) -> Option<Self>;

    /// A struct's field, `None` when missing: missing is an error, except for an `Option`
    /// (serde's derive reads a missing `Option` field as `None`).
    fn from_field(v: Option<Node>) -> Option<Self> {
        Self::from_json(&v?)
    }
}

/// Reads a `T` from JSON text.
pub fn read<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&Node::parse(text)?)
}

impl FromJson for String {
    fn from_json(v: &Node) -> Option<Self> {
        v.str()
    }
}

impl FromJson for bool {
    fn from_json(v: &Node) -> Option<Self> {
        v.bool()
    }
}

impl FromJson for () {
    fn from_json(v: &Node) -> Option<Self> {
        v.is_null().then_some(())
    }
}

/// An integral number within the type's range (serde_json refuses fractions and overflow).
macro_rules! from_json_integer {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Node) -> Option<Self> {
                let f = v.num()?;
                (f.fract() == 0.0 && f >= <$t>::MIN as f64 && f <= <$t>::MAX as f64).then(|| f as $t)
            }
        }
    )*};
}
from_json_integer!(i64, u16, u32, u64, usize);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Node) -> Option<Self> {
        if v.is_null() {
            Some(None)
        } else {
            T::from_json(v).map(Some)
        }
    }

    fn from_field(v: Option<Node>) -> Option<Self> {
        match v {
            None => Some(None),
            Some(v) => Self::from_json(&v),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Node) -> Option<Self> {
        v.items()?.iter().map(T::from_json).collect()
    }
}

/// A map with string keys (the keys parsed as serde's `try_from = "String"` does).
impl<K: TryFrom<String> + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(v: &Node) -> Option<Self> {
        v.entries()?
            .into_iter()
            .map(|(k, v)| Some((K::try_from(k).ok()?, V::from_json(&v)?)))
            .collect()
    }
}

/// The only member of an object, as serde writes an enum's variant with data: `{"Variant": …}`.
pub fn variant(v: &Node) -> Option<(String, Node)> {
    let mut e = v.entries()?;
    (e.len() == 1).then(|| e.remove(0))
}

/// serde writes a `Result` as `{"Ok": …}` or `{"Err": …}`.
impl<T: FromJson, E: FromJson> FromJson for Result<T, E> {
    fn from_json(v: &Node) -> Option<Self> {
        let (k, v) = variant(v)?;
        match k.as_str() {
            "Ok" => T::from_json(&v).map(Ok),
            "Err" => E::from_json(&v).map(Err),
            _ => None,
        }
    }
}

/// `FromJson` for a struct with named fields, each read from its member of the same name.
macro_rules! from_json_struct {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node) -> Option<Self> {
                Some($ty {
                    $($field: v.field(stringify!($field))?,)*
                })
            }
        }
    )*};
}

/// `FromJson` for an enum of unit variants, each written as the given string.
macro_rules! from_json_unit_enum {
    ($ty:ident { $($text:literal => $variant:ident),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node) -> Option<Self> {
                match v.str()?.as_str() {
                    $($text => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

/// `FromJson` through serde's derived reader (and serde_json's), for the bulk engine's items of
/// the tabs that bring serde_json into the browser anyway (the access report, robots as code).
/// In the browser the value goes back to text with `JSON.stringify` first, so its numbers are
/// JavaScript's (exact up to 2^53; these types hold none that large).
macro_rules! from_json_serde {
    ($($ty:ty),*) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node) -> Option<Self> {
                v.deserialize()
            }
        }
    )*};
}

/// `FromJson` for a type serde reads with `try_from = "String"`.
macro_rules! from_json_string {
    ($($ty:ty),*) => {$(
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Node) -> Option<Self> {
                <$ty>::try_from(v.str()?).ok()
            }
        }
    )*};
}

pub(crate) use {from_json_serde, from_json_string, from_json_struct, from_json_unit_enum};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::last_used::LastUsed;
    use crate::error::{AppError, ErrorKind};
    use crate::quay::ids::{LogDate, Namespace, RobotName};
    use crate::robot_list::{RobotRow, RobotsPage, Sort, SortColumn, TablePrefs};
    use crate::server::namespaces::{NamespaceList, NamespaceSummary};
    use crate::server::session::{SessionView, SignInWays};
    use crate::standing::Standing;
    use serde::Serialize;
    use std::fmt::Debug;

    /// What serde writes, read back by `FromJson`, is the value again.
    fn round_trip<T: Serialize + FromJson + PartialEq + Debug>(v: T) {
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(read::<T>(&text).as_ref(), Some(&v), "{text}");
    }

    fn row(name: &str, full: bool) -> RobotRow {
        let some = |s: &str| full.then(|| s.to_string());
        RobotRow {
            name: RobotName::parse(name).unwrap(),
            description: if full {
                "Pushes \"images\" — é".into()
            } else {
                String::new()
            },
            teams: full.then(|| vec!["owners".into(), "ci".into()]),
            repositories: full.then(Vec::new),
            last_accessed: some("Tue, 01 Dec 2026 10:00:00 -0000"),
            last_accessed_epoch: full.then_some(1_796_119_200),
            created: some("Mon, 01 Jan 2024 00:00:00 -0000"),
            created_epoch: full.then_some(1_704_067_200),
            log_last_used: full.then_some(-1),
        }
    }

    #[test]
    fn what_serde_writes_reads_back() {
        for standing in [
            Standing::Own,
            Standing::Admin,
            Standing::Superuser,
            Standing::Outsider,
            Standing::Member {
                admin_teams: vec!["owners".into()],
            },
            Standing::Member {
                admin_teams: vec![],
            },
        ] {
            round_trip(RobotsPage {
                namespace: Namespace::parse("acme").unwrap(),
                is_user: false,
                standing,
                robots_disallow: true,
                robots: vec![row("acme+alpha", true), row("acme+beta_2", false)],
            });
        }
        round_trip(Ok::<_, AppError>(RobotsPage {
            namespace: Namespace::parse("alice").unwrap(),
            is_user: true,
            standing: Standing::Own,
            robots_disallow: false,
            robots: vec![],
        }));
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::InvalidRequest,
            ErrorKind::Unauthorized,
            ErrorKind::Forbidden,
            ErrorKind::Conflict,
            ErrorKind::Upstream,
            ErrorKind::Timeout,
            ErrorKind::Internal,
        ] {
            round_trip(Err::<RobotsPage, _>(AppError::new(403, kind, "No.")));
        }
        round_trip(Some(SessionView {
            username: "admin".into(),
            can_sign_out: true,
        }));
        round_trip(None::<SessionView>);
        round_trip(Ok::<Option<SessionView>, AppError>(None));
        round_trip(LastUsed::default());
        round_trip(LastUsed {
            since: Some(LogDate::parse("2026-09-02").unwrap()),
            complete: false,
            reached: Some(1_790_000_000),
            used: [("acme+alpha", 1_796_119_200), ("acme+beta", 0)]
                .into_iter()
                .map(|(n, t)| (RobotName::parse(n).unwrap(), t))
                .collect(),
        });
        for column in SortColumn::ALL {
            round_trip(TablePrefs {
                per_page: 100,
                sort: Sort {
                    column,
                    ascending: true,
                },
                expanded: true,
            });
        }
        round_trip(TablePrefs::default());
        round_trip(Ok::<_, AppError>(NamespaceList {
            username: "admin".into(),
            namespaces: vec![
                NamespaceSummary {
                    name: "admin".into(),
                    is_user: true,
                    standing: Standing::Own,
                },
                NamespaceSummary {
                    name: "acme".into(),
                    is_user: false,
                    standing: Standing::Member {
                        admin_teams: vec![],
                    },
                },
            ],
            superuser: false,
        }));
        round_trip(Ok::<_, AppError>(SignInWays {
            demo: true,
            oauth: false,
        }));
        round_trip(());
    }

    #[test]
    fn the_dialogs_answers_and_the_bulk_engines_lines_read_back() {
        use crate::bulk::{Event, Outcome};
        use crate::permissions::{Action, Change, Perm};
        use crate::quay::ids::{RepoName, TeamName};
        use crate::server::credentials::RobotLogin;
        use crate::server::robots::TeamSummary;
        round_trip(Ok::<_, AppError>(RobotLogin {
            name: RobotName::parse("acme+deployer").unwrap(),
            token: "T0KEN\"é".into(),
            host: "localhost:8080".into(),
        }));
        round_trip(Ok::<_, AppError>(vec![TeamSummary {
            name: TeamName::parse("owners").unwrap(),
            role: "admin".into(),
            member_count: 3,
            description: String::new(),
        }]));
        let outcomes = [
            Outcome::Done,
            Outcome::Failed {
                status: 500,
                message: "Injected fault (500)".into(),
            },
            Outcome::Skipped {
                reason: "already deleted".into(),
            },
        ];
        for outcome in outcomes {
            round_trip(Event::<RobotName>::Item {
                item: RobotName::parse("acme+deployer").unwrap(),
                outcome,
                data: None,
            });
        }
        round_trip(Event::<RobotName>::Started { total: 3 });
        round_trip(Event::<RobotName>::Finished);
        round_trip(Event::<String, Vec<u32>>::Item {
            item: "x".into(),
            outcome: Outcome::Done,
            data: Some(vec![1, 2]),
        });
        for action in [
            Action::Delete,
            Action::Put(Perm::None),
            Action::Put(Perm::Read),
        ]
        .into_iter()
        .chain([Action::Put(Perm::Write), Action::Put(Perm::Admin)])
        {
            round_trip(Event::<Change>::Item {
                item: Change {
                    repo: RepoName::parse("web").unwrap(),
                    action,
                },
                outcome: Outcome::Done,
                data: None,
            });
        }
        for step in [
            crate::wizard::FollowUp::Team {
                team: TeamName::parse("ci").unwrap(),
            },
            crate::wizard::FollowUp::Repository {
                repo: RepoName::parse("web").unwrap(),
                perm: Perm::Write,
            },
            crate::wizard::FollowUp::DefaultPermission { perm: Perm::Read },
        ] {
            round_trip(Event::<crate::wizard::FollowUp>::Item {
                item: step,
                outcome: Outcome::Done,
                data: None,
            });
        }
        // The types read through serde (the access report's, robots as code's).
        round_trip(crate::access::Fetch::Robot(
            RobotName::parse("acme+deployer").unwrap(),
        ));
        round_trip(crate::access::Fetch::Repositories);
        // Refused: an unknown tag, a missing field, a Put without its permission.
        assert_eq!(read::<Outcome>(r#"{"result":"maybe"}"#), None);
        assert_eq!(read::<Outcome>(r#"{"result":"failed","status":500}"#), None);
        assert_eq!(read::<Event<String>>(r#"{"event":"started"}"#), None);
        assert_eq!(read::<Action>(r#"{"Put":"Owner"}"#), None);
        assert_eq!(read::<Action>(r#""Put""#), None);
        assert_eq!(read::<Action>(r#"{"Delete":null}"#), None);
        assert_eq!(
            read::<crate::wizard::FollowUp>(r#"{"Team":{"repo":"web"}}"#),
            None
        );
    }

    #[test]
    fn what_serde_refuses_is_refused() {
        // A missing field (only an Option may be missing), a wrong type, a bad name or date, a
        // fraction or an overflow where an integer belongs, an unknown variant, broken JSON.
        assert_eq!(read::<SessionView>(r#"{"username":"a"}"#), None);
        assert_eq!(
            read::<SessionView>(r#"{"username":1,"can_sign_out":true}"#),
            None
        );
        assert_eq!(read::<RobotName>(r#""acme""#), None);
        assert_eq!(read::<LogDate>(r#""2026-13-01""#), None);
        assert_eq!(read::<u16>("1.5"), None);
        assert_eq!(read::<u16>("65536"), None);
        assert_eq!(read::<usize>("-1"), None);
        assert_eq!(read::<Standing>(r#""Owner""#), None);
        assert_eq!(read::<Standing>(r#"{"Member":{}}"#), None);
        assert_eq!(
            read::<Result<(), AppError>>(r#"{"Ok":null,"Err":null}"#),
            None
        );
        assert_eq!(read::<ErrorKind>(r#""NotFound""#), None);
        assert_eq!(read::<Vec<String>>("[\"a\""), None);
        // Unknown members are ignored, as serde does without `deny_unknown_fields`.
        assert_eq!(
            read::<SessionView>(r#"{"username":"a","can_sign_out":false,"x":1}"#),
            Some(SessionView {
                username: "a".into(),
                can_sign_out: false
            })
        );
    }
}
