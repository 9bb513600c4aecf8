<?xml version="1.0" encoding="utf-8"?>
<!-- Shows /rss.xml and /atom.xml as a friendly page when opened in a
     browser. Feed readers ignore it. Self-contained: no requests. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" version="5.0" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="normalize-space(/rss/channel/title | /atom:feed/atom:title)"/>
<xsl:variable name="about" select="normalize-space(/rss/channel/description | /atom:feed/atom:subtitle)"/>
<xsl:variable name="site" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="lang" select="/rss/channel/language | /atom:feed/@xml:lang"/>

<xsl:template match="/">
<html>
<xsl:attribute name="lang"><xsl:choose><xsl:when test="$lang"><xsl:value-of select="$lang"/></xsl:when><xsl:otherwise>en</xsl:otherwise></xsl:choose></xsl:attribute>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<meta name="color-scheme" content="light dark"/>
<title>Feed: <xsl:value-of select="$title"/></title>
<style>
:root { --bg: #fbfaf7; --surface: #f2efe8; --text: #1d2823; --muted: #55605a; --accent: #2f6f5e; --border: #d6d0c4; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --bg: #131917; --surface: #1b2320; --text: #e3e1da; --muted: #a3aca6; --accent: #8ccab5; --border: #36433e; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1.125rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 40rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2 { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, "URW Palladio L", P052, Georgia, serif; line-height: 1.25; font-weight: 600; }
h1 { font-size: 2rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.5rem; }
a { color: var(--accent); text-underline-offset: 0.18em; }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; }
.notice { margin: 0 0 2rem; padding: 1.25rem 1.5rem; border: 1px solid var(--border); border-left: 5px solid var(--accent); border-radius: 0 0.75rem 0.75rem 0; background: var(--surface); }
.notice p { margin: 0 0 0.75rem; }
.notice p:last-child { margin: 0; }
code { display: block; padding: 0.5rem 0.75rem; border: 1px solid var(--border); border-radius: 0.4rem; background: var(--bg); font: 0.9em/1.5 ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; overflow-wrap: anywhere; }
.about { color: var(--muted); margin: 0 0 1rem; }
ol { margin: 0; padding: 0; list-style: none; }
li { padding: 1rem 0; border-bottom: 1px solid var(--border); }
li a { display: inline-block; padding: 0.25rem 0; font-weight: 600; font-size: 1.1em; }
.date { display: block; color: var(--muted); font-size: 0.9em; }
.button { display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0.5rem 1.25rem; border-radius: 999px; background: var(--accent); color: var(--bg); font-weight: 600; text-decoration: none; }
</style>
</head>
<body>
<main>
<div class="notice">
<p><strong>This is a feed.</strong> Copy the address below into a feed reader app to get new posts as they appear, or get posts by email: see <a href="/follow/">how to follow this blog</a>.</p>
<xsl:if test="$self"><p><code><xsl:value-of select="$self"/></code></p></xsl:if>
</div>
<h1><xsl:value-of select="$title"/></h1>
<xsl:if test="$about"><p class="about"><xsl:value-of select="$about"/></p></xsl:if>
<p><a class="button"><xsl:attribute name="href"><xsl:choose><xsl:when test="$site"><xsl:value-of select="$site"/></xsl:when><xsl:otherwise>/</xsl:otherwise></xsl:choose></xsl:attribute>Visit the website</a></p>
<h2>Latest posts</h2>
<ol>
<xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
</ol>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="item">
<li>
<a href="{link}"><xsl:value-of select="title"/></a>
<xsl:if test="pubDate">
<xsl:variable name="d" select="normalize-space(substring-after(pubDate, ','))"/>
<xsl:variable name="rest" select="substring-after($d, ' ')"/>
<span class="date"><xsl:value-of select="concat(substring-before($d, ' '), ' ', substring-before($rest, ' '), ' ', substring-before(substring-after($rest, ' '), ' '))"/></span>
</xsl:if>
</li>
</xsl:template>

<xsl:template match="atom:entry">
<li>
<a href="{atom:link[@rel='alternate' or not(@rel)][1]/@href}"><xsl:value-of select="atom:title"/></a>
<xsl:variable name="when" select="atom:published | atom:updated[not(../atom:published)]"/>
<xsl:if test="$when"><span class="date"><xsl:value-of select="substring($when, 1, 10)"/></span></xsl:if>
</li>
</xsl:template>
</xsl:stylesheet>
