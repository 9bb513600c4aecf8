//! JSON-LD for search engines: `BlogPosting` for posts and the practice as
//! an organisation on the home page. Every URL in it is absolute.

use serde_json::{Value, json};

use crate::dates;
use crate::site::{Entry, Site};

pub fn blog_posting(site: &Site, entry: &Entry) -> String {
    let c = &site.config;
    let front = &entry.doc.front;
    let published = entry.doc.date.as_ref().map(dates::iso);
    let modified = entry
        .doc
        .updated
        .as_ref()
        .map(dates::iso)
        .or_else(|| published.clone());
    let author_name =
        front
            .author
            .as_deref()
            .filter(|a| !a.is_empty())
            .unwrap_or(if c.author.is_empty() {
                &c.title
            } else {
                &c.author
            });
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": front.title,
        "description": entry.description,
        "url": c.absolute(&entry.url),
        "mainEntityOfPage": { "@type": "WebPage", "@id": c.absolute(&entry.url) },
        "datePublished": published,
        "dateModified": modified,
        "author": { "@type": "Person", "name": author_name },
        "publisher": publisher(site),
        "inLanguage": c.language,
        "wordCount": entry.rendered.words,
        "keywords": front.tags,
    });
    if let Some(image) = &front.image {
        data["image"] = Value::from(c.absolute(image));
    }
    script_safe(&data)
}

fn publisher(site: &Site) -> Value {
    let c = &site.config;
    let name = if c.practice.name.is_empty() {
        &c.title
    } else {
        &c.practice.name
    };
    json!({ "@type": "Organization", "name": name, "url": c.absolute("/") })
}

pub fn organization(site: &Site) -> String {
    let c = &site.config;
    let mut org = publisher(site);
    org["@context"] = Value::from("https://schema.org");
    org["description"] = Value::from(c.description.as_str());
    let p = &c.practice;
    for (key, value) in [
        ("telephone", &p.phone),
        ("email", &p.email),
        ("address", &p.address),
    ] {
        if !value.is_empty() {
            org[key] = Value::from(value.as_str());
        }
    }
    script_safe(&org)
}

/// JSON that cannot end its `<script>` element early.
fn script_safe(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}
