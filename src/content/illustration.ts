/** Hero images composed by code: abstract SVG illustrations from a story's sector and country,
 *  for the demo newsroom and for wire stories that come without a picture. No camera and no
 *  trained model is involved (IPTC "algorithmicMedia"), and each image says on its face that it
 *  is generated. */

export const ILLUSTRATION_WIDTH = 1600;
export const ILLUSTRATION_HEIGHT = 900;

type Motif = 'waves' | 'bars' | 'rings' | 'grid' | 'sun' | 'fields' | 'arcs' | 'nodes' | 'roads' | 'pillars' | 'dots';

const sectorLook: Record<string, { colors: [string, string, string]; motif: Motif }> = {
  'agriculture-forestry': { colors: ['#1f5132', '#5f9c3b', '#e7d36f'], motif: 'fields' },
  'art-culture': { colors: ['#4a1942', '#b2456e', '#f5c06f'], motif: 'arcs' },
  technology: { colors: ['#0d1b3d', '#2463eb', '#7dd3fc'], motif: 'nodes' },
  'economy-business': { colors: ['#1c2b39', '#2f6f73', '#f2b134'], motif: 'bars' },
  education: { colors: ['#2b2d6e', '#5b6ee1', '#f4e8c1'], motif: 'pillars' },
  'energy-extractives': { colors: ['#3b1f0e', '#d9731a', '#ffd166'], motif: 'sun' },
  politics: { colors: ['#22223b', '#4a4e69', '#c9ada7'], motif: 'pillars' },
  'law-governance': { colors: ['#1b263b', '#415a77', '#e0e1dd'], motif: 'grid' },
  health: { colors: ['#0b3c49', '#1b998b', '#f7f7f2'], motif: 'rings' },
  'science-environment': { colors: ['#10372a', '#2a9d8f', '#e9f5db'], motif: 'waves' },
  'social-gender': { colors: ['#3d1e6d', '#8e44ad', '#f8c8dc'], motif: 'dots' },
  sports: { colors: ['#14213d', '#e63946', '#f1faee'], motif: 'arcs' },
  transport: { colors: ['#1f1f1f', '#f4a261', '#e9ecef'], motif: 'roads' },
  'urban-development': { colors: ['#2d3142', '#4f5d75', '#ef8354'], motif: 'grid' },
  'water-sanitation': { colors: ['#03256c', '#2541b2', '#a9def9'], motif: 'waves' },
};

/** Looks for sectors the demo does not know: chosen by the slug, so a sector keeps its look. */
const fallbackLooks: { colors: [string, string, string]; motif: Motif }[] = [
  { colors: ['#222222', '#555555', '#dddddd'], motif: 'dots' },
  { colors: ['#1d3557', '#457b9d', '#f1faee'], motif: 'waves' },
  { colors: ['#283618', '#606c38', '#fefae0'], motif: 'fields' },
  { colors: ['#3c1642', '#086375', '#affc41'], motif: 'nodes' },
  { colors: ['#2b2d42', '#8d99ae', '#edf2f4'], motif: 'grid' },
  { colors: ['#432818', '#99582a', '#ffe6a7'], motif: 'arcs' },
];

