//! ARCHITECTURE.md's table of modules is the rule for imports: every
//! `crate::X` path in a top-level module's files must name a module its
//! "may use" column lists, and the top-level modules must form no cycle.
//! The checker is plain functions over text, so its own tests below feed
//! it a stray import and a cycle and watch it fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One `crate::X` reference: the file and line it is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The table's rows: module → the modules it may use.
fn allowed(table: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut rows = BTreeMap::new();
    for line in table.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, name, _, uses, ..] = cells.as_slice() else {
            continue;
        };
        let Some(name) = name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) else {
            continue;
        };
        let uses = uses
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty() && *u != "—")
            .map(str::to_string)
            .collect();
        rows.insert(name.to_string(), uses);
    }
    rows
}

/// The top-level modules a file's code names, with their lines. `file` is
/// relative to `src/`; `modules` are the top-level module names. Comments
/// are skipped; `super::` paths that climb to the crate root count too.
fn imports(file: &str, text: &str, modules: &BTreeSet<String>) -> Vec<Import> {
    let path = module_path(file);
    let Some(from) = path.first().cloned() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for to in named(code, &path) {
            if to != from && modules.contains(&to) {
                found.push(Import {
                    file: file.to_string(),
                    line: i + 1,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    found
}

/// `check/links.rs` → [check, links]; `check/mod.rs` → [check].
fn module_path(file: &str) -> Vec<String> {
    let trimmed = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The first segment after the crate root of every path in `code`:
/// `crate::a::b`, `crate::{a, b::c}`, and `super::super::a` from deep
/// enough.
fn named(code: &str, path: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        out.extend(heads(&code[at + "crate::".len()..]));
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut climbs = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = r;
        }
        // A file's own module is one level; climbing past it reaches the root.
        let depth = if path.len() > 1 { path.len() - 1 } else { 0 };
        if climbs > depth {
            out.extend(heads(rest));
        }
    }
    out
}

/// `a::b` → [a]; `{a, b::{c}}` → [a, b].
fn heads(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(list) = rest.strip_prefix('{') else {
        return vec![ident(rest)];
    };
    let mut depth = 0;
    let mut items = vec![String::new()];
    for c in list.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(String::new()),
            _ if depth == 0 => {
                if let Some(last) = items.last_mut() {
                    last.push(c);
                }
            }
            _ => {}
        }
    }
    items
        .iter()
        .map(|s| ident(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every broken rule, as lines a person can act on.
fn violations(table: &BTreeMap<String, BTreeSet<String>>, found: &[Import]) -> Vec<String> {
    let mut out = Vec::new();
    for imp in found {
        let listed = table.get(&imp.from).is_some_and(|u| u.contains(&imp.to));
        if !listed {
            out.push(format!(
                "src/{}:{}: `{}` uses `{}`, which ARCHITECTURE.md does not list for it",
                imp.file, imp.line, imp.from, imp.to
            ));
        }
    }
    out.extend(cycle(found).map(|c| format!("the modules form a cycle: {}", c.join(" → "))));
    out
}

/// A cycle among the modules, by depth-first search, if there is one.
fn cycle(found: &[Import]) -> Option<Vec<String>> {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for imp in found {
        edges.entry(&imp.from).or_default().insert(&imp.to);
    }
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut c: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
            c.push(node.to_string());
            return Some(c);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, &edges, &mut Vec::new(), &mut done))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_follow_architecture_md() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md"))
        .unwrap_or_else(|e| panic!("ARCHITECTURE.md: {e}"));
    let table = allowed(&doc);
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rel = |p: &Path| -> String {
        let r = p.strip_prefix(&src).unwrap_or(p);
        r.to_string_lossy().replace('\\', "/")
    };
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(&rel(f)))
        .filter_map(|p| p.first().cloned())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let listed: BTreeSet<String> = table.keys().cloned().collect();
    assert_eq!(
        modules, listed,
        "ARCHITECTURE.md's table and src/ list different modules"
    );
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        found.extend(imports(&rel(f), &text, &modules));
    }
    assert!(
        found.len() > 50,
        "the scan found only {} imports",
        found.len()
    );
    let broken = violations(&table, &found);
    assert!(broken.is_empty(), "\n{}", broken.join("\n"));
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_stray_import_is_named_with_its_file_and_line() {
    let table = allowed("| `a` | x | b |\n| `b` | y | — |\n| `c` | z | — |\n");
    let modules = set(&["a", "b", "c"]);
    let text = "use crate::b::X;\n// use crate::c is a comment\nfn f() { crate::c::g(); }\n";
    let found = imports("a/inner.rs", text, &modules);
    let broken = violations(&table, &found);
    assert_eq!(
        broken,
        ["src/a/inner.rs:3: `a` uses `c`, which ARCHITECTURE.md does not list for it"]
    );
}

#[test]
fn a_cycle_is_named() {
    let table = allowed("| `a` | x | b |\n| `b` | y | a |\n");
    let modules = set(&["a", "b"]);
    let mut found = imports("a.rs", "use crate::{b::{One, Two}, a};\n", &modules);
    found.extend(imports(
        "b/inner.rs",
        "use super::super::a::Three;\n",
        &modules,
    ));
    let broken = violations(&table, &found);
    assert_eq!(broken, ["the modules form a cycle: a → b → a"]);
}
