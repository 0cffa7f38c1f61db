import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Counts the records in a chunk: JSON Lines end each at "\n" (JSON escapes its own); a CSV
 *  record can hold line breaks inside quotes ("" is a quote within them, which toggles twice). */
function recordCounter(format: 'jsonl' | 'csv') {
  let quoted = false;
  return (chunk: string) => {
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 34 && format === 'csv') quoted = !quoted;
      else if (c === 10 && !quoted) n += 1;
    }
    return n;
  };
}

/** Writes streamed records to `file` ("-": stdout) and returns how many (a CSV's header counts).
 *  A file is written beside its place and renamed when complete, so a failure leaves no half file
 *  and an existing one untouched. */
export async function writeLines(chunks: AsyncIterable<string>, file: string, format: 'jsonl' | 'csv'): Promise<number> {
  const count = recordCounter(format);
  let records = 0;
  const counted = async function* () {
    for await (const chunk of chunks) {
      records += count(chunk);
      yield chunk;
    }
  };
  if (file === '-') {
    await pipeline(Readable.from(counted()), process.stdout, { end: false });
    return records;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await pipeline(Readable.from(counted()), fs.createWriteStream(tmp, { flags: 'wx' }));
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  return records;
}
