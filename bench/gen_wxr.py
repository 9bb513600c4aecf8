#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N posts to stdout, for
bench/import.sh. Posts mix block-editor and classic content: paragraphs,
headings, lists, a table, a captioned image, a gallery, an embed, links to
other posts, categories and tags, a featured image, comments. Deterministic:
the same N gives the same file."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
site = "https://practice.example"
words = ("calm anxiety breath session therapy couple listen change habit sleep "
         "worry trust boundary family grief hope routine body rest").split()

def para(i, k):
    return " ".join(words[(i * 7 + j * 3) % len(words)] for j in range(40 + k % 20)).capitalize() + "."

out = [f'''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench Practice</title><link>{site}</link><description>A generated blog</description><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>ann</wp:author_login><wp:author_display_name><![CDATA[Ann Lee, LMFT]]></wp:author_display_name></wp:author>''']
for i in range(n):
    y, m, d = 2010 + i % 15, 1 + i % 12, 1 + i % 28
    slug = f"post-{i}"
    img = f"{site}/wp-content/uploads/{y}/{m:02d}/photo-{i}.jpg"
    if i % 2:
        body = "\n\n".join(para(i, k) for k in range(6))
        body += f'\n\n[caption id="attachment_{i}" width="300"]<img src="{img}" alt="A quiet room {i}" /> A quiet room[/caption]'
        body += f'\n\nSee <a href="{site}/{y}/{m:02d}/{d:02d}/post-{max(i - 1, 0)}/">the last post</a>.\n\n[gallery ids="{i}"]\n\nhttps://www.youtube.com/watch?v=abc{i}'
    else:
        parts = [f"<!-- wp:paragraph -->\n<p>{para(i, k)}</p>\n<!-- /wp:paragraph -->" for k in range(5)]
        parts.insert(2, "<!-- wp:heading -->\n<h2>What helps</h2>\n<!-- /wp:heading -->")
        parts.append("<!-- wp:list -->\n<ul><li><strong>Sleep:</strong> rest</li><li><em>Move</em> a little</li></ul>\n<!-- /wp:list -->")
        parts.append("<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Day</th><th>Minutes</th></tr></thead><tbody><tr><td>Mon</td><td>10</td></tr></tbody></table></figure>\n<!-- /wp:table -->")
        parts.append(f"<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"{img}\" alt=\"Light {i}\"/><figcaption>Morning light</figcaption></figure>\n<!-- /wp:image -->")
        body = "\n\n".join(parts)
    comments = "".join(f"<wp:comment><wp:comment_id>{c}</wp:comment_id><wp:comment_content><![CDATA[Thanks]]></wp:comment_content></wp:comment>" for c in range(i % 3))
    out.append(f'''<item><title>Post number {i}: {words[i % len(words)]}</title><link>{site}/{y}/{m:02d}/{d:02d}/{slug}/</link>
<pubDate>Mon, 01 Jan 2018 00:00:00 +0000</pubDate><dc:creator><![CDATA[ann]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[{para(i, 0)[:120]}]]></excerpt:encoded>
<wp:post_id>{10000 + i}</wp:post_id><wp:post_date>{y}-{m:02d}-{d:02d} 09:00:00</wp:post_date><wp:post_date_gmt>{y}-{m:02d}-{d:02d} 14:00:00</wp:post_date_gmt>
<wp:post_modified_gmt>{y}-{m:02d}-{d:02d} 15:00:00</wp:post_modified_gmt><wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="c{i % 9}"><![CDATA[Topic {i % 9}]]></category><category domain="post_tag" nicename="t{i % 23}"><![CDATA[tag {i % 23}]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{i}</wp:meta_value></wp:postmeta>{comments}</item>
<item><title>photo-{i}</title><wp:post_id>{i}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>{10000 + i}</wp:post_parent>
<wp:attachment_url>{img}</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Photo {i}</wp:meta_value></wp:postmeta></item>''')
out.append("</channel>\n</rss>\n")
sys.stdout.write("\n".join(out))
