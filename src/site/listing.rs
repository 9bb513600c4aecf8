//! Pages that list posts (home, the blog index, tags) and the feeds, as
//! data: which posts, which URL, which neighbours.

use std::ops::Range;

use super::Site;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingKind {
    Home,
    Blog,
    /// `/tags/`
    TagIndex,
    /// Index into [`Site::tags`].
    Tag(usize),
}

#[derive(Debug, Clone)]
pub struct Listing {
    pub kind: ListingKind,
    pub url: String,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// Indices into [`Site::posts`].
    pub posts: Vec<usize>,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Feed {
    pub title: String,
    pub rss_url: String,
    pub atom_url: Option<String>,
    /// The page the feed is about (home or the tag page).
    pub page_url: String,
    /// Indices into [`Site::posts`], newest first.
    pub posts: Vec<usize>,
}

pub fn listings(site: &Site) -> Vec<Listing> {
    let per_page = site.config.posts_per_page;
    let all: Vec<usize> = (0..site.posts.len()).collect();
    let mut out = vec![Listing {
        kind: ListingKind::Home,
        url: "/".into(),
        page: 1,
        pages: 1,
        posts: all[..all.len().min(per_page)].to_vec(),
        prev_url: None,
        next_url: None,
    }];
    out.extend(paginate(ListingKind::Blog, "/blog/", &all, per_page));
    out.push(Listing {
        kind: ListingKind::TagIndex,
        url: "/tags/".into(),
        page: 1,
        pages: 1,
        posts: Vec::new(),
        prev_url: None,
        next_url: None,
    });
    for (i, tag) in site.tags.iter().enumerate() {
        out.extend(paginate(
            ListingKind::Tag(i),
            &tag.url,
            &tag.posts,
            per_page,
        ));
    }
    out
}

fn paginate(kind: ListingKind, base: &str, posts: &[usize], per_page: usize) -> Vec<Listing> {
    let pages = posts.len().div_ceil(per_page).max(1);
    let url = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}page/{n}/")
        }
    };
    (1..=pages)
        .map(|n| {
            let range: Range<usize> = (n - 1) * per_page..(n * per_page).min(posts.len());
            Listing {
                kind,
                url: url(n),
                page: n,
                pages,
                posts: posts[range].to_vec(),
                prev_url: (n > 1).then(|| url(n - 1)),
                next_url: (n < pages).then(|| url(n + 1)),
            }
        })
        .collect()
}

/// The feeds, in the order [`Site::main_feed`] and [`Site::tag_feed`]
/// rely on: the whole blog's first, then one per tag in tag order. The
/// only place feed URLs are made.
pub fn feeds(site: &Site) -> Vec<Feed> {
    let limit = site.config.feeds.limit;
    let mut out = vec![Feed {
        title: site.config.title.clone(),
        rss_url: "/rss.xml".into(),
        atom_url: Some("/atom.xml".into()),
        page_url: "/".into(),
        posts: (0..site.posts.len().min(limit)).collect(),
    }];
    for tag in &site.tags {
        out.push(Feed {
            title: format!("{} – {}", site.config.title, tag.name),
            rss_url: format!("{}rss.xml", tag.url),
            atom_url: None,
            page_url: tag.url.clone(),
            posts: tag.posts.iter().copied().take(limit).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginates_with_neighbours() {
        let posts: Vec<usize> = (0..5).collect();
        let pages = paginate(ListingKind::Blog, "/blog/", &posts, 2);
        let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["/blog/", "/blog/page/2/", "/blog/page/3/"]);
        assert_eq!(pages[1].posts, [2, 3]);
        assert_eq!(pages[1].prev_url.as_deref(), Some("/blog/"));
        assert_eq!(pages[2].next_url, None);
    }

    #[test]
    fn an_empty_blog_still_has_one_page() {
        assert_eq!(paginate(ListingKind::Blog, "/blog/", &[], 10).len(), 1);
    }
}
