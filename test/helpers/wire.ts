import { asWireItem, loadLabelled, type LabelledItem } from '../../src/demo/evaluate.js';
import type { WireItem } from '../../src/wire/item.js';

/** The project's labelled set (part 1), by item id, for tests that ingest known copy. */
const events = loadLabelled(['part1.json']);

export const labelled = (id: string): LabelledItem => events.flatMap((e) => e.items).find((i) => i.id === id)!;

/** A labelled item as the parsers would give it, with what the test changes. */
export const wire = (id: string, patch: Partial<WireItem> = {}): WireItem => ({ ...asWireItem(labelled(id)), ...patch });
