//! What each planned file is made from, as a hash. Between two rebuilds
//! of the same config and templates, a file whose key did not change has
//! the same bytes, so it is reused instead of rendered again.
//!
//! A source file's content is named by its path and the generation it was
//! last read in (a counter the rebuilder bumps), so keys never hash whole
//! posts. Each key covers everything its render reads from the `Site`; the
//! byte-for-byte test against a clean build
//! (tests/it/serve/incremental.rs) holds it to that.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::ffi::{OsStr, OsString};
use std::hash::{Hash, Hasher};

use crate::plan::Job;
use crate::site::{Entry, Feed, Listing, ListingKind, Site, Tag};
use crate::templates::Asset;

/// Source path (relative to the root, as bytes: hashing a `Path` walks its
/// components, which is slow for 10,000 posts) → the generation it was
/// last read in.
pub type Gens = HashMap<OsString, u64>;

pub struct Keyer<'a> {
    site: &'a Site,
    gens: &'a Gens,
    /// Per post: what a card of it shows (itself and its tags' counts).
    cards: Vec<u64>,
}

impl<'a> Keyer<'a> {
    pub fn new(site: &'a Site, gens: &'a Gens) -> Self {
        let mut keyer = Keyer {
            site,
            gens,
            cards: Vec::new(),
        };
        keyer.cards = site.posts.iter().map(|e| keyer.card(e)).collect();
        keyer
    }

    /// `None`: always render.
    pub fn key(&self, job: &Job) -> Option<u64> {
        let mut h = DefaultHasher::new();
        match job {
            Job::Post(i) => {
                // Neighbours show their titles and links on the page.
                (
                    "post",
                    self.cards[*i],
                    i.checked_sub(1).map(|j| self.cards[j]),
                )
                    .hash(&mut h);
                self.cards.get(i + 1).hash(&mut h);
            }
            Job::Page(i) => ("page", self.ident(&self.site.pages[*i])).hash(&mut h),
            Job::Listing(i) => self.listing(&self.site.listings[*i], &mut h),
            Job::Rss(i) => self.feed("rss", &self.site.feeds[*i], &mut h),
            Job::Atom(i) => self.feed("atom", &self.site.feeds[*i], &mut h),
            Job::Alias(i) => {
                let a = &self.site.aliases[*i];
                ("alias", &a.from, &a.to, &a.source).hash(&mut h);
            }
            // Made from the config and templates alone, which do not change
            // between two incremental rebuilds.
            Job::Fixed(name) => ("fixed", name).hash(&mut h),
            Job::Robots => "robots".hash(&mut h),
            Job::Redirects => {
                let pairs = self.site.aliases.iter().map(|a| (&a.from, &a.to));
                ("redirects", pairs.collect::<Vec<_>>()).hash(&mut h);
            }
            // A few lines, from the config and the static files' styles.
            Job::Headers => return None,
            Job::HighlightCss => "highlight".hash(&mut h),
            Job::Sitemap => self.sitemap(&mut h),
            Job::Asset(Asset::Embedded(bytes)) => {
                ("embedded", bytes.as_ptr() as usize, bytes.len()).hash(&mut h);
            }
            Job::Asset(Asset::File(path)) => {
                let meta = std::fs::metadata(path).ok()?;
                ("file", path, meta.len(), meta.modified().ok()).hash(&mut h);
            }
        }
        Some(h.finish())
    }

    fn ident<'e>(&self, e: &'e Entry) -> (&'e str, &'e OsStr, Option<&u64>) {
        let path = e.doc.path.as_os_str();
        (&e.url, path, self.gens.get(path))
    }

    fn card(&self, e: &Entry) -> u64 {
        let mut h = DefaultHasher::new();
        self.ident(e).hash(&mut h);
        for &t in &e.tags {
            tag(&self.site.tags[t], &mut h);
        }
        h.finish()
    }

    fn listing(&self, l: &Listing, h: &mut DefaultHasher) {
        ("listing", &l.url, l.page, l.pages, &l.prev_url, &l.next_url).hash(h);
        match l.kind {
            ListingKind::Home => ("home", self.site.home.as_ref().map(|e| self.ident(e))).hash(h),
            ListingKind::Blog => "blog".hash(h),
            ListingKind::TagIndex => {
                "tags".hash(h);
                self.site.tags.iter().for_each(|t| tag(t, h));
            }
            ListingKind::Tag(t) => tag(&self.site.tags[t], h),
        }
        l.posts.iter().for_each(|&p| self.cards[p].hash(h));
    }

    /// Only addresses and dates: a body edit leaves the sitemap alone.
    fn sitemap(&self, h: &mut DefaultHasher) {
        let site = self.site;
        for e in site.posts.iter().chain(&site.pages) {
            (&e.url, &e.doc.date, &e.doc.updated).hash(h);
        }
        for l in &site.listings {
            (&l.url, l.posts.first().map(|&i| &site.posts[i].doc.date)).hash(h);
        }
    }

    fn feed(&self, kind: &str, f: &Feed, h: &mut DefaultHasher) {
        (kind, &f.title, &f.rss_url, &f.atom_url, &f.page_url).hash(h);
        f.posts.iter().for_each(|&p| self.cards[p].hash(h));
    }
}

fn tag(t: &Tag, h: &mut DefaultHasher) {
    (&t.name, &t.url, t.posts.len()).hash(h);
}
