//! Usage snippets for a federated robot.

/// A Kubernetes object name from a robot name: `acme+backup.bot` → `acme-backup-bot`.
pub fn k8s_name(robot: &str) -> String {
    let mut s: String = robot
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-');
    let s = if s.len() > 40 { &s[..40] } else { s };
    s.trim_end_matches('-').to_string()
}

/// The service account name of the first `system:serviceaccount:<ns>:<name>` subject.
pub fn service_account_from_subjects<'a>(
    subjects: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    subjects.into_iter().find_map(|s| {
        let rest = s.strip_prefix("system:serviceaccount:")?;
        let (_, name) = rest.split_once(':')?;
        (!name.is_empty()).then(|| name.to_string())
    })
}

/// Single-quoted YAML scalar.
fn yq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Single-quoted shell word.
fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The External Secrets `QuayAccessToken` generator and an `ExternalSecret` that keeps a
/// dockerconfigjson pull secret fresh (the robot token lives one hour; refresh every 55 minutes).
pub fn external_secrets_yaml(robot: &str, registry_host: &str, service_account: &str) -> String {
    let base = k8s_name(robot);
    format!(
        r#"# The service account's token is exchanged for a robot token: federate the robot with the
# cluster's issuer and subject system:serviceaccount:<namespace>:{sa}.
apiVersion: generators.external-secrets.io/v1alpha1
kind: QuayAccessToken
metadata:
  name: {base}-token
spec:
  url: {host}
  robotAccount: {robot}
  serviceAccountRef:
    name: {sa_q}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {base}-pull-secret
spec:
  refreshInterval: 55m
  target:
    name: {base}-pull-secret
    template:
      type: kubernetes.io/dockerconfigjson
      data:
        .dockerconfigjson: |
          {{"auths":{{"{{{{ .registry }}}}":{{"auth":"{{{{ .auth }}}}"}}}}}}
  dataFrom:
    - sourceRef:
        generatorRef:
          apiVersion: generators.external-secrets.io/v1alpha1
          kind: QuayAccessToken
          name: {base}-token
"#,
        sa = service_account,
        sa_q = yq(service_account),
        host = yq(registry_host),
        robot = yq(robot),
    )
}

/// `podman login` with a token obtained from the exchange (in `$QUAY_TOKEN`).
pub fn podman_login(robot: &str, registry_host: &str) -> String {
    format!(
        "echo \"$QUAY_TOKEN\" | podman login --username {} --password-stdin {}",
        sq(robot),
        sq(registry_host)
    )
}

/// A CI step: exchange the job's OIDC token (`$OIDC_TOKEN`) for a robot token and log in.
pub fn ci_script(robot: &str, registry_host: &str, exchange_url: &str) -> String {
    format!(
        r#"# $OIDC_TOKEN: the job's OIDC token (see the preset for your CI system).
set -euo pipefail
QUAY_TOKEN=$(curl -fsS -u "{robot_raw}:$OIDC_TOKEN" {url} | jq -r .token)
echo "$QUAY_TOKEN" | podman login --username {robot} --password-stdin {host}
"#,
        robot_raw = robot,
        url = sq(exchange_url),
        robot = sq(robot),
        host = sq(registry_host),
    )
}

/// `https://{host}/oauth2/federation/robot/token`, or on the Quay URL the console uses when that
/// is the registry host (keeps `http://` for a local test server).
pub fn exchange_url(registry_host: &str, quay_base: &str) -> String {
    let base = match quay_base.split_once("://") {
        Some((_, rest)) if rest.trim_end_matches('/') == registry_host => {
            quay_base.trim_end_matches('/').to_string()
        }
        _ => format!("https://{registry_host}"),
    };
    format!("{base}/oauth2/federation/robot/token")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_account_comes_from_a_kubernetes_subject() {
        assert_eq!(
            service_account_from_subjects([
                "repo:o/r:ref:refs/heads/main",
                "system:serviceaccount:apps:puller"
            ]),
            Some("puller".into())
        );
        assert_eq!(service_account_from_subjects(["1234"]), None);
    }

    #[test]
    fn kubernetes_names_from_robot_names() {
        assert_eq!(k8s_name("acme+backup.bot"), "acme-backup-bot");
        assert_eq!(k8s_name("org+my_bot.x"), "org-my-bot-x");
    }

    #[test]
    fn external_secret_names_robot_registry_and_refreshes_every_55m() {
        let y = external_secrets_yaml("acme+deployer", "quay.example.com", "default");
        assert!(y.contains("  robotAccount: 'acme+deployer'\n"));
        assert!(y.contains("  url: 'quay.example.com'\n"));
        assert!(y.contains("  refreshInterval: 55m\n"));
        assert!(y.contains("      type: kubernetes.io/dockerconfigjson\n"));
        assert!(y.contains(r#"{"auths":{"{{ .registry }}":{"auth":"{{ .auth }}"}}}"#));
        assert!(y.contains("          name: acme-deployer-token\n"));
    }

    #[test]
    fn login_snippets_quote_robot_names() {
        assert_eq!(
            podman_login("org+my_bot.x", "quay.example.com"),
            "echo \"$QUAY_TOKEN\" | podman login --username 'org+my_bot.x' --password-stdin 'quay.example.com'"
        );
        let ci = ci_script(
            "org+b",
            "quay.example.com",
            "https://quay.example.com/oauth2/federation/robot/token",
        );
        assert!(ci.contains("curl -fsS -u \"org+b:$OIDC_TOKEN\" 'https://quay.example.com/oauth2/federation/robot/token' | jq -r .token"));
    }

    #[test]
    fn exchange_url_uses_quay_url_only_for_the_same_host() {
        assert_eq!(
            exchange_url("127.0.0.1:8081", "http://127.0.0.1:8081"),
            "http://127.0.0.1:8081/oauth2/federation/robot/token"
        );
        assert_eq!(
            exchange_url("quay.example.com", "http://10.0.0.5:8080"),
            "https://quay.example.com/oauth2/federation/robot/token"
        );
    }
}
