import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KnownSpeaker, QuoteKind, SpeakerKind } from '../../src/extraction/index.js';
import type { PublicExtractedQuote } from '../../src/extraction/present.js';

// News articles written for the tests (people, places and words made up, in the
// style of wire copy), with what a careful reader finds in them: every quote with
// its offsets, kind, speaker, the words that name the speaker and the reporting
// cue. Together they hold what the seed article in ../shared shows, so that a
// clone with nothing beside it still tests it: an anonymous source under several
// names, words relayed by an aide, quotes split by their attribution, and
// speakers the registry knows, linked from a surname or a role.

/** A quote as the engine presents it, without its confidence and the sieve that decided. */
export type ReadQuote = Omit<PublicExtractedQuote, 'confidence' | 'relayedBy' | 'sieve'> & {
  relayedBy: { name: string | null; kind: SpeakerKind } | null;
};

/** A speaker as POST /v1/speakers takes it. */
export interface RegistrySpeaker {
  name: string;
  kind: SpeakerKind;
  aliases: string[];
  role: string;
  affiliation: string | null;
}

export interface NewsArticle {
  /** The article as POST /v1/articles takes it. */
  request: { title: string; body: string; url: string; outlet: string; author: string; publishedAt: string };
  /** Every quote a careful reader finds, in reading order, with no registry. */
  quotes: ReadQuote[];
  /** Speakers a registry may know: linking turns the article's names in `linkedFrom` into theirs. */
  registry: { speaker: RegistrySpeaker; linkedFrom: string[] }[];
}

type Who = [name: string, kind: SpeakerKind];

/** A quote at `start`, said by `speaker`, named by the words at `mention`, with the cue at `cue`. */
function said(
  start: number,
  kind: QuoteKind,
  text: string,
  [name, speakerKind]: Who,
  mention: [start: number, text: string],
  cue: [start: number, text: string],
  relayedBy?: Who,
): ReadQuote {
  const span = ([s, t]: [number, string]) => ({ text: t, start: s, end: s + t.length });
  return {
    text,
    start,
    end: start + text.length,
    kind,
    speaker: { name, kind: speakerKind, mention: span(mention) },
    cue: span(cue),
    relayedBy: relayedBy ? { name: relayedBy[0], kind: relayedBy[1] } : null,
  };
}

const articleText = (file: string): string => readFileSync(path.join(import.meta.dirname, 'articles', file), 'utf8');

const MARLOW: Who = ['Ellen Marlow', 'person'];
const HADDAD: Who = ['Omar Haddad', 'person'];
const OFFICIAL: Who = ['a senior State Department official', 'anonymous'];
const AIDE: Who = ['the presidential aide', 'anonymous'];
const DRAGAN: Who = ['Dragan', 'person'];
const SORIN: Who = ['Sorin', 'person'];

/**
 * A phone call between two heads of state: one anonymous official as "a senior
 * State Department official", "the official", "the Marlow official" and "The State
 * Department official"; Dragan's words relayed by "the presidential aide", who is
 * Sorin; Sorin's and Haddad's quotes split by their attribution.
 */
