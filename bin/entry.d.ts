// Types for bin/entry.js (plain JavaScript: it runs before anything is transpiled).
export declare const repoRoot: string;
export declare function sourceFingerprint(root?: string): string;
export declare function writeStamp(distDir: string, fingerprint: string): void;
export declare function chooseEntry(root?: string): 'dist' | 'src';
