import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | null = null;

/**
 * sharp, loaded when the first image is made rather than at start: libvips and its libraries
 * are about 8 MB of the process that a server whose images are all derived already never needs.
 * Its operation cache is off: every image made here is resized once and kept on disk, so the
 * cache (50 MB and 100 operations by default) only held pixels that were never asked for again.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loading;
}
