import { normalizeQuoteText } from '../text/normalize.js';
import { alignClaim, allowedCost, SIMILAR, type Alignment } from './align.js';
import { changesMeaning, describeDifference, differencesOf } from './differences.js';
import type {
  CandidateSpeaker,
  EvidenceArticle,
  StatementPart,
  VerifyCandidate,
  VerifyRepository,
} from './repository.js';
import type { SpeakerMatch, VerifyInput, VerifyMatch, VerifyResult } from './schemas.js';
import {
  claimedGivenName,
  claimedSpeaker,
  matchSpeaker,
  settleBySurname,
  type ClaimedSpeaker,
} from './speaker-match.js';
import { tokenize, type WordToken } from './wording.js';

const MAX_MATCHES = 20;
const CONTEXT_CHARS = 200;

/** A statement on record: one stored quote, or the parts of one split by its attribution. */
interface Evidence {
  id: string;
  text: string;
  tokens: WordToken[];
  parts: Pick<StatementPart, 'id' | 'text' | 'start' | 'end'>[];
  start: number;
  end: number;
  status: VerifyCandidate['status'];
  publishedAt: Date;
  articleId: string;
  /** Null when unknown, or when a person rejected the attribution. */
  speaker: CandidateSpeaker | null;
  relayedBy: CandidateSpeaker | null;
  sieve: string | null;
}

interface Scored {
  evidence: Evidence;
  alignment: Alignment;
  /** Within the edits a close variant may have, meaning aside. */
  sameWording: boolean;
  /** A negation, number, name or meaning-flipping word differs. */
  meaningChanged: boolean;
  close: boolean;
  speakerMatch: SpeakerMatch;
  relayedByClaimed: boolean;
}

function contextWindow(body: string, start: number, end: number) {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(body.length, end + CONTEXT_CHARS);
  // Start and end on word boundaries, without cutting into the quote.
  while (from > 0 && from < start && /\S/.test(body[from - 1]!)) from++;
  while (to < body.length && to > end && /\S/.test(body[to]!)) to--;
  return { text: body.slice(from, to), start: from, end: to };
}

const ref = (s: CandidateSpeaker | null) => (s ? { id: s.id, name: s.name, kind: s.kind } : null);

function distinctSpeakers(items: Scored[]) {
  const seen = new Map<string, { id: string; name: string; kind: CandidateSpeaker['kind'] }>();
  for (const s of items) {
    const speaker = s.evidence.speaker;
    if (speaker && !seen.has(speaker.id)) seen.set(speaker.id, ref(speaker)!);
  }
  return [...seen.values()];
}

const byAppearance = (a: Scored, b: Scored) =>
  a.evidence.publishedAt.getTime() - b.evidence.publishedAt.getTime() || (a.evidence.id < b.evidence.id ? -1 : 1);

const matchKind = (s: Scored): VerifyMatch['match'] =>
  s.alignment.cost === 0 && !s.meaningChanged ? 'exact' : s.close ? 'close' : 'similar';
const MATCH_RANK = { exact: 0, close: 1, similar: 2 } as const;
const ATTRIBUTION_RANK = { confirmed: 0, machine: 1, rejected: 2 } as const;

/** Strongest evidence first: wording, then what people confirmed, then earliest appearance. */
const byStrength = (a: Scored, b: Scored) =>
  MATCH_RANK[matchKind(a)] - MATCH_RANK[matchKind(b)] ||
  b.alignment.similarity - a.alignment.similarity ||
  ATTRIBUTION_RANK[a.evidence.status] - ATTRIBUTION_RANK[b.evidence.status] ||
  byAppearance(a, b);

/**
 * The statements behind the candidates: a quote that is part of a longer
 * statement stands for the whole of it (its parts by the same speaker), once.
 */
