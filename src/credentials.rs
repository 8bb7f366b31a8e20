//! Credential texts of the credentials modal (spec §6, "How the strings are built"): pure
//! functions, byte-exact to Quay's UI except where noted as a fixed quirk.
//!
//! Every shell command quotes names and tokens with single quotes so any character is safe.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// Which registry scope the pull secret and the Docker configuration cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecretScope {
    /// `{host}/{ns}`: only this organization (or user namespace). Quay's default.
    #[default]
    Organization,
    /// `{host}`: the whole registry.
    Registry,
}

impl SecretScope {
    pub const ALL: [SecretScope; 2] = [SecretScope::Organization, SecretScope::Registry];

    /// The option's label (Quay says "Organization" even for user namespaces).
    pub fn label(self) -> &'static str {
        match self {
            SecretScope::Organization => "Organization",
            SecretScope::Registry => "Registry",
        }
    }

    /// The registry key the credentials apply to.
    pub fn value(self, host: &str, namespace: &str) -> String {
        match self {
            SecretScope::Organization => format!("{host}/{namespace}"),
            SecretScope::Registry => host.to_string(),
        }
    }
}

/// The full name with every non-`[a-zA-Z0-9]` character replaced by `-`, one leading `-`
/// stripped: `org+my_bot.x` becomes `org-my-bot-x`.
pub fn escaped(fullname: &str) -> String {
    let s: String = fullname
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.strip_prefix('-').map(str::to_string).unwrap_or(s)
}

/// `{escaped}-secret.yml`, the downloaded Kubernetes secret.
pub fn secret_file_name(fullname: &str) -> String {
    format!("{}-secret.yml", escaped(fullname))
}

/// `{escaped}-auth.json`, the downloaded Docker configuration.
pub fn auth_file_name(fullname: &str) -> String {
    format!("{}-auth.json", escaped(fullname))
}

/// Standard base64 (with padding) of `name:token`, the `auth` of a Docker config.
pub fn docker_auth(fullname: &str, token: &str) -> String {
    STANDARD.encode(format!("{fullname}:{token}"))
}

/// `{"auths": {scope: {"auth", "email": ""}}}` with 2-space indent and no trailing newline,
/// as `JSON.stringify(value, null, "  ")` writes it. Written here, not by serde_json, so the
/// credentials dialog brings no JSON writer into the browser.
pub fn docker_config_json(scope: &str, fullname: &str, token: &str) -> String {
    format!(
        "{{\n  \"auths\": {{\n    {}: {{\n      \"auth\": {},\n      \"email\": \"\"\n    }}\n  }}\n}}",
        json_string(scope),
        json_string(&docker_auth(fullname, token))
    )
}

/// `s` as a JSON string, escaped as serde_json and `JSON.stringify` escape it.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Kubernetes pull secret (lines joined with `\n`, no trailing newline).
pub fn secret_yaml(scope: &str, fullname: &str, token: &str) -> String {
    let config = STANDARD.encode(docker_config_json(scope, fullname, token));
    [
        "apiVersion: v1".to_string(),
        "kind: Secret".to_string(),
        "metadata:".to_string(),
        format!("  name: {}-pull-secret", escaped(fullname)),
        "data:".to_string(),
        format!("  .dockerconfigjson: {config}"),
        "type: kubernetes.io/dockerconfigjson".to_string(),
    ]
    .join("\n")
}

/// The `kubectl create` command. Fixed Quay quirk: Quay names `{name with the first "+"
/// replaced}-secret.yml`, which is not the downloaded file for names with `_` or `.`; this
/// names the file that the download link saves.
pub fn kubectl_command(fullname: &str) -> String {
    format!(
        "kubectl create -f {} --namespace=NAMESPACEHERE",
        shell_word(&secret_file_name(fullname))
    )
}

/// The example Pod using the pull secret.
pub fn pod_yaml(host: &str, namespace: &str, fullname: &str) -> String {
    [
        "apiVersion: v1".to_string(),
        "kind: Pod".to_string(),
        "metadata:".to_string(),
        "  name: somepod".to_string(),
        "  namespace: all".to_string(),
        "spec:".to_string(),
        "  containers:".to_string(),
        "    - name: web".to_string(),
        format!("      image: {host}/{namespace}/somerepo"),
        "  imagePullSecrets:".to_string(),
        format!("    - name: {}-pull-secret", escaped(fullname)),
    ]
    .join("\n")
}

/// `podman login -u='{name}' -p='{token}' {host}`.
pub fn podman_login(fullname: &str, token: &str, host: &str) -> String {
    login_command("podman", fullname, token, host)
}

/// `docker login -u='{name}' -p='{token}' {host}`.
pub fn docker_login(fullname: &str, token: &str, host: &str) -> String {
    login_command("docker", fullname, token, host)
}

fn login_command(tool: &str, fullname: &str, token: &str, host: &str) -> String {
    format!(
        "{tool} login -u={} -p={} {}",
        shell_quote(fullname),
        shell_quote(token),
        shell_word(host)
    )
}

/// `mv {escaped}-auth.json ~/.docker/config.json`.
pub fn mv_command(fullname: &str) -> String {
    format!(
        "mv {} ~/.docker/config.json",
        shell_word(&auth_file_name(fullname))
    )
}

