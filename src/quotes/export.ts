import { Readable } from 'node:stream';
import { presentQuoteRow, type QuoteRow } from './present.js';

// Quotes as a download: CSV for spreadsheets, NDJSON for programs, written batch
// by batch as the rows are read (QuoteService.exportRows).

export const EXPORT_TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson' } as const;

export type ExportFormat = keyof typeof EXPORT_TYPES;

const CSV_COLUMNS = [
  'id',
  'text',
  'kind',
  'start',
  'end',
  'status',
  'confidence',
  'sieve',
  'speaker_id',
  'speaker_name',
  'speaker_kind',
  'speaker_mention',
  'cue',
  'relayed_by_id',
  'relayed_by_name',
  'article_id',
  'article_title',
  'article_url',
  'outlet',
  'published_at',
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula; a quote
// or a title may well start so, and is then kept as text by a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field, RFC 4180: quoted when it holds a comma, a quotation mark or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(q: QuoteRow): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    id: q.id,
    text: q.text,
    kind: q.kind,
    start: q.start,
    end: q.end,
    status: q.status,
    confidence: q.confidence,
    sieve: q.sieve,
    speaker_id: q.speaker_id,
    speaker_name: q.speaker_name,
    speaker_kind: q.speaker_kind,
    speaker_mention: q.mention_text,
    cue: q.cue_text,
    relayed_by_id: q.relayed_id,
    relayed_by_name: q.relayed_name,
    article_id: q.article_id,
    article_title: q.article_title,
    article_url: q.article_url,
    outlet: q.article_outlet,
    published_at: q.article_published_at?.toISOString() ?? null,
  };
  return `${CSV_COLUMNS.map((c) => csvField(values[c])).join(',')}\r\n`;
}

/** The export as a stream of text, pulled batch by batch as the client reads it. */
export function exportStream(batches: AsyncIterable<QuoteRow[]>, format: ExportFormat): Readable {
  return Readable.from(
    (async function* () {
      if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
      for await (const rows of batches) {
        yield rows.map((q) => (format === 'csv' ? csvLine(q) : `${JSON.stringify(presentQuoteRow(q))}\n`)).join('');
      }
    })(),
    { objectMode: false },
  );
}
