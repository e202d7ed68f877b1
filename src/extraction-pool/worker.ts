import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { move } from 'piscina';
import { extractQuotes } from '../extraction/index.js';
import { presentExtraction } from '../extraction/present.js';
import type { KnownSpeaker } from '../extraction/types.js';
import { readJsonBody } from '../http/json-text.js';
import { readPage } from '../web/page.js';

// A worker of the extraction pool: extracts one text at a time, reads a long
// JSON body, or reads a large page.

export interface ExtractionTask {
  text: string;
  authors: string[];
  registry?: KnownSpeaker[];
  /** `json`: the answer of POST /v1/extract as UTF-8 JSON, so that the main thread has nothing to present, serialize or encode. */
  answer?: 'result' | 'json';
}

/** A JSON body to read: its value comes back, or undefined when it is not one the service takes. */
export interface JsonBodyTask {
  json: Uint8Array;
}

/** A page to read: its main text and metadata come back (see readPage). */
export interface PageTask {
  page: string;
  url?: string;
}

export type WorkerTask = ExtractionTask | JsonBodyTask | PageTask;

// On Linux a thread's nice value is its own: the extraction threads yield the
// CPU to the main thread, which answers every other request. The thread is named
// by its id, read from /proc (elsewhere the threads keep the process's priority).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // No /proc, or not allowed: the threads run at the process's priority.
}

const utf8 = new TextEncoder();

export default function run(task: WorkerTask): unknown {
  if ('json' in task) return readJsonBody(task.json);
  if ('page' in task) return readPage(task.page, task.url);
  const result = extractQuotes(task.text, { authors: task.authors, registry: task.registry ?? [] });
  if (task.answer !== 'json') return result;
  // Its own buffer, moved to the main thread rather than copied.
  return move(utf8.encode(JSON.stringify(presentExtraction(result))));
}