function statementsOf(candidates: VerifyCandidate[]): Evidence[] {
  const seen = new Set<string>();
  const found: Evidence[] = [];
  for (const c of candidates) {
    // A rejected attribution names nobody, and joins no statement.
    const rejected = c.status === 'rejected';
    const parts =
      !rejected && c.parts && c.parts.length > 1
        ? c.parts.filter((p) => p.status !== 'rejected' && p.speakerId === (c.speaker?.id ?? null))
        : [{ id: c.id, text: c.text, start: c.start, end: c.end, speakerId: null, status: c.status, sieve: c.sieve }];
    const key = `${c.articleId}:${parts[0]!.start}:${parts.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = parts.map((p) => p.text).join(' ');
    found.push({
      id: parts[0]!.id,
      text,
      tokens: tokenize(text),
      parts: parts.map(({ id, text, start, end }) => ({ id, text, start, end })),
      start: parts[0]!.start,
      end: parts[parts.length - 1]!.end,
      status: parts.every((p) => p.status === 'confirmed')
        ? 'confirmed'
        : c.status === 'rejected'
          ? 'rejected'
          : 'machine',
      publishedAt: c.publishedAt,
      articleId: c.articleId,
      speaker: rejected ? null : c.speaker,
      relayedBy: c.relayedBy,
      // The statement's first part is the match's quote, and its rule the one shown.
      sieve: parts[0]!.sieve,
    });
  }
  return found;
}

export class VerifyService {
  constructor(private readonly repository: VerifyRepository) {}

  async verify(input: VerifyInput): Promise<VerifyResult> {
    const claimTokens = tokenize(input.quote);
    const claimed = input.speaker ? claimedSpeaker(input.speaker) : null;
    const candidates = await this.repository.candidates(
      input.quote,
      normalizeQuoteText(input.quote),
      input.before ? new Date(input.before) : undefined,
    );
    const allowance = allowedCost(claimTokens.length);
    const scored: Scored[] = statementsOf(candidates)
      .map((evidence) => {
        const alignment = alignClaim(claimTokens, evidence.tokens);
        const sameWording = alignment.cost <= allowance;
        const meaningChanged = changesMeaning(claimTokens, evidence.tokens, alignment);
        return {
          evidence,
          alignment,
          sameWording,
          meaningChanged,
          close: sameWording && !meaningChanged,
          speakerMatch: claimed && evidence.speaker ? matchSpeaker(claimed, evidence.speaker) : 'none',
          relayedByClaimed: Boolean(
            claimed && evidence.relayedBy && matchSpeaker(claimed, evidence.relayedBy) !== 'none',
          ),
        } satisfies Scored;
      })
      .filter((s) => s.sameWording || s.alignment.similarity >= SIMILAR);

    const articles = new Map<string, EvidenceArticle>();
    const loadArticles = async (items: Scored[]) => {
      const missing = [...new Set(items.map((s) => s.evidence.articleId))].filter((id) => !articles.has(id));
      for (const a of await this.repository.articles(missing)) articles.set(a.id, a);
    };
    // A record that knows only the surname: the article's own fuller mentions decide.
    const bySurname = scored.filter((s) => s.speakerMatch === 'surname_only');
    if (claimed && bySurname.length > 0) {
      await loadArticles(bySurname);
      for (const s of bySurname) {
        const body = articles.get(s.evidence.articleId)?.body ?? '';
        s.speakerMatch = settleBySurname(claimed, s.evidence.speaker!.name.split(/\s+/).pop()!, body);
      }
    }

    const decision = decide(input, claimed, scored);
    const support = [...decision.support].sort(byStrength);
    const first = [...decision.support].sort(byAppearance)[0];
    let shown = [...new Set([...support, ...[...scored].sort(byStrength)])].slice(0, MAX_MATCHES);
    if (first && !shown.includes(first)) shown = [...shown.slice(0, MAX_MATCHES - 1), first];
    await loadArticles(shown);
    const claimWorded = { text: input.quote, tokens: claimTokens };
    const matches = shown.flatMap((s) => {
      const article = articles.get(s.evidence.articleId);
      return article ? [present(s, article, claimWorded)] : [];
    });
    const byId = new Map(matches.map((m) => [m.quoteId, m]));
    const firstArticle = first ? articles.get(first.evidence.articleId) : undefined;
    return {
      verdict: decision.verdict,
      explanation: asSentence(decision.explain(firstArticle, first ? byId.get(first.evidence.id) : undefined)),
      claim: { quote: input.quote, speaker: input.speaker ?? null },
      saidBy: decision.saidBy,
      firstSeen: first ? (byId.get(first.evidence.id) ?? null) : null,
      matches,
    };
  }
}

function present(s: Scored, article: EvidenceArticle, claim: { text: string; tokens: WordToken[] }): VerifyMatch {
  const { body, ...summary } = article;
  const e = s.evidence;
  return {
    quoteId: e.id,
    text: e.text,
    parts: e.parts.map((p) => ({ quoteId: p.id, text: p.text, start: p.start, end: p.end })),
    similarity: Math.round(s.alignment.similarity * 1000) / 1000,
    match: matchKind(s),
    speaker: ref(e.speaker),
    relayedBy: ref(e.relayedBy),
    speakerIsClaimed: s.speakerMatch !== 'none',
    speakerMatch: s.speakerMatch,
    differences: differencesOf(claim, { text: e.text, tokens: e.tokens }, s.alignment),
    relayedByClaimed: s.relayedByClaimed,
    attribution: e.status,
    sieve: e.sieve,
    article: summary,
    start: e.start,
    end: e.end,
    context: contextWindow(body, e.start, e.end),
    seenAt: e.publishedAt,
  };
}

interface Decision {
  verdict: VerifyResult['verdict'];
  support: Scored[];
  saidBy: VerifyResult['saidBy'];
  /** The explanation, given the article and the presented match of the earliest evidence. */
  explain(article: EvidenceArticle | undefined, first: VerifyMatch | undefined): string;
}

/** "a senior official said ..." begins with a capital. */
const asSentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function names(speakers: { name: string }[]): string {
  return speakers.map((s) => s.name).join(', ');
}

function whereOnRecord(article: EvidenceArticle | undefined): string {
  if (!article) return 'in an article on record';
  const when = article.publishedAt ? `, ${article.publishedAt.toISOString().slice(0, 10)}` : '';
  return `in “${article.title}”${article.outlet ? ` (${article.outlet}${when})` : when ? ` (${when.slice(2)})` : ''}`;
}

/** The most serious difference of the earliest evidence, in words. */
function mostSerious(first: VerifyMatch | undefined): string {
  const d = first?.differences[0];
  return d ? describeDifference(d) : 'the wording differs';
}

function decide(input: VerifyInput, claimed: ClaimedSpeaker | null, scored: Scored[]): Decision {
  const close = scored.filter((s) => s.close);
  const known = close.filter((s) => s.evidence.speaker);
  // What a person rejected supports nothing.
  const unattributed = close.filter((s) => !s.evidence.speaker && s.evidence.status !== 'rejected');
  const onlyRejected = close.length > 0 && close.every((s) => s.evidence.status === 'rejected');
  const noSpeakerKnown = (article: EvidenceArticle | undefined) =>
    onlyRejected
      ? `On record, but no speaker is known: a person rejected the attribution ${whereOnRecord(article)}.`
      : `On record, but no speaker is known: ${whereOnRecord(article)}.`;

  if (!claimed) {
    if (known.length > 0) {
      const saidBy = distinctSpeakers(known);
      return {
        verdict: 'verified',
        support: known,
        saidBy,
        explain: () => `On record from ${names(saidBy)}, earliest first.`,
      };
    }
    if (unattributed.length > 0) {
      return { verdict: 'verified', support: unattributed, saidBy: [], explain: noSpeakerKnown };
    }
    const similar = scored.filter((s) => s.evidence.status !== 'rejected');
    if (similar.length > 0) {
      return {
        verdict: 'wording_differs',
        support: similar,
        saidBy: distinctSpeakers(similar),
        explain: (_a, first) => `Similar words are on record, but not these: ${mostSerious(first)}.`,
      };
    }
    return notFound(close, noSpeakerKnown, 'Nothing on record comes close to these words.');
  }

  const name = claimed.name;
  const mine = known.filter((s) => s.speakerMatch !== 'none');
  if (mine.length > 0) {
    const confirmedName = mine.filter((s) => s.speakerMatch !== 'surname_only');
    const support = confirmedName.length > 0 ? confirmedName : mine;
    const best = [...support].sort(byStrength)[0]!;
    const relayedBy = support.map((s) => s.evidence.relayedBy).find(Boolean);
    const recorded = best.evidence.speaker!.name;
    const given = claimedGivenName(claimed);
    return {
      verdict: 'verified',
      support,
      saidBy: distinctSpeakers(support),
      explain: () =>
        `${name} said this${best.alignment.cost > 0 ? ' (a close variant of the wording)' : ''}` +
        `${relayedBy ? `, as relayed by ${relayedBy.name}` : ''}.` +
        (confirmedName.length === 0
          ? ` The record names the speaker only as “${recorded}”: the first name${given ? ` “${given}”` : ''} is not confirmed.`
          : ''),
    };
  }
  const others = known.filter((s) => s.speakerMatch === 'none');
  if (others.length > 0) {
    const saidBy = distinctSpeakers(others);
    const relayed = others.some((s) => s.relayedByClaimed);
    return {
      verdict: 'misattributed',
      support: others,
      saidBy,
      explain: () =>
        `These words are on record from ${names(saidBy)}, not ${name}${relayed ? `; ${name} only relayed them` : ''}.`,
    };
  }
  const similarMine = scored.filter((s) => s.evidence.speaker && s.speakerMatch !== 'none');
  if (similarMine.length > 0) {
    return {
      verdict: 'wording_differs',
      support: similarMine,
      saidBy: distinctSpeakers(similarMine),
      explain: (_a, first) => `${name} said something similar, but not this: ${mostSerious(first)}.`,
    };
  }
  // The same words but for a changed negation, number, name or meaning, from someone else.
  const changedOthers = scored.filter((s) => s.evidence.speaker && s.sameWording);
  if (changedOthers.length > 0) {
    const saidBy = distinctSpeakers(changedOthers);
    return {
      verdict: 'misattributed',
      support: changedOthers,
      saidBy,
      explain: (_a, first) =>
        `Words like these are on record from ${names(saidBy)}, not ${name}, and they differ: ${mostSerious(first)}.`,
    };
  }
  return notFound(close, noSpeakerKnown, `Nothing on record from ${name} or anyone else comes close to these words.`);
}

function notFound(
  close: Scored[],
  noSpeakerKnown: (a: EvidenceArticle | undefined) => string,
  nothing: string,
): Decision {
  return {
    verdict: 'not_found',
    support: close,
    saidBy: [],
    explain: (article) => (close.length > 0 ? noSpeakerKnown(article) : nothing),
  };
}
