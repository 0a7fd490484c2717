/**
 * What a new version stores when its service worker installs, worked out from the manifests of
 * the versions already stored: a file whose bytes did not change is copied from the old cache
 * (no download), and only the rest is fetched. Pure, so it is tested without a browser.
 */
import { isShell, type ManifestFile, type OfflineManifest } from './manifest.ts';

/** A version already in the browser: its cache, its manifest and the URLs stored in it. */
export interface StoredVersion {
  readonly cacheName: string;
  readonly manifest: OfflineManifest;
  readonly stored: ReadonlySet<string>;
}

export interface InstallPlan {
  /** Files with the same bytes (and headers) in an older cache: copied from there. */
  readonly copy: readonly { readonly file: ManifestFile; readonly from: string }[];
  /** Files the version cannot work without (assets): the install fails if one cannot be had. */
  readonly fetchRequired: readonly ManifestFile[];
  /** Pages the reader had stored (or all pages, after "Make available offline"): best effort. */
  readonly fetchOptional: readonly ManifestFile[];
}

/**
 * Plans the install of `next`. A page is wanted when the reader kept the whole course offline
 * (`keepAll`) or had stored that page in an older version; assets are always wanted. An old copy
 * is reused only when its hash and the headers it was stored with are those of `next`.
 */
export function planInstall(
  next: OfflineManifest,
  previous: readonly StoredVersion[],
  keepAll: boolean,
): InstallPlan {
  const copy: { file: ManifestFile; from: string }[] = [];
  const fetchRequired: ManifestFile[] = [];
  const fetchOptional: ManifestFile[] = [];
  const oldHash = previous.map(
    (v) => new Map(v.manifest.files.map((f) => [f.url, f.hash] as const)),
  );
  for (const file of next.files) {
    const storedBefore = previous.some((v) => v.stored.has(file.url));
    if (!isShell(file) && !keepAll && !storedBefore) continue;
    const source = previous.find(
      (v, i) =>
        v.stored.has(file.url) &&
        oldHash[i]!.get(file.url) === file.hash &&
        v.manifest.headersHash === next.headersHash,
    );
    if (source) copy.push({ file, from: source.cacheName });
    else if (isShell(file)) fetchRequired.push(file);
    else fetchOptional.push(file);
  }
  return { copy, fetchRequired, fetchOptional };
}

/** The files of a version not stored yet, in manifest order. */
export function notStored<T extends { readonly url: string }>(
  files: readonly T[],
  stored: Iterable<string>,
): T[] {
  const have = new Set(stored);
  return files.filter((f) => !have.has(f.url));
}

/** Which stored caches to delete when `current` activates: all but it and the one before. */
export function cachesToDelete(
  names: readonly string[],
  prefix: string,
  current: string,
  keep: string | undefined,
): string[] {
  return names.filter((n) => n.startsWith(prefix) && n !== current && n !== keep);
}
