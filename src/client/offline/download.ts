/**
 * "Make available offline": stores every file of the version the service worker serves (every
 * page, every `_astro` asset, every Pagefind file), a few at a time, reporting `n of N files`.
 * The worker fetches each file and keeps it only if its bytes are this version's; a file the
 * server now sends differently means a newer build is deployed, and the download stops there.
 * Also the texts the control shows, so they are tested with the logic.
 */
import { formatBytes, isPage } from './manifest.ts';
import type { CacheOutcome, Reply, Request, Status } from './messages.ts';
import { notStored } from './plan.ts';
import { eachLimited } from './pool.ts';

export type Ask = (request: Request) => Promise<Reply>;

export interface Progress {
  readonly done: number;
  readonly total: number;
}

export interface DownloadResult extends Progress {
  /** Files that could not be stored, with why. */
  readonly failed: readonly { readonly url: string; readonly outcome: CacheOutcome }[];
  /** The server has a newer build than the worker's: reload first. */
  readonly changed: boolean;
}

const PARALLEL = 4;

/** Stores what `status` lacks; remembers that the reader wants the whole course kept. */
export async function downloadCourse(
  ask: Ask,
  status: Status,
  onProgress: (p: Progress) => void,
): Promise<DownloadResult> {
  const total = status.files.length;
  const missing = notStored(status.files, status.stored);
  let done = total - missing.length;
  const failed: { url: string; outcome: CacheOutcome }[] = [];
  let changed = false;
  onProgress({ done, total });
  await ask({ type: 'keep-all', value: true });
  await eachLimited(missing, PARALLEL, async (file) => {
    if (changed) return; // a newer build is out: stop asking for this one's files
    let outcome: CacheOutcome;
    try {
      const reply = await ask({ type: 'store', url: file.url });
      outcome = reply.type === 'stored' ? reply.outcome : 'failed';
    } catch {
      outcome = 'failed';
    }
    if (outcome === 'stored' || outcome === 'present') done++;
    else {
      failed.push({ url: file.url, outcome });
      if (outcome === 'changed') changed = true;
    }
    onProgress({ done, total });
  });
  return { done, total, failed, changed };
}

/** `37 of 102 files`. */
export const progressText = ({ done, total }: Progress): string =>
  `${done} of ${total} file${total === 1 ? '' : 's'}`;

/**
 * Whether to update the live region now: at the start and end, and at most once a second
 * between, so a screen reader is not read a hundred numbers. The bar moves with every file.
 */
export function shouldAnnounce(
  p: Progress,
  lastAnnouncedAt: number | undefined,
  now: number,
): boolean {
  return lastAnnouncedAt === undefined || p.done >= p.total || now - lastAnnouncedAt >= 1000;
}

/** The sentence after a download. */
export function resultText(r: DownloadResult, bytes: number): string {
  if (r.changed)
    return 'Stopped: a new version of the course was published meanwhile. Reload to get it, then choose Make available offline again.';
  if (r.failed.length > 0)
    return `Saved ${progressText(r)}; ${r.failed.length} could not be downloaded (are you offline?). Choose Make available offline again to finish.`;
  return `Done: the whole course (${r.total} files, ${formatBytes(bytes)}) is saved in this browser and works without a network.`;
}

/** What the control says and offers for a worker's status. */
export interface ControlView {
  readonly summary: string;
  /** Label of the save button, or undefined to hide it. */
  readonly save: string | undefined;
  readonly canRemove: boolean;
}

/** The sentence after the offline copy was removed (`pages` pages deleted). */
export const removedText = (pages: number): string =>
  `Removed the offline copy (${pages} page${pages === 1 ? '' : 's'}). Pages you open are saved again as you visit them.`;

/**
 * The save button's label: what is still to fetch, and of how much when part of the course is
 * already stored, e.g. `Make available offline (8.9 MB still to fetch of 11.4 MB)`.
 */
export function saveLabel(missingBytes: number, totalBytes: number): string {
  const size =
    missingBytes >= totalBytes
      ? formatBytes(totalBytes)
      : `${formatBytes(missingBytes)} still to fetch of ${formatBytes(totalBytes)}`;
  return `Make available offline (${size})`;
}

export function controlView(status: Status): ControlView {
  const total = status.files.length;
  const missing = notStored(status.files, status.stored);
  const bytes = (files: readonly { size: number }[]): number =>
    files.reduce((n, f) => n + f.size, 0);
  if (missing.length === 0)
    return {
      summary: `Available offline: the whole course (${total} files, ${formatBytes(bytes(status.files))}) is saved in this browser.`,
      save: undefined,
      canRemove: true,
    };
  // Pages, not files: the scripts and styles every saved page needs stay stored after the copy
  // is removed, so a count of files would not fall back to nothing.
  const allPages = status.files.filter((f) => isPage(f.url)).length;
  const pages = status.stored.filter(isPage).length;
  return {
    summary: `Pages you open are saved for reading offline (${pages} of ${allPages} page${allPages === 1 ? '' : 's'} so far).`,
    save: saveLabel(bytes(missing), bytes(status.files)),
    canRemove: status.keepAll,
  };
}
