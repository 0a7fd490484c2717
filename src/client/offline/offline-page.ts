/**
 * The page the service worker answers with when the reader is offline and opens a page this
 * browser has not saved. Plain HTML with no script, so the site's policy needs nothing for it.
 */

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The document for a path that is not saved. */
export function offlinePageHtml(path: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Offline: page not saved · Async I/O from the ground up</title>
<style>
body { font: 1.05rem/1.6 system-ui, sans-serif; max-width: 38rem; margin: 3rem auto; padding: 0 1rem; }
a { color: LinkText; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>You are offline</h1>
<p>This page (<code>${escape(path)}</code>) is not saved in this browser, so it cannot open without a network.</p>
<p>Pages you have opened before still work offline. To keep the whole course, choose <strong>Make available offline</strong> at the bottom of any page while you are online.</p>
<p><a href="/">Course home</a> · <a href="/progress/">Your progress</a></p>
</main>
</body>
</html>
`;
}
