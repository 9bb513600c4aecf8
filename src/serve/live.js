// trellis live reload. `trellis serve` adds this script to the pages it
// serves; it is never part of a built site. Events (see src/serve/store.rs):
//   hello {build}                       sent first on every connection
//   change {build, prev, pages, css}    a new build is served
//   build-error {text} / build-ok {}    a rebuild failed / works again
(() => {
  "use strict";
  const me = document.currentScript;
  // The file keys this page shows: one, or on a 404 page the missing one
  // and the 404 page itself, separated by spaces.
  const keys = ((me && me.dataset.key) || "").split(" ");
  let build = Number((me && me.dataset.build) || 0);

  const source = new EventSource("/__trellis/events");
  const data = (e) => JSON.parse(e.data);

  source.addEventListener("hello", (e) => {
    if (data(e).build !== build) location.reload();
  });

  source.addEventListener("change", (e) => {
    const c = data(e);
    // A tab that missed a build cannot know what changed since: reload.
    const mine = c.pages === null || c.prev !== build || keys.some((k) => c.pages.includes(k));
    if (mine) return location.reload();
    build = c.build;
    if (c.css) swapStylesheets();
  });

  source.addEventListener("build-error", (e) => showError(data(e).text));
  source.addEventListener("build-ok", hideError);

  // Loads each same-site stylesheet again and drops the old one once the
  // new one applies, so the page never flashes unstyled.
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("trellis-reload", Date.now());
      const next = link.cloneNode();
      next.href = url.href;
      next.onload = next.onerror = () => link.remove();
      link.after(next);
    }
  }

  const ID = "trellis-build-error";

  function showError(text) {
    hideError();
    const box = document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "The last change did not build");
    const shadow = box.attachShadow({ mode: "open" });
    shadow.innerHTML = `<style>${STYLE}</style>
      <section>
        <h2>The last change did not build</h2>
        <p>This page is the last version that built. Fix the file below and save; this note goes away by itself.</p>
        <pre></pre>
        <button type="button">Dismiss</button>
      </section>`;
    shadow.querySelector("pre").textContent = text.trimEnd();
    shadow.querySelector("button").addEventListener("click", hideError);
    box.addEventListener("keydown", (e) => e.key === "Escape" && hideError());
    document.body.append(box);
    shadow.querySelector("button").focus({ preventScroll: true });
  }

  function hideError() {
    const box = document.getElementById(ID);
    if (box) box.remove();
  }

  // The theme's custom properties reach into the shadow root, so the note
  // wears the site's colours and fonts, with fallbacks for other themes.
  const STYLE = `
    :host { all: initial; position: fixed; inset: auto 1rem 1rem 1rem; z-index: 2147483647;
      max-height: 70vh; overflow: auto; font: 1rem/1.5 var(--font-body, system-ui, sans-serif);
      color: var(--_text, #1d2823); background: var(--_bg, #fbfaf7);
      border: 2px solid var(--_crisis, #a3344a); border-radius: var(--radius, 0.75rem);
      box-shadow: 0 0.5rem 2rem var(--_shade, rgba(0, 0, 0, 0.2)); }
    section { padding: 1rem 1.25rem; }
    h2 { margin: 0 0 0.5rem; font: 600 1.2rem/1.3 var(--font-heading, Georgia, serif);
      color: var(--_crisis, #a3344a); }
    p { margin: 0 0 0.75rem; color: var(--_muted, #55605a); }
    pre { margin: 0 0 1rem; padding: 0.75rem; overflow-x: auto; white-space: pre;
      font: 0.875rem/1.45 var(--font-mono, ui-monospace, monospace);
      background: var(--_surface, #f2efe8); border-radius: calc(var(--radius, 0.75rem) / 2); }
    button { font: inherit; padding: 0.4rem 1rem; cursor: pointer; border: 0;
      border-radius: 999px; color: var(--_accent-text, #fff); background: var(--_accent, #2f6f5e); }
    button:focus-visible { outline: 3px solid var(--_focus, #2f6f5e); outline-offset: 2px; }`;
})();
