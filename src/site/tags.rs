//! Tags from the posts' front matter. Spellings that differ only in case,
//! spaces, hyphens or underscores (`Mental Health`, `mental-health`) are
//! one tag, named as most posts spell it, with one warning that lists the
//! spellings, as Hugo merges them; blogs moved from elsewhere have many.

use std::collections::HashMap;

use super::{Entry, Tag, urls};
use crate::diag::{self, Diagnostic, Result, plural};

/// One written spelling: how many posts use it, and the first of them.
struct Spelling<'p> {
    name: &'p str,
    posts: usize,
    first: usize,
    /// The last post counted, so a post that lists a tag twice counts once.
    last: usize,
}

/// Tags in one group and the posts that have any of them.
struct Group<'p> {
    spellings: Vec<Spelling<'p>>,
    posts: Vec<usize>,
}

pub fn collect(posts: &mut [Entry], warnings: &mut Vec<Diagnostic>) -> Result<Vec<Tag>> {
    let groups = group(posts);
    let mut tags: Vec<Tag> = Vec::with_capacity(groups.len());
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for g in &groups {
        // Most posts; on a tie the spelling seen first (in the oldest post).
        let best = g
            .spellings
            .iter()
            .max_by(|a, b| a.posts.cmp(&b.posts).then(b.first.cmp(&a.first)))
            .map_or("", |s| s.name);
        if g.spellings.len() > 1 {
            warnings.push(merged(g, best, posts));
        }
        let slug = urls::slugify(best);
        if let Some(&t) = by_slug.get(&slug) {
            errors.push(spelt_two_ways(&tags[t], best, &posts[g.posts[0]]));
            continue;
        }
        by_slug.insert(slug.clone(), tags.len());
        tags.push(Tag {
            name: best.to_string(),
            url: format!("/tags/{slug}/"),
            slug,
            posts: g.posts.clone(),
        });
    }
    if !errors.is_empty() {
        return Err(diag::Error::many(errors));
    }
    tags.sort_by_key(|t| t.name.to_lowercase());
    for tag in &mut tags {
        tag.posts.sort_unstable();
    }
    for (ti, tag) in tags.iter().enumerate() {
        for &pi in &tag.posts {
            posts[pi].tags.push(ti);
        }
    }
    Ok(tags)
}

/// Groups every spelling, oldest post first, so "first seen" means the
/// oldest post. A blog has a few dozen tags over thousands of posts: each
/// spelling is folded once, and then found by name.
fn group(posts: &[Entry]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut by_fold: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, post) in posts.iter().enumerate().rev() {
        for name in &post.doc.front.tags {
            let (g, s) = *by_name.entry(name).or_insert_with(|| {
                let g = *by_fold.entry(fold(name)).or_insert_with(|| {
                    groups.push(Group {
                        spellings: Vec::new(),
                        posts: Vec::new(),
                    });
                    groups.len() - 1
                });
                let spellings = &mut groups[g].spellings;
                spellings.push(Spelling {
                    name,
                    posts: 0,
                    first: i,
                    last: usize::MAX,
                });
                (g, spellings.len() - 1)
            });
            let group = &mut groups[g];
            let spelling = &mut group.spellings[s];
            if spelling.last != i {
                spelling.last = i;
                spelling.posts += 1;
            }
            if group.posts.last() != Some(&i) {
                group.posts.push(i);
            }
        }
    }
    groups
}

/// The spelling with case, spaces, hyphens and underscores left out.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn merged(g: &Group<'_>, best: &str, posts: &[Entry]) -> Diagnostic {
    let list: Vec<String> = g
        .spellings
        .iter()
        .map(|s| format!("`{}` ({})", s.name, plural(s.posts, "post")))
        .collect();
    let odd = g.spellings.iter().find(|s| s.name != best);
    let mut d = Diagnostic::warning(
        "tag",
        format!("the tags {} are one tag, `{best}`", list.join(", ")),
    )
    .hint(format!(
        "spell the tag `{best}` everywhere to silence this warning"
    ));
    if let Some(s) = odd {
        d = d.at(posts[s.first].doc.key_location("tags"));
    }
    d
}

/// Two different tags (not just spelt differently) make the same URL.
fn spelt_two_ways(tag: &Tag, name: &str, post: &Entry) -> Diagnostic {
    Diagnostic::error(
        "tag",
        format!(
            "the tags `{}` and `{name}` both become /tags/{}/",
            tag.name, tag.slug
        ),
    )
    .at(post.doc.key_location("tags"))
    .hint("rename one of them so each tag has its own address")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_spaces_and_hyphens() {
        assert_eq!(fold("Mental Health"), fold("mental-health"));
        assert_eq!(fold("mental_health"), fold("MentalHealth"));
        assert_ne!(fold("C++"), fold("C"));
    }
}
