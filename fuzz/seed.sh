#!/usr/bin/env bash
# Fills corpus/TARGET/ with seeds made from the repository's fixtures: the
# sample site (content/, site.yaml, the default theme) and tests/fixtures/.
# Nothing here is committed; run.sh calls this when a corpus is missing.
set -euo pipefail
cd "$(dirname "$0")"
repo=..
corpus=corpus
mkdir -p "$corpus"/{frontmatter,shortcode,markdown,check_html,config,serve_paths}

# A seed file named after its content's hash, so seeding twice adds nothing.
seed() { # target, then the text on stdin
    local tmp
    tmp="$(mktemp)"
    cat >"$tmp"
    mv "$tmp" "$corpus/$1/seed-$(sha1sum <"$tmp" | cut -c1-16)"
}

markdown_files() {
    find "$repo/content" "$repo/tests/fixtures" -name '*.md' -type f
}

# Whole Markdown files: front matter and body.
while read -r f; do
    seed frontmatter <"$f"
    seed shortcode <"$f"
    seed markdown <"$f"
done < <(markdown_files)

# Front matter forms the fixtures do not show.
printf '+++\ntitle = "T"\ndate = 2026-01-02T10:00:00Z\ntags = ["a", "b"]\n+++\nBody\n' | seed frontmatter
printf -- '---\ntitle: T\ndate: 2026-01-02 10:00:00 +0100\nupdated: 2026-01-03\nslug: x\naliases: [/a/]\nextra:\n  k: v\nimage: /i.png\ndraft: false\n---\n' | seed frontmatter
printf -- '---\ntitle: "T"\ndate: Jan 2, 2026\npermalink: /x/\nlayout: post\ncategories: [a]\n---\nx\n' | seed frontmatter

# Components and the Markdown extensions, one of each.
for text in \
    '{{< callout kind="tip" title="T" >}}\n**x** [a](/b/)\n{{< /callout >}}\n' \
    '{{< figure src="/images/harbor.svg" alt="A" caption="C" >}}\n' \
    '{{< cta heading="H" url="/contact/" >}}\n{{< crisis >}}\n{{< subscribe >}}\n' \
    '{{< callout >}}\n{{< callout kind="warning" >}}\nin\n{{< /callout >}}\n{{< /callout >}}\n' \
    '`{{< not >}}`\n\n```\n{{< code >}}\n```\n' \
    '# H {#id}\n\nText[^1].\n\n[^1]: Note.\n\n- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~s~~ "q"\n' \
    '```rust\nfn main() { let x = "s"; }\n```\n\n```python\ndef f(): pass\n```\n\n<!-- more -->\n\n<div>raw</div>\n'
do
    printf "%b" "$text" | seed markdown
    printf "%b" "$text" | seed shortcode
done
printf "%s" '{{< a b="c" d=1 e=true f=-2.5 >}}{{</ a >}}{{% x %}}' | seed shortcode

# HTML: the theme's templates, and pages of the sample site when built.
find "$repo/themes" -name '*.html' -type f | while read -r f; do seed check_html <"$f"; done
if [ -d "$repo/public" ]; then
    find "$repo/public" -name '*.html' -type f | head -n 20 | while read -r f; do seed check_html <"$f"; done
fi
printf '<h2 id="a">One &amp; two <a class="anchor" href="#a">#</a></h2><img src="/x.png" srcset="a.png 1x, b.png 2x" alt=""><link rel="alternate" href="/rss.xml"><style>b{}</style><script>x</script><!-- c --><!doctype html><p style="color:red" data-x=\x27y\x27 checked>' | seed check_html

# site.yaml: the sample site's and the fixtures'.
find "$repo" -maxdepth 1 -name site.yaml | while read -r f; do seed config <"$f"; done
find "$repo/tests/fixtures" -name site.yaml -type f | while read -r f; do seed config <"$f"; done
printf 'title: T\nbase_url: https://example.org\npermalinks:\n  posts: /:year/:month/:slug/\ncolors:\n  accent: "#336699"\ncheck:\n  rules:\n    vague-link-text: off\ntimezone: Europe/London\n' | seed config

# Request paths: the sample site's pages and the traversal forms serve refuses.
for p in / /blog/ /blog/page/2/ /tags/calm/ /rss.xml /style.css /about /images/a%20b.svg \
    /../etc/passwd /%2e%2e/x //x /a/./b '/a\b' /%00 /%zz /caf%C3%A9/ /%C3; do
    printf '%s' "$p" | seed serve_paths
done
