/**
 * Headers every page needs so that `SharedArrayBuffer` exists and WebContainer can boot
 * (cross-origin isolation). Used by the dev/preview server and written to `public/_headers`.
 */
export const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