/** A stable 32-bit number for a text (FNV-1a), e.g. to seed an illustration from an item id. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small deterministic random number generator (mulberry32), so a story's picture is stable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number) => Math.round(n * 10) / 10;

function motifShapes(motif: Motif, color: string, rand: () => number): string {
  const W = ILLUSTRATION_WIDTH;
  const H = ILLUSTRATION_HEIGHT;
  const shapes: string[] = [];
  switch (motif) {
    case 'waves':
      for (let i = 0; i < 7; i++) {
        const y = 260 + i * 85 + rand() * 30;
        const a = 30 + rand() * 50;
        shapes.push(
          `<path d="M0 ${r1(y)} C ${W * 0.25} ${r1(y - a)}, ${W * 0.5} ${r1(y + a)}, ${W} ${r1(y - a / 2)}" stroke="${color}" stroke-width="${r1(6 + rand() * 10)}" fill="none" opacity="${r1(0.25 + rand() * 0.5)}"/>`,
        );
      }
      break;
    case 'bars':
      for (let i = 0; i < 12; i++) {
        const h = 120 + rand() * 480;
        shapes.push(
          `<rect x="${160 + i * 105}" y="${r1(H - 120 - h)}" width="70" height="${r1(h)}" rx="8" fill="${color}" opacity="${r1(0.35 + rand() * 0.5)}"/>`,
        );
      }
      break;
    case 'rings':
      for (let i = 0; i < 9; i++) {
        shapes.push(
          `<circle cx="${r1(200 + rand() * 1200)}" cy="${r1(150 + rand() * 550)}" r="${r1(40 + rand() * 160)}" stroke="${color}" stroke-width="${r1(4 + rand() * 12)}" fill="none" opacity="${r1(0.3 + rand() * 0.5)}"/>`,
        );
      }
      break;
    case 'grid':
      for (let x = 0; x < 10; x++)
        for (let y = 0; y < 5; y++) {
          if (rand() < 0.45) continue;
          shapes.push(
            `<rect x="${110 + x * 140}" y="${140 + y * 120}" width="${r1(60 + rand() * 60)}" height="${r1(50 + rand() * 50)}" fill="${color}" opacity="${r1(0.2 + rand() * 0.6)}"/>`,
          );
        }
      break;
    case 'sun': {
      const cx = 500 + rand() * 600;
      shapes.push(`<circle cx="${r1(cx)}" cy="380" r="150" fill="${color}" opacity="0.85"/>`);
      for (let i = 0; i < 18; i++) {
        const angle = (i / 18) * Math.PI * 2;
        shapes.push(
          `<line x1="${r1(cx + Math.cos(angle) * 190)}" y1="${r1(380 + Math.sin(angle) * 190)}" x2="${r1(cx + Math.cos(angle) * (260 + rand() * 80))}" y2="${r1(380 + Math.sin(angle) * (260 + rand() * 80))}" stroke="${color}" stroke-width="10" stroke-linecap="round" opacity="0.7"/>`,
        );
      }
      break;
    }
    case 'fields':
      for (let i = 0; i < 9; i++) {
        const y = 330 + i * 60;
        shapes.push(
          `<path d="M0 ${y} Q ${r1(W * (0.3 + rand() * 0.4))} ${r1(y - 40 - rand() * 60)} ${W} ${r1(y + rand() * 30)} L ${W} ${y + 60} L 0 ${y + 60} Z" fill="${color}" opacity="${r1(0.15 + rand() * 0.4)}"/>`,
        );
      }
      break;
    case 'arcs':
      for (let i = 0; i < 8; i++) {
        const r = 120 + i * 70;
        shapes.push(
          `<path d="M ${W / 2 - r} ${H - 80} A ${r} ${r} 0 0 1 ${W / 2 + r} ${H - 80}" stroke="${color}" stroke-width="${r1(8 + rand() * 18)}" fill="none" opacity="${r1(0.25 + rand() * 0.55)}"/>`,
        );
      }
      break;
    case 'nodes': {
      const points = Array.from({ length: 14 }, () => [120 + rand() * 1360, 120 + rand() * 560] as const);
      points.forEach(([x, y], i) => {
        const [nx, ny] = points[(i + 3) % points.length]!;
        shapes.push(`<line x1="${r1(x)}" y1="${r1(y)}" x2="${r1(nx)}" y2="${r1(ny)}" stroke="${color}" stroke-width="3" opacity="0.5"/>`);
      });
      for (const [x, y] of points) shapes.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(10 + rand() * 18)}" fill="${color}" opacity="0.85"/>`);
      break;
    }
    case 'roads':
      for (let i = 0; i < 6; i++) {
        const x = rand() * W;
        shapes.push(
          `<path d="M ${r1(x)} ${H} L ${r1(W / 2 + (x - W / 2) * 0.15)} 260" stroke="${color}" stroke-width="${r1(10 + rand() * 16)}" stroke-dasharray="40 26" fill="none" opacity="${r1(0.35 + rand() * 0.45)}"/>`,
        );
      }
      break;
    case 'pillars':
      for (let i = 0; i < 7; i++) {
        shapes.push(`<rect x="${300 + i * 150}" y="300" width="60" height="420" fill="${color}" opacity="${r1(0.4 + rand() * 0.4)}"/>`);
      }
      shapes.push(`<path d="M 240 300 L 800 150 L 1360 300 Z" fill="${color}" opacity="0.7"/>`);
      break;
    case 'dots':
      for (let i = 0; i < 40; i++) {
        shapes.push(
          `<circle cx="${r1(80 + rand() * 1440)}" cy="${r1(100 + rand() * 600)}" r="${r1(14 + rand() * 46)}" fill="${color}" opacity="${r1(0.2 + rand() * 0.6)}"/>`,
        );
      }
      break;
  }
  return shapes.join('');
}

/** The SVG document for a story about `sectorSlug` in `countryName`. */
export function illustrationSvg(input: { sectorSlug: string; sectorName: string; countryName: string; countryCode: string; seed: number }): string {
  const look = sectorLook[input.sectorSlug] ?? fallbackLooks[hashSeed(input.sectorSlug) % fallbackLooks.length]!;
  const [dark, mid, light] = look.colors;
  const rand = seededRandom(input.seed);
  const W = ILLUSTRATION_WIDTH;
  const H = ILLUSTRATION_HEIGHT;
  const label = ['Generated illustration', input.sectorName, input.countryName].filter((part) => part.trim()).join(' · ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">`,
    `<title>${esc(label)}</title>`,
    `<desc>Abstract illustration composed by a computer program (IPTC digital source type: algorithmicMedia). Not a photograph.</desc>`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${dark}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>`,
    `<rect width="${W}" height="${H}" fill="url(#bg)"/>`,
    `<text x="${W - 60}" y="300" text-anchor="end" font-family="sans-serif" font-size="280" font-weight="700" fill="${light}" opacity="0.12">${esc(input.countryCode)}</text>`,
    motifShapes(look.motif, light, rand),
    `<rect x="0" y="${H - 64}" width="${W}" height="64" fill="#000" opacity="0.55"/>`,
    `<text x="32" y="${H - 22}" font-family="sans-serif" font-size="30" fill="#fff">${esc(label)}</text>`,
    '</svg>',
  ].join('\n');
}
