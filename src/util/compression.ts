import zlib from 'node:zlib';

/**
 * Brotli's window for everything the site compresses: 2^18 bytes (256 KB) instead of the default
 * 2^22 (4 MB). With the default, each encoder given more than about 64 KB (the RSS feed, a
 * sitemap) allocates an 8 MB buffer; freeing it makes glibc raise its mmap threshold to 8 MB and
 * its trim threshold to 16 MB, after which the process keeps tens of MB of freed memory for good.
 * Pages and feeds are far smaller than 256 KB, and a 2.4 MB sitemap comes out within 0.1 %.
 */
export const BROTLI_WINDOW_BITS = 18;

/** Brotli parameters at `quality`, with the window above and, when known, the input's size. */
export function brotliParams(quality: number, sizeHint?: number): Record<number, number> {
  return {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
    ...(sizeHint === undefined ? {} : { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint }),
  };
}
