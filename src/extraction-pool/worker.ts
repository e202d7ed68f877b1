import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { extractQuotes } from '../extraction/index.js';
import { presentExtraction } from '../extraction/present.js';
import type { ExtractionResult, KnownSpeaker } from '../extraction/types.js';

// A worker of the extraction pool: extracts one text at a time.

export interface ExtractionTask {
  text: string;
  authors: string[];
  registry?: KnownSpeaker[];
  /** `json`: the answer of POST /v1/extract as JSON text, so that the main thread has nothing to present or serialize. */
  answer?: 'result' | 'json';
}

// On Linux a thread's nice value is its own: the extraction threads yield the
// CPU to the main thread, which answers every other request. The thread is named
// by its id, read from /proc (elsewhere the threads keep the process's priority).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // No /proc, or not allowed: the threads run at the process's priority.
}

export default function extract(task: ExtractionTask): ExtractionResult | string {
  const result = extractQuotes(task.text, { authors: task.authors, registry: task.registry ?? [] });
  return task.answer === 'json' ? JSON.stringify(presentExtraction(result)) : result;
}
