import { describe, expect, it } from 'vitest';
import { chromiumPath, nodeIsRecent } from './tools.mjs';

describe('set-up decisions', () => {
  it('fetches Node only when the running one is older than 22.12', () => {
    expect(nodeIsRecent('20.20.2')).toBe(false);
    expect(nodeIsRecent('22.11.0')).toBe(false);
    expect(nodeIsRecent('22.12.0')).toBe(true);
    expect(nodeIsRecent('23.0.0')).toBe(true);
    expect(nodeIsRecent('24.22.3')).toBe(true);
  });

  it('prefers CHROMIUM_PATH to any other Chromium', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/my/chrome' })).toBe('/opt/my/chrome');
  });
});
