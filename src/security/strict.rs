//! Strict server-function arguments: a request naming a field the server function does not
//! take is refused (400) before anything runs. Serde ignores unknown fields, which would let a
//! misspelt or smuggled argument pass silently; this registry knows every server function's
//! fields, read from its own `Deserialize` implementation.

use serde::de::{self, Deserializer, Visitor};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A deserializer that only records the field names a struct asks for.
struct FieldNames(Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for &mut FieldNames {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("field names recorded"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The field names of struct `T` (empty for a struct without fields).
pub fn fields_of<T: de::DeserializeOwned>() -> &'static [&'static str] {
    let mut d = FieldNames(None);
    let _ = T::deserialize(&mut d);
    d.0.unwrap_or(&[])
}

macro_rules! registry {
    ($($t:ty),* $(,)?) => {
        vec![$((<$t as leptos::server_fn::ServerFn>::PATH, fields_of::<$t>())),*]
    };
}

/// Every server function's path and argument names.
pub fn registry() -> &'static HashMap<&'static str, &'static [&'static str]> {
    static R: OnceLock<HashMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    R.get_or_init(|| {
        use crate::server::*;
        registry![
            access::LoadAccessPlan,
            access::AccessGather,
            access::AccessSummary,
            activity::RobotActivity,
            activity::RobotActivityEvents,
            activity::RobotsLastUsed,
            credentials::RobotCredentials,
            credentials::RegenerateRobotToken,
            federation::GetFederation,
            federation::SaveFederation,
            federation::TestExchange,
            iac::IacExport,
            iac::IacPlan,
            iac::IacApply,
            namespaces::ListNamespaces,
            permissions::NamespaceRepositories,
            permissions::RobotRepoPermissions,
            permissions::RobotPermissionMap,
            permissions::SavePermissions,
            robots::ListRobots,
            robots::DeleteRobots,
            robots::OrgTeams,
            session::SessionInfo,
            session::SignInOptions,
            session::SignIn,
            session::SignInDemo,
            session::SignOut,
            wizard::WizardCreateRobot,
            wizard::WizardRetrySteps,
            wizard::WizardCreateTeam,
        ]
        .into_iter()
        .collect()
    })
}

/// The top-level argument names a server-function body carries (a JSON object's keys, or a
/// form's names; the CSRF field of no-JS forms is not an argument). None: not an object.
pub fn body_keys(body: &[u8], json: bool) -> Option<Vec<String>> {
    if json {
        match serde_json::from_slice::<serde_json::Value>(body).ok()? {
            serde_json::Value::Object(m) => Some(m.keys().cloned().collect()),
            _ => None,
        }
    } else {
        Some(
            String::from_utf8_lossy(body)
                .split('&')
                .filter(|kv| !kv.is_empty())
                .map(|kv| crate::router::decode(kv.split_once('=').map_or(kv, |(k, _)| k)))
                // `a[b]=` nests under `a`.
                .map(|k| k.split('[').next().unwrap_or(&k).to_string())
                .filter(|k| k != crate::csrf::FIELD)
                .collect(),
        )
    }
}

/// The names in `keys` that the server function at `path` does not take.
pub fn unknown_fields(path: &str, keys: &[String]) -> Vec<String> {
    match registry().get(path) {
        Some(fields) => {
            let mut v: Vec<String> = keys
                .iter()
                .filter(|k| !fields.contains(&k.as_str()))
                .cloned()
                .collect();
            v.sort();
            v.dedup();
            v
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_server_function_is_registered_with_its_fields() {
        let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, _)| p)
            .collect();
        assert!(!paths.is_empty());
        for p in &paths {
            assert!(
                registry().contains_key(p),
                "server function {p} is missing from security::strict::registry()"
            );
        }
        assert_eq!(
            registry()["/api/delete_robots"],
            &["namespace", "names"][..]
        );
        assert!(registry()["/api/sign_out"].is_empty());
    }

    #[test]
    fn unknown_names_are_found_in_json_and_forms() {
        let json = br#"{"namespace":"acme","names":[],"evil":1}"#;
        let keys = body_keys(json, true).unwrap();
        assert_eq!(unknown_fields("/api/delete_robots", &keys), ["evil"]);
        let form = b"namespace=acme&csrf_token=x&extra%5B0%5D=1&extra[1]=2&ev%69l=";
        let keys = body_keys(form, false).unwrap();
        assert_eq!(unknown_fields("/api/list_robots", &keys), ["evil", "extra"]);
        assert_eq!(body_keys(b"[1]", true), None);
    }
}
