import type { LinkView } from '../presentation/presenters.js';

/**
 * Share links: plain links to each network's own share address (no script, no cookie, nothing
 * loaded from them until a reader follows one). Email needs no network at all.
 */
export function shareLinksFor(url: string, headline: string): LinkView[] {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  return [
    { label: 'Email', href: `mailto:?subject=${text}&body=${encodeURIComponent(`${headline}\n\n${url}`)}` },
    { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}` },
    { label: 'X', href: `https://x.com/intent/post?text=${text}&url=${u}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${headline} ${url}`)}` },
  ];
}
