// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { documentCsp, siteHeaders } from './src/course/headers.ts';

/**
 * Static site; every page is cross-origin isolated so WebContainer can run, and carries the
 * hardening headers of src/course/headers.ts (the same on every host).
 */
export default defineConfig({
  site: 'https://async-io.example.org',
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx()],
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  server: { headers: siteHeaders },
  // A `<meta>` Content-Security-Policy in every built page that narrows the header's script
  // sources for documents (see `documentCsp`); the header stays the whole policy.
  security: { csp: documentCsp },
  vite: {
    // Learner programs print and throw the course's own classes (`Kernel`, `Reactor`, `Deferred`):
    // keep their names through minification so stack traces and `console.log` read as on Node.
    build: { rolldownOptions: { output: { keepNames: true } } },
    worker: { rolldownOptions: { output: { keepNames: true } } },
  },
  devToolbar: { enabled: false },
});
