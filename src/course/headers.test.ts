import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  SERVICE_WORKER_PATH,
  serviceWorkerHeaders,
  siteHeaders,
} from './headers.ts';

describe('headers for the service worker', () => {
  it('the policy lets the site register its own service worker', () => {
    // A worker's script URL must match `worker-src` (or `script-src` without it).
    expect(CONTENT_SECURITY_POLICY['worker-src']).toContain("'self'");
    expect(siteHeaders['Content-Security-Policy']).toMatch(/worker-src 'self'/);
  });

  it('/sw.js is revalidated on every use and otherwise sent like every file', () => {
    expect(SERVICE_WORKER_PATH).toBe('/sw.js');
    expect(serviceWorkerHeaders).toEqual({ 'Cache-Control': 'no-cache' });
    for (const key of Object.keys(serviceWorkerHeaders))
      expect(siteHeaders).not.toHaveProperty(key);
  });
});
