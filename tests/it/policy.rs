//! The raw-HTML policy: raw HTML is allowed, but URLs that run code, inline
//! event handlers and scripts other than JSON-LD are errors at the line
//! that wrote them, from posts, components, front matter and site.yaml.

use crate::check::{POST, at, check_root, clean, findings, with_post};
use crate::common::said;

#[test]
fn code_in_urls_handlers_and_scripts_is_an_error_at_its_line() {
    let site = with_post(
        "Hello.\n\n\
         <a href=\"JaVaScRiPt:alert(1)\">one</a>\n\n\
         <a href=\"  jav&#x09;ascript:alert(2)\">two</a>\n\n\
         Read [the guide](vbscript:msgbox) now.\n\n\
         <img src=\"/images/harbor.svg\" alt=\"A harbor\" onerror=\"alert(4)\">\n\n\
         <script>alert(5)</script>\n\n\
         <a href=\"data:text/html,hi\">six</a>\n\n\
         {{< cta url=\"javascript:alert(7)\" >}}\n\n\
         <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"A dot\">\n\n\
         <script type=\"application/ld+json\">{}</script>\n",
    );
    let (found, _, ok) = check_root(site.root());
    assert_eq!(
        found,
        [
            at("unsafe-url", POST, 8),
            at("unsafe-url", POST, 10),
            at("unsafe-url", POST, 12),
            at("event-handler", POST, 14),
            at("script", POST, 16),
            at("unsafe-url", POST, 18),
            at("unsafe-url", POST, 20),
        ]
    );
    assert!(!ok);
    let err = site.build_err();
    assert!(err.contains("content/posts/test.md:8:"), "{err}");
    assert!(
        err.contains("check: { rules: { unsafe-url: warning } }"),
        "{err}"
    );
}

#[test]
fn a_front_matter_image_that_runs_code_is_an_error_and_not_made_absolute() {
    let site = clean();
    site.write(
        POST,
        "---\ntitle: \"A Test Post\"\ndate: 2026-03-01\ndescription: \"A short post.\"\nimage: \"javascript:alert(1)\"\nimage_alt: \"A harbor\"\n---\nHello.\n",
    );
    assert_eq!(findings(&site), [at("unsafe-url", POST, 5)]);
    let yaml = site
        .read("site.yaml")
        .replace("check:\n", "check:\n  rules: { unsafe-url: warning }\n");
    site.write("site.yaml", &yaml);
    site.build();
    let page = site.read("public/blog/test/index.html");
    assert!(!page.contains("/javascript:"), "{page}");
}

#[test]
fn lowered_rules_let_a_site_that_needs_an_embed_build() {
    let site = with_post("Hello.\n\n<script src=\"/js/booking.js\"></script>\n");
    site.write("static/js/booking.js", "book();\n");
    assert_eq!(findings(&site), [at("script", POST, 8)]);
    let yaml = site
        .read("site.yaml")
        .replace("check:\n", "check:\n  rules: { script: warning }\n");
    site.write("site.yaml", &yaml);
    let out = site.build();
    assert!(said(&out).contains("[script]"), "{}", said(&out));
}

#[test]
fn site_yaml_urls_that_run_code_are_refused_at_load() {
    let site = clean();
    let yaml = site
        .read("site.yaml")
        .replace("url: /about/", "url: \"JavaScript:alert(1)\"")
        .replace(
            "consultation:\n",
            "alerts:\n  form_action: \"vbscript:x\"\nconsultation:\n  url: \" data:text/html,x\"\n",
        );
    site.write("site.yaml", &yaml);
    let err = site.build_err();
    for line in ["site.yaml:6:", "site.yaml:13:", "site.yaml:15:"] {
        assert!(err.contains(line), "{line} in {err}");
    }
    assert!(err.contains("is a javascript: URL"), "{err}");
}

#[test]
fn a_third_party_request_is_an_error_naming_the_origin_unless_allowed() {
    let site = with_post(
        "Hello.\n\n<iframe src=\"https://platform.twitter.com/embed/x\" title=\"A post\"></iframe>\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/posts/test.md:8:"), "{err}");
    assert!(err.contains("https://platform.twitter.com"), "{err}");
    assert!(
        err.contains("privacy: { allow_origins: [\"https://platform.twitter.com\"] }"),
        "{err}"
    );
    let yaml = site.read("site.yaml").replace(
        "allow_origins: [",
        "allow_origins: [\"https://platform.twitter.com\", ",
    );
    site.write("site.yaml", &yaml);
    site.build();
}