/// Single-quotes `s` for a POSIX shell; a `'` inside becomes `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `s` as is when it has only characters no shell treats specially (and does not start with
/// `-` or `~`), else single-quoted.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(['-', '~'])
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-+:/@%,=".contains(c));
    if plain {
        s.to_string()
    } else {
        shell_quote(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ABC123XYZ";

    #[test]
    fn escaped_replaces_plus_underscore_dot_and_dash() {
        assert_eq!(escaped("org+my_bot.x"), "org-my-bot-x");
        assert_eq!(escaped("acme+a-b"), "acme-a-b");
        assert_eq!(escaped("+lead"), "lead");
        assert_eq!(escaped("--x"), "-x");
        assert_eq!(secret_file_name("org+my_bot.x"), "org-my-bot-x-secret.yml");
        assert_eq!(auth_file_name("org+my_bot.x"), "org-my-bot-x-auth.json");
    }

    #[test]
    fn docker_auth_is_base64_of_name_colon_token() {
        assert_eq!(
            docker_auth("org+my_bot.x", TOKEN),
            "b3JnK215X2JvdC54OkFCQzEyM1hZWg=="
        );
    }

    #[test]
    fn docker_config_is_what_serde_json_writes_for_any_scope() {
        for scope in [
            "h:8080",
            "a\"b\\c",
            "tab\there\nnl\r\u{8}\u{c}\u{1}\u{1f}",
            "h\u{7f}/é/😀",
            "",
        ] {
            let mut entry = serde_json::Map::new();
            entry.insert("auth".into(), docker_auth("o+r", TOKEN).into());
            entry.insert("email".into(), "".into());
            let mut auths = serde_json::Map::new();
            auths.insert(scope.to_string(), entry.into());
            let root = serde_json::json!({ "auths": auths });
            let want = serde_json::to_string_pretty(&root).unwrap();
            assert_eq!(docker_config_json(scope, "o+r", TOKEN), want, "{scope:?}");
        }
    }

    #[test]
    fn docker_config_is_two_space_json_keyed_by_the_scope() {
        let json = docker_config_json("quay.example.com/org", "org+my_bot.x", TOKEN);
        assert_eq!(
            json,
            "{\n  \"auths\": {\n    \"quay.example.com/org\": {\n      \"auth\": \"b3JnK215X2JvdC54OkFCQzEyM1hZWg==\",\n      \"email\": \"\"\n    }\n  }\n}"
        );
    }

    #[test]
    fn secret_yaml_embeds_the_base64_docker_config() {
        let yaml = secret_yaml("h:8080", "org+my_bot.x", TOKEN);
        let b64 = STANDARD.encode(docker_config_json("h:8080", "org+my_bot.x", TOKEN));
        assert_eq!(
            yaml,
            format!(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: org-my-bot-x-pull-secret\ndata:\n  .dockerconfigjson: {b64}\ntype: kubernetes.io/dockerconfigjson"
            )
        );
    }

    #[test]
    fn kubectl_names_the_downloaded_file_fixing_quays_first_plus_only_replacement() {
        // Quay: `kubectl create -f org-my_bot.x-secret.yml` (a file nobody downloaded).
        assert_eq!(
            kubectl_command("org+my_bot.x"),
            "kubectl create -f org-my-bot-x-secret.yml --namespace=NAMESPACEHERE"
        );
        assert_eq!(
            kubectl_command("acme+a-b"),
            "kubectl create -f acme-a-b-secret.yml --namespace=NAMESPACEHERE"
        );
    }

    #[test]
    fn pod_yaml_references_the_image_and_secret() {
        assert_eq!(
            pod_yaml("quay.io", "org", "org+my_bot.x"),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: somepod\n  namespace: all\nspec:\n  containers:\n    - name: web\n      image: quay.io/org/somerepo\n  imagePullSecrets:\n    - name: org-my-bot-x-pull-secret"
        );
    }

    #[test]
    fn login_commands_single_quote_name_and_token() {
        assert_eq!(
            podman_login("org+my_bot.x", TOKEN, "localhost:8080"),
            "podman login -u='org+my_bot.x' -p='ABC123XYZ' localhost:8080"
        );
        assert_eq!(
            docker_login("org+a-b", TOKEN, "quay.io"),
            "docker login -u='org+a-b' -p='ABC123XYZ' quay.io"
        );
    }

    #[test]
    fn shell_quoting_is_safe_for_quotes_and_specials() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(
            podman_login("o+x", "a'b$c", "h o"),
            r"podman login -u='o+x' -p='a'\''b$c' 'h o'"
        );
        assert_eq!(shell_word("quay.io:443"), "quay.io:443");
        assert_eq!(shell_word("-rf"), "'-rf'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn mv_command_moves_the_downloaded_file() {
        assert_eq!(
            mv_command("org+my_bot.x"),
            "mv org-my-bot-x-auth.json ~/.docker/config.json"
        );
    }

    #[test]
    fn scope_values() {
        assert_eq!(SecretScope::Organization.value("h:1", "org"), "h:1/org");
        assert_eq!(SecretScope::Registry.value("h:1", "org"), "h:1");
        assert_eq!(SecretScope::default(), SecretScope::Organization);
    }
}
