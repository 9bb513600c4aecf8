//! Each rule's severity set in site.yaml (`check: { rules: … }`), and
//! `trellis check --rule NAME`.

use crate::check::{POST, at, check_root, findings, with_post};
use crate::common::TestSite;

/// A post with a skipped heading level (line 10) and an image whose alt
/// text is its file name (line 12): two errors by default.
fn legacy_post() -> TestSite {
    with_post("Hello.\n\n## Start\n\n#### Detail\n\n![harbor](/images/harbor.svg)\n")
}

fn set_rules(site: &TestSite, rules: &str) {
    let yaml = site
        .read("site.yaml")
        .replace("check:\n", &format!("check:\n  rules:\n{rules}"));
    site.write("site.yaml", &yaml);
}

#[test]
fn rules_set_to_warning_or_off_let_the_site_build() {
    let site = legacy_post();
    let (found, json, ok) = check_root(site.root());
    assert_eq!(
        found,
        [at("heading-skip", POST, 10), at("image-alt", POST, 12)]
    );
    assert!(!ok);
    assert_eq!(json["errors"].as_u64(), Some(2));
    site.build_err();

    set_rules(&site, "    heading-skip: warning\n    alt-text: off\n");
    let (found, json, ok) = check_root(site.root());
    assert_eq!(found, [at("heading-skip", POST, 10)]);
    assert_eq!(json["findings"][0]["severity"].as_str(), Some("warning"));
    assert!(ok);
    let out = site.build();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("[heading-skip]"), "{stdout}");
    assert!(site.exists("public/blog/test/index.html"));
}

#[test]
fn a_warning_rule_set_to_error_fails_the_build() {
    let site = with_post("Hello.\n\nTo book, [click here](/contact/).\n");
    assert!(check_root(site.root()).2);
    set_rules(&site, "    link-text: error\n");
    let (found, json, ok) = check_root(site.root());
    assert_eq!(found, [at("link-text", POST, 8)]);
    assert_eq!(json["findings"][0]["severity"].as_str(), Some("error"));
    assert!(!ok);
    assert!(site.build_err().contains("[link-text]"));
}

#[test]
fn an_unknown_rule_is_a_config_error_at_its_line_with_the_nearest_name() {
    let site = legacy_post();
    set_rules(&site, "    phone: off\n    heading-skp: warning\n");
    let (found, json, ok) = check_root(site.root());
    assert_eq!(found, [at("config", "site.yaml", 17)]);
    assert!(!ok);
    let hint = json["findings"][0]["hint"].as_str().unwrap_or("");
    assert!(hint.contains("did you mean `heading-skip`?"), "{hint}");
    let err = site.build_err();
    assert!(err.contains("site.yaml:17:5"), "{err}");
}

#[test]
fn an_unknown_severity_is_a_config_error() {
    let site = legacy_post();
    set_rules(&site, "    phone: quiet\n");
    let (found, _, ok) = check_root(site.root());
    assert_eq!(found, [at("config", "site.yaml", 16)]);
    assert!(!ok);
}

#[test]
fn check_rule_lists_one_rule_s_findings() {
    let site = legacy_post();
    let out = site.run(&["check", "--rule", "heading-skip", "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let found: Vec<_> = json["findings"]
        .as_array()
        .map(|all| all.iter().map(crate::check::finding).collect())
        .unwrap_or_default();
    assert_eq!(found, [at("heading-skip", POST, 10)]);
    assert!(!out.status.success());

    let out = site.run(&["check", "--rule", "link-text"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No problems found."));

    let out = site.run(&["check", "--rule", "heading-skp"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("did you mean `heading-skip`?"), "{err}");
}

#[test]
fn check_rule_keeps_the_errors_that_stop_the_check() {
    let site = with_post("Hello.\n");
    site.write(
        POST,
        "---\ntitle: Anxiety: what helps\ndate: 2026-03-01\n---\nHello.\n",
    );
    let out = site.run(&["check", "--rule", "heading-skip"]);
    assert!(!out.status.success());
    assert!(findings(&site).contains(&at("front-matter", POST, 2)));
}

#[test]
fn template_syntax_from_other_generators_is_a_warning_at_its_line() {
    let site = with_post("Hello.\n");
    site.write(
        POST,
        "---\ntitle: \"A Test Post\"\ndate: 2026-03-01\ndescription: \"About {{ page.title }}.\"\n---\n\
         Hello.\n\n\
         See {% post_url 2019-01-04-x %} first.\n\n\
         Write `{% raw %}` in Jekyll.\n\n\
         ```\n{{ site.baseurl }}\n```\n\n\
         {{% notice tip %}}\nBreathe.\n{: .note}\n",
    );
    let (found, json, ok) = check_root(site.root());
    assert_eq!(
        found,
        [
            at("template-syntax", POST, 4),
            at("template-syntax", POST, 8),
            at("template-syntax", POST, 16),
            at("template-syntax", POST, 18),
        ]
    );
    assert!(ok, "leftovers are warnings");
    let hint = json["findings"][1]["hint"].as_str().unwrap_or("");
    assert!(
        hint.contains("`trellis import jekyll` converts it"),
        "{hint}"
    );
    let out = site.build();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("[template-syntax]"), "{stdout}");
}