export const grainCorridorCall: NewsArticle = {
  request: {
    title: 'Marlow warns Dragan over grain corridor in second call in three weeks',
    body: articleText('grain-corridor-call.txt'),
    url: 'https://harbor-ledger.example/2026/02/12/marlow-dragan-call',
    outlet: 'The Harbor Ledger',
    author: 'Tessa Okonkwo',
    publishedAt: '2026-02-12T18:00:00Z',
  },
  quotes: [
    said(129, 'partial', 'firmly', MARLOW, [18, 'President Ellen Marlow'], [41, 'told']),
    said(
      313,
      'indirect',
      'the call lasted 50 minutes',
      HADDAD,
      [254, 'White House spokesman Omar Haddad'],
      [288, 'said'],
    ),
    said(
      342,
      'direct',
      'President Marlow pressed Ostravia to reopen the corridor to commercial traffic and to pull its patrol boats back to port,',
      HADDAD,
      [465, 'Haddad'],
      [472, 'said'],
    ),
    said(
      479,
      'direct',
      'She made clear that Washington and its partners were ready to respond with new export controls.',
      HADDAD,
      [465, 'Haddad'],
      [472, 'said'],
    ),
    said(
      648,
      'partial',
      'frank but not hostile.',
      OFFICIAL,
      [590, 'a senior State Department official'],
      [577, 'According to'],
    ),
    said(695, 'partial', 'clear the air', OFFICIAL, [756, 'the official'], [769, 'said']),
    said(
      777,
      'direct',
      'The president described what each road would cost,',
      OFFICIAL,
      [829, 'a senior State Department official'],
      [864, 'told reporters'],
    ),
    said(
      927,
      'partial',
      'a very precise list of penalties.',
      OFFICIAL,
      [829, 'a senior State Department official'],
      [864, 'told reporters'],
    ),
    said(
      964,
      'direct',
      'Neither side expects a breakthrough in Vienna, but both want the talks to happen,',
      OFFICIAL,
      [1047, 'the official'],
      [1060, 'added'],
    ),
    said(
      1086,
      'indirect',
      'the situation in the corridor was changing by the hour',
      OFFICIAL,
      [1068, 'The official'],
      [1081, 'said'],
    ),
    said(1151, 'partial', 'listened carefully', AIDE, [1200, 'the presidential aide'], [1187, 'according to']),
    said(
      1315,
      'partial',
      'a reckless gamble with the bread of millions of families',
      DRAGAN,
      [1224, 'Dragan'],
      [1268, 'told'],
      AIDE,
    ),
    said(
      1389,
      'partial',
      'to the end of every grain agreement our countries have signed.',
      DRAGAN,
      [1224, 'Dragan'],
      [1268, 'told'],
      AIDE,
    ),
    said(
      1455,
      'direct',
      'Too many promises have been broken on this sea already,',
      SORIN,
      [1512, 'Sorin'],
      [1518, 'said'],
    ),
    said(
      1525,
      'direct',
      'It would be better for everyone not to add new ones to the list. Dragan has already told Mrs. Marlow that Ostravia wants the Vienna talks to succeed.',
      SORIN,
      [1512, 'Sorin'],
      [1518, 'said'],
    ),
    said(
      1678,
      'direct',
      'Nothing about this is settled, from where we sit,',
      OFFICIAL,
      [1729, 'the Marlow official'],
      [1749, 'told reporters'],
    ),
    said(
      1767,
      'direct',
      'We remain worried about the patrol boats, and we will keep saying so in public and in private.',
      OFFICIAL,
      [1729, 'the Marlow official'],
      [1749, 'told reporters'],
    ),
    said(1865, 'direct', 'We are not asking for favors,', HADDAD, [1896, 'Haddad'], [1903, 'said']),
    said(
      1910,
      'direct',
      'only for the corridor to be open as it was in the spring.',
      HADDAD,
      [1896, 'Haddad'],
      [1903, 'said'],
    ),
    said(2035, 'partial', 'technical experts', OFFICIAL, [1970, 'The State Department official'], [2000, 'said']),
  ],
  registry: [
    {
      speaker: {
        name: 'Pavel Sorin',
        kind: 'person',
        aliases: ['Sorin'],
        role: 'presidential aide',
        affiliation: 'Ostravian presidency',
      },
      linkedFrom: ['Sorin', 'the presidential aide'],
    },
    // A spokeswoman of the same department: the anonymous official is not her.
    {
      speaker: {
        name: 'Ruth Abara',
        kind: 'person',
        aliases: ['Abara'],
        role: 'State Department spokeswoman',
        affiliation: 'State Department',
      },
      linkedFrom: [],
    },
  ],
};

const SOLIS: Who = ['Renata Solis', 'person'];
const SPOKESWOMAN: Who = ['a city hall spokeswoman', 'anonymous'];
const COLE: Who = ['Cole', 'person'];
const PERSON: Who = ['A person familiar with the negotiations', 'anonymous'];
const AMES: Who = ['Gloria Ames', 'person'];

/**
 * A local strike: the mayor's words relayed by "a city hall spokeswoman", who is
 * Cole; an anonymous "person familiar with the negotiations", later "the person";
 * Ames named after her first quote as "the union president", and her second quote split by "Ames said,".
 */
