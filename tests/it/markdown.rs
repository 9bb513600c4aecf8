//! What the Markdown stage adds for screen-reader users: named task-list
//! checkboxes.

use crate::common::{TestSite, attrs, post, select};

fn one_post(body: &str) -> TestSite {
    let site = TestSite::new();
    site.write("content/posts/p.md", &post("P", "2026-01-01", body));
    site.build();
    site
}

#[test]
fn task_list_checkboxes_are_named_and_disabled() {
    let site = one_post("Today:\n\n- [ ] Open the curtains\n- [x] Drink a glass of water\n");
    let doc = site.html("public/blog/p/index.html");
    let boxes = ".content li > input[type=checkbox]";
    assert_eq!(attrs(&doc, boxes, "aria-label"), ["Not done", "Done"]);
    assert_eq!(attrs(&doc, boxes, "disabled").len(), 2);
    let checked = format!("{boxes}[checked]");
    assert_eq!(attrs(&doc, &checked, "aria-label"), ["Done"]);
    assert_eq!(
        select(&doc, ".content li"),
        ["Open the curtains", "Drink a glass of water"]
    );
}
