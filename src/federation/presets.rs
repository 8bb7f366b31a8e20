//! Presets: what issuer and subject are for common identity providers, with examples.

/// One identity provider's explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    /// What the issuer is and where to find it.
    pub issuer_help: &'static str,
    /// The issuer with `<placeholders>`.
    pub issuer_example: &'static str,
    /// What the subject is.
    pub subject_help: &'static str,
    /// The subject with `<placeholders>`.
    pub subject_example: &'static str,
    /// How to get a token to paste below.
    pub token_help: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "keycloak",
        name: "Red Hat SSO / Keycloak",
        issuer_help: "The realm URL: the server URL followed by /realms/ and the realm name (older Red Hat SSO versions use /auth/realms/).",
        issuer_example: "https://sso.example.com/realms/<realm>",
        subject_help: "The ID (a UUID) of the user, or of the client's service-account user for client-credentials tokens. Keycloak shows it on the user's Details tab.",
        subject_example: "<user-id, e.g. 1f3a9c2e-7b1d-4c55-9a0e-2d4b6f8e1c07>",
        token_help: "curl -d grant_type=client_credentials -d client_id=<client> -d client_secret=<secret> https://sso.example.com/realms/<realm>/protocol/openid-connect/token | jq -r .access_token",
    },
    Preset {
        id: "entra",
        name: "Microsoft Entra ID",
        issuer_help: "https://login.microsoftonline.com/ followed by your tenant ID and /v2.0 (v1 tokens use https://sts.windows.net/<tenant-id>/ instead).",
        issuer_example: "https://login.microsoftonline.com/<tenant-id>/v2.0",
        subject_help: "The object ID of the managed identity or service principal the token is issued to.",
        subject_example: "<object-id>",
        token_help: "az account get-access-token --resource <application-id-uri> --query accessToken -o tsv",
    },
    Preset {
        id: "kubernetes",
        name: "Kubernetes service account",
        issuer_help: "The cluster's service account issuer (kubectl get --raw /.well-known/openid-configuration | jq -r .issuer). Quay must be able to fetch its discovery document and JWKS over https.",
        issuer_example: "https://oidc.example-cluster.com",
        subject_help: "system:serviceaccount: followed by the namespace and the service account name.",
        subject_example: "system:serviceaccount:<namespace>:<name>",
        token_help: "kubectl create token <name> -n <namespace>",
    },
    Preset {
        id: "github",
        name: "GitHub Actions",
        issuer_help: "Always https://token.actions.githubusercontent.com (GitHub Enterprise Server: https://<host>/_services/token).",
        issuer_example: "https://token.actions.githubusercontent.com",
        subject_help: "repo:<org>/<repo> followed by the trigger: :ref:refs/heads/<branch>, :environment:<name> or :pull_request. The workflow needs permissions: id-token: write.",
        subject_example: "repo:<org>/<repo>:ref:refs/heads/<branch>",
        token_help: "curl -H \"Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN\" \"$ACTIONS_ID_TOKEN_REQUEST_URL\" | jq -r .value",
    },
    Preset {
        id: "gitlab",
        name: "GitLab CI",
        issuer_help: "The GitLab instance URL: https://gitlab.com or your self-managed GitLab's URL.",
        issuer_example: "https://gitlab.com",
        subject_help: "project_path:<group>/<project>:ref_type:branch:ref:<branch> (or ref_type:tag). Define the token with id_tokens: in .gitlab-ci.yml.",
        subject_example: "project_path:<group>/<project>:ref_type:branch:ref:<branch>",
        token_help: "id_tokens:\n  QUAY_ID_TOKEN:\n    aud: <registry-host>\n# then use $QUAY_ID_TOKEN in the job",
    },
];

pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_issuer_example_is_an_https_url() {
        for p in PRESETS {
            assert!(p.issuer_example.starts_with("https://"), "{}", p.id);
            assert!(crate::federation::issuer_is_url(p.issuer_example));
        }
    }

    #[test]
    fn presets_cover_the_providers_people_ask_about() {
        assert_eq!(
            preset("kubernetes").unwrap().subject_example,
            "system:serviceaccount:<namespace>:<name>"
        );
        let gh = preset("github").unwrap();
        assert_eq!(
            gh.issuer_example,
            "https://token.actions.githubusercontent.com"
        );
        assert_eq!(
            gh.subject_example,
            "repo:<org>/<repo>:ref:refs/heads/<branch>"
        );
        assert!(preset("keycloak")
            .unwrap()
            .issuer_example
            .contains("/realms/"));
        assert!(preset("entra").is_some() && preset("gitlab").is_some());
    }
}