export const transitStrike: NewsArticle = {
  request: {
    title: 'Port Alder transit strike to run through the weekend',
    body: articleText('transit-strike.txt'),
    url: 'https://alder-courier.example/2026/03/06/transit-strike',
    outlet: 'The Alder Courier',
    author: 'Marcus Bell',
    publishedAt: '2026-03-06T22:30:00Z',
  },
  quotes: [
    said(
      236,
      'partial',
      'a wish list no city budget could carry',
      SOLIS,
      [144, 'Mayor Renata Solis'],
      [202, 'called'],
      SPOKESWOMAN,
    ),
    said(
      320,
      'partial',
      'until the buses are running again.',
      SOLIS,
      [144, 'Mayor Renata Solis'],
      [280, 'said'],
      SPOKESWOMAN,
    ),
    said(358, 'direct', 'We came to the table with a fair offer,', COLE, [399, 'Cole'], [404, 'said']),
    said(
      411,
      'direct',
      'The union walked away from it, and riders are paying the price.',
      COLE,
      [399, 'Cole'],
      [404, 'said'],
    ),
    said(
      546,
      'partial',
      'about four percent apart',
      PERSON,
      [477, 'A person familiar with the negotiations'],
      [517, 'said'],
    ),
    said(607, 'partial', 'much smaller,', PERSON, [622, 'the person'], [633, 'said']),
    said(708, 'direct', 'Nobody wants a long strike,', AMES, [742, 'Gloria Ames'], [737, 'said']),
    said(
      777,
      'direct',
      'But our members have gone three years without a raise, and they are done waiting.',
      AMES,
      [742, 'Gloria Ames'],
      [737, 'said'],
    ),
    said(
      862,
      'direct',
      'We will be back at work the day the city puts a real number on the table,',
      AMES,
      [937, 'Ames'],
      [942, 'said'],
    ),
    said(949, 'direct', 'and not one day before.', AMES, [937, 'Ames'], [942, 'said']),
    said(976, 'direct', 'Both sides know where a deal lies,', PERSON, [1012, 'the person'], [1023, 'added']),
  ],
  registry: [
    {
      speaker: {
        name: 'Nadia Cole',
        kind: 'person',
        aliases: [],
        role: 'city hall spokeswoman',
        affiliation: 'Port Alder city hall',
      },
      linkedFrom: ['Cole', 'a city hall spokeswoman'],
    },
    {
      speaker: { name: 'Gloria Ames', kind: 'person', aliases: [], role: 'union president', affiliation: null },
      linkedFrom: ['Gloria Ames'],
    },
  ],
};

export const NEWS_ARTICLES = [grainCorridorCall, transitStrike];

/** The article's registry as the engine takes it, each speaker with an id of its own. */
export function knownSpeakers(article: NewsArticle): KnownSpeaker[] {
  return article.registry.map(({ speaker }, i) => ({ id: `registry-${i}`, ...speaker }));
}

/** The quotes a careful reader finds once the registry's speakers are linked. */
export function linkedQuotes(article: NewsArticle): ReadQuote[] {
  const linked = new Map<string, RegistrySpeaker>();
  for (const { speaker, linkedFrom } of article.registry) for (const name of linkedFrom) linked.set(name, speaker);
  const link = <S extends { name: string | null; kind: SpeakerKind }>(s: S): S => {
    const known = s.name === null ? undefined : linked.get(s.name);
    return known ? { ...s, name: known.name, kind: known.kind } : s;
  };
  return article.quotes.map((q) => ({
    ...q,
    speaker: link(q.speaker!),
    relayedBy: q.relayedBy && link(q.relayedBy),
  }));
}

/** A quote of an API answer as a ReadQuote: without ids, confidence and attribution status. */
export function readQuote(q: {
  text: string;
  start: number;
  end: number;
  kind: QuoteKind;
  speaker: { name: string; kind: SpeakerKind; mention: ReadQuote['cue'] } | null;
  cue: ReadQuote['cue'];
  relayedBy: { name: string; kind: SpeakerKind } | null;
}): ReadQuote {
  return {
    text: q.text,
    start: q.start,
    end: q.end,
    kind: q.kind,
    speaker: q.speaker && { name: q.speaker.name, kind: q.speaker.kind, mention: q.speaker.mention },
    cue: q.cue,
    relayedBy: q.relayedBy && { name: q.relayedBy.name, kind: q.relayedBy.kind },
  };
}
