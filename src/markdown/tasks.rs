//! Task-list checkboxes (`- [ ]`, `- [x]`) with an accessible name.
//! pulldown-cmark writes a bare `<input type="checkbox">`, which a screen
//! reader announces as just "checkbox" (axe: `label`, critical).
//!
//! The name is an `aria-label`, not visually hidden text: feed readers and
//! email clients drop the theme's CSS, so hidden text would show there.

use pulldown_cmark::{CowStr, Event};

/// Replaces a task marker with a disabled checkbox named for what it
/// shows, "Done" or "Not done"; `checked` says the same to tools that read
/// the state rather than the name.
pub fn named(event: Event<'_>) -> Event<'_> {
    match event {
        Event::TaskListMarker(true) => Event::InlineHtml(CowStr::Borrowed(
            "<input type=\"checkbox\" checked disabled aria-label=\"Done\">\n",
        )),
        Event::TaskListMarker(false) => Event::InlineHtml(CowStr::Borrowed(
            "<input type=\"checkbox\" disabled aria-label=\"Not done\">\n",
        )),
        other => other,
    }
}
