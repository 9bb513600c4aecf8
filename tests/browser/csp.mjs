// Loads every page of a site served by `trellis serve` (which sends the
// headers of the built `_headers` file) in headless Chromium, and counts
// Content-Security-Policy violations: each blocked style, script, image or
// frame, from the `securitypolicyviolation` event and the console. Every
// `<style>` a page ends up with must be allowed by its hash.
//
// Feeds are styled by XSLT. Chromium first shows its own XML viewer, whose
// inline styles and handlers the policy blocks before the transform runs;
// those are the browser's, so for feeds only the styles check counts.
// Usage: node csp.mjs NODE_PREFIX BASE_URL OUTPUT_DIR
// Exits 1 when there is a violation, 2 when it could not run.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';

const [prefix, baseUrl, outDir] = process.argv.slice(2);
const require = createRequire(path.join(prefix, 'package.json'));
const { chromium } = require('playwright-core');

// Every page, and the feeds (their XSL stylesheet has an inline style).
function pages(dir, rel = '') {
  let out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) out = out.concat(pages(dir, r));
    else if (e.name.endsWith('.html') || e.name === 'rss.xml' || e.name === 'atom.xml') {
      out.push('/' + r.replace(/index\.html$/, ''));
    }
  }
  return out;
}

// Only 127.0.0.1 is reachable: other requests go to a dead proxy.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true,
});
const context = await browser.newContext();
await context.addInitScript(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
  });
});
const list = pages(outDir);
let violations = 0, withPolicy = 0;
for (const p of list) {
  const page = await context.newPage();
  const seen = [];
  page.on('console', m => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  const response = await page.goto(new URL(p, baseUrl).href, { waitUntil: 'load' });
  const policy = response.headers()['content-security-policy'] || '';
  if (policy.includes("default-src 'self'")) withPolicy++;
  await page.waitForTimeout(50);
  const styles = await page.evaluate(() => [...document.querySelectorAll('style')].map(s => s.textContent));
  for (const css of styles) {
    const hash = `'sha256-${crypto.createHash('sha256').update(css).digest('base64')}'`;
    if (!policy.includes(hash)) { violations++; console.log(`${p}: a <style> not in the policy (${hash})`); }
  }
  if (!p.endsWith('.xml')) {
    const events = await page.evaluate(() => window.__csp || []).catch(() => []);
    for (const v of new Set([...events, ...seen])) { violations++; console.log(`${p}: ${v}`); }
  }
  await page.close();
}
await browser.close();
console.log(`csp: ${violations} violations on ${list.length} pages (${withPolicy} served with the policy)`);
if (withPolicy !== list.length) { console.log('csp: a page was served without the policy'); process.exit(1); }
process.exit(violations ? 1 : 0);
