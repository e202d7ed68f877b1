import { lexicon } from '../extraction/lexicon.js';
import { nameKey } from '../text/names.js';
import { normalizeName } from '../text/normalize.js';
import { compatibleGivenNames } from './given-names.js';
import { isFunctionWord } from './wording.js';
import type { CandidateSpeaker } from './repository.js';
import type { SpeakerMatch } from './schemas.js';

// Does a claimed name ("Putin", "Vladimir Putin", "President Putin", "Bill
// Clinton", "a senior official") name a stored speaker? Persons are compared as
// people: the same surname, and where both give a first name, the same one or a
// short form of it; titles do not count. Unnamed sources, groups and
// organizations match by containment of their descriptions.

const ORGANIZATION_WORDS = new Set([...lexicon.organizationHeads, ...lexicon.orgOnlyHeads]);

/** A name's words, folded, without leading titles ("President", "Sen.") or trailing suffixes ("Jr."). */
function nameWords(name: string): string[] {
  const words = nameKey(name).replace(/[,()]/g, ' ').split(' ').filter(Boolean);
  let from = 0;
  // Titles, and a reporting verb or a function word run into the name ("Said
  // Ellis", "For Obama"), are not a first name.
  const notGiven = (w: string) =>
    lexicon.titles.has(w.replace(/\.$/, '')) ||
    lexicon.speech.has(w) ||
    isFunctionWord(w) ||
    lexicon.sentenceAdverbs.has(w);
  while (from < words.length - 1 && notGiven(words[from]!)) from++;
  let to = words.length;
  while (to > from + 1 && lexicon.nameSuffixes.has(words[to - 1]!)) to--;
  // An outlet or body run into the name ("Washington Post Trump") is not a first name.
  for (let k = to - 2; k >= from; k--) {
    if (ORGANIZATION_WORDS.has(words[k]!)) {
      from = k + 1;
      break;
    }
  }
  return words.slice(from, to).map((w) => (w.length > 2 ? w.replace(/\.$/, '') : w));
}

export interface ClaimedSpeaker {
  name: string;
  words: string[];
  /** Folded whole, for descriptors ("a senior administration official"). */
  folded: string;
}

export function claimedSpeaker(name: string): ClaimedSpeaker {
  return { name, words: nameWords(name), folded: nameKey(name) };
}

const RANK: Record<SpeakerMatch, number> = { exact: 3, alias: 2, surname_only: 1, none: 0 };

const endsWith = (long: string[], short: string[]) =>
  short.length <= long.length && short.every((w, i) => long[long.length - short.length + i] === w);

/** How one written form of a person's name compares with the claimed name. */
function comparePersonName(claimed: string[], recorded: string[]): SpeakerMatch | 'contradicts' {
  if (claimed.length === 0 || recorded.length === 0) return 'none';
  if (claimed.join(' ') === recorded.join(' ')) return 'exact';
  // "Putin" for "Vladimir Putin", "Wasserman Schultz" for "Debbie Wasserman Schultz".
  if (endsWith(recorded, claimed)) return 'alias';
  // The record knows the surname only; the claim adds a first name.
  if (endsWith(claimed, recorded)) return 'surname_only';
  if (claimed[claimed.length - 1] !== recorded[recorded.length - 1]) return 'none';
  return compatibleGivenNames(claimed[0]!, recorded[0]!) ? 'alias' : 'contradicts';
}

/**
 * How the claimed speaker compares with a stored one, over its name and its
 * registry aliases. A first name that contradicts a full name on record is
 * another person, even when an alias gives the surname alone.
 */
export function matchSpeaker(claimed: ClaimedSpeaker, speaker: CandidateSpeaker): SpeakerMatch {
  const forms = [speaker.name, ...speaker.aliases];
  if (speaker.kind !== 'person') {
    const claim = claimed.folded;
    let best: SpeakerMatch = 'none';
    for (const [i, form] of forms.entries()) {
      const name = nameKey(form);
      if (name === claim) return i === 0 ? 'exact' : 'alias';
      if (name.length > 2 && claim.length > 2 && (name.includes(claim) || claim.includes(name))) best = 'alias';
    }
    return best;
  }
  let best: SpeakerMatch = 'none';
  let contradicted = false;
  for (const [i, form] of forms.entries()) {
    const found = comparePersonName(claimed.words, nameWords(form));
    if (found === 'contradicts') {
      contradicted = true;
      continue;
    }
    const match = found === 'exact' && i > 0 ? 'alias' : found;
    if (RANK[match] > RANK[best]) best = match;
  }
  if (contradicted && best !== 'exact' && best !== 'alias') return 'none';
  return best;
}

/** The claimed first name when the claim gives one (for "the first name is not confirmed"). */
export function claimedGivenName(claimed: ClaimedSpeaker): string | null {
  return claimed.words.length >= 2 ? claimed.name.split(/\s+/).at(-claimed.words.length)! : null;
}

/**
 * Decides a surname-only match from the article's own fuller mentions: the
 * first names the article writes before the surname ("Robert Whittle"). A
 * compatible one confirms the claim (alias), only others refute it (none), and
 * none at all leaves it unconfirmed (surname_only).
 */
export function settleBySurname(claimed: ClaimedSpeaker, surname: string, body: string): SpeakerMatch {
  const wanted = normalizeName(surname);
  const given = claimed.words[0]!;
  const mentioned = new Set<string>();
  // A capitalised word, then up to one middle initial, then the surname (possessive
  // or not: "Donald Trump’s"), on one line.
  const pattern =
    /(?<![\p{L}.])(\p{Lu}[\p{L}'’-]*|(?:\p{Lu}\.)+) (?:\p{Lu}\. )?(?=(\p{Lu}[\p{L}-]*(?:['’]\p{Lu}[\p{L}-]+)?))/gu;
  for (const m of body.matchAll(pattern)) {
    if (normalizeName(m[2]!) !== wanted) continue;
    const first = normalizeName(m[1]!);
    const notAName = [lexicon.titles, lexicon.determiners, lexicon.sentenceAdverbs, ORGANIZATION_WORDS];
    if (notAName.some((words) => words.has(first.replace(/\.$/, '')))) continue;
    mentioned.add(first);
  }
  if (mentioned.size === 0) return 'surname_only';
  return [...mentioned].some((m) => compatibleGivenNames(given, m)) ? 'alias' : 'none';
}
