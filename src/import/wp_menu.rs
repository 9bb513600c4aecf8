//! WordPress menus (`nav_menu_item`s) → `menu:` in site.yaml: the biggest
//! menu's top-level entries, in order, each pointed at its new URL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Report;
use super::html_to_md::Maps;
use super::wxr::{Item, Wxr};

pub fn menu(
    wxr: &Wxr,
    places: &HashMap<String, (PathBuf, String)>,
    report: &mut Report,
    export: &Path,
) -> Vec<(String, String)> {
    let items: Vec<&Item> = wxr
        .items
        .iter()
        .filter(|it| it.kind == "nav_menu_item")
        .collect();
    let mut menus: Vec<(String, usize)> = Vec::new();
    for it in &items {
        let name = menu_name(it);
        match menus.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => menus.push((name, 1)),
        }
    }
    let Some((chosen, _)) = menus.iter().max_by_key(|(_, c)| *c) else {
        return Vec::new();
    };
    if menus.len() > 1 {
        report.note_at(
            export,
            1,
            format!(
                "the export has {} menus; site.yaml's menu is `{chosen}`",
                menus.len()
            ),
        );
    }
    let mut top: Vec<&Item> = items
        .into_iter()
        .filter(|it| menu_name(it) == *chosen)
        .filter(|it| {
            it.meta
                .get("_menu_item_menu_item_parent")
                .is_none_or(|p| p == "0" || p.is_empty())
        })
        .collect();
    top.sort_by_key(|it| it.menu_order);
    let host = wxr
        .link
        .split_once("://")
        .map_or("", |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("");
    let maps = Maps {
        host: host.trim_start_matches("www.").to_ascii_lowercase(),
        ..Maps::default()
    };
    let titles: HashMap<&str, &str> = wxr
        .items
        .iter()
        .map(|it| (it.id.as_str(), it.title.as_str()))
        .collect();
    top.iter()
        .filter_map(|it| {
            let entry = entry(it, places, &titles, &maps);
            if entry.is_none() {
                report.note_at(
                    export,
                    it.line,
                    format!(
                        "menu entry `{}` leads to nothing imported: left out",
                        it.title
                    ),
                );
            }
            entry
        })
        .collect()
}

fn menu_name(it: &Item) -> String {
    it.terms
        .iter()
        .find(|(d, _, _)| d == "nav_menu")
        .map(|(_, _, n)| n.clone())
        .unwrap_or_default()
}

/// (name, URL) of one entry, or None when its page was not imported.
fn entry(
    it: &Item,
    places: &HashMap<String, (PathBuf, String)>,
    titles: &HashMap<&str, &str>,
    maps: &Maps,
) -> Option<(String, String)> {
    let meta = |k: &str| it.meta.get(k).map(String::as_str).unwrap_or("");
    let target = meta("_menu_item_object_id");
    let url = match meta("_menu_item_type") {
        "custom" => {
            let url = meta("_menu_item_url");
            match maps.own_path(url) {
                Some(p) if p == "/" => "/".to_string(),
                Some(_) => return None,
                None if url.is_empty() => return None,
                None => url.to_string(),
            }
        }
        "taxonomy" => return None,
        _ => places.get(target)?.1.clone(),
    };
    let title = if it.title.trim().is_empty() {
        titles.get(target).copied().unwrap_or("")
    } else {
        &it.title
    };
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some((title, url))
}
