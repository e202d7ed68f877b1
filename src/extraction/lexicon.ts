import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import cueData from './data/cues.json';
import speakerData from './data/speakers.json';
import minedCues from './data/mined-cues.json';
import minedSources from './data/mined-sources.json';
import grammarData from './data/grammar.json';

// The word lists the engine reads, as sets, built once at load time.

const set = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));

// Mined reporting forms join the quote cues when the corpus used them often
// enough to be a habit of news copy rather than an accident of one article.
const MINED_MIN_COUNT = 8;
const minedForms = Object.entries(minedCues.singleWords as Record<string, number>)
  .filter(([, n]) => n >= MINED_MIN_COUNT)
  .map(([w]) => w)
  .filter((w) => !(minedCues.notSpeech as string[]).includes(w));

// Mined lists carry the corpus's noise: function words and verbs that happened
// to sit inside a source span. Only content words may become titles or heads.
const FUNCTION_WORDS = new Set(grammarData.functionWords);
const MINED_PHRASE_MIN = 5;
const PARTICLES = new Set(grammarData.particles);
const minedWordsAll = minedCues.singleWords as Record<string, number>;
// Phrasal reporting verbs ("pointed out", "called for"): the verb must itself be a cue.
const minedPhrases = Object.entries(minedCues.phrases as Record<string, number>)
  .filter(([, n]) => n >= MINED_PHRASE_MIN)
  .map(([p]) => p.split(' '))
  .filter(
    (ws) =>
      ws.length === 2 &&
      PARTICLES.has(ws[1]!) &&
      ((minedWordsAll[ws[0]!] ?? 0) >= MINED_MIN_COUNT || cueData.speech.includes(ws[0]!)),
  );
const minedHeads = Object.entries(minedSources.descriptorHeads as Record<string, number>)
  .filter(([w, n]) => n >= 3 && /^[a-z-]+$/.test(w) && !FUNCTION_WORDS.has(w))
  .map(([w]) => w);
// Title words precede a name; verbs ("backs Clinton", "named Smith") do too, so -s, -ed and -ing forms stay out.
const minedTitles = Object.entries(minedSources.titleWords as Record<string, number>)
  .filter(([w, n]) => n >= 3 && /^[a-z-]+$/.test(w) && !FUNCTION_WORDS.has(w) && !/(ed|ing|s)$/.test(w))
  .map(([w]) => w);

function byFirstWord(phrases: string[][]): Map<string, string[][]> {
  const m = new Map<string, string[][]>();
  for (const p of phrases) {
    const first = p[0];
    if (first === undefined) continue;
    const list = m.get(first) ?? [];
    list.push(p);
    m.set(first, list);
  }
  return m;
}

const allPhrases = [...cueData.phrases.map((p) => p.map((w) => w.toLowerCase())), ...minedPhrases];

countries.registerLocale(english);
/** A country's name as compared: lower case, without dots ("U.S." = "us") or a leading "the". */
export const countryKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^the\s+/, '');
const countryNames = [
  ...Object.values(countries.getNames('en', { select: 'all' })).flat(),
  ...speakerData.countryShortNames,
];

export const lexicon = {
  /** The grammar's word lists (data/grammar.json), one set each. */
  grammar: {
    headlineVerbs: set(grammarData.headlineVerbs),
    nounMarkers: set(grammarData.nounMarkers),
    progressive: set(grammarData.progressive),
    connectiveOpeners: set(grammarData.connectiveOpeners),
    notVerbs: set(grammarData.notVerbs),
    clauseStarters: set(grammarData.clauseStarters),
    invertible: set(grammarData.invertible),
    be: set(grammarData.be),
    modals: set(grammarData.modals),
    pluralPronouns: set(grammarData.pluralPronouns),
    irregularPast: set(grammarData.irregularPast),
    possessiveOrObject: set(grammarData.possessiveOrObject),
    objectPronouns: set(grammarData.objectPronouns),
    quantifiers: set(grammarData.quantifiers),
    monthsDays: set(grammarData.monthsDays),
    connectives: set(grammarData.connectives),
    prepositions: set(grammarData.prepositions),
    clauseEdge: set(grammarData.clauseEdge),
    notInDescriptor: set(grammarData.notInDescriptor),
    plainDeterminers: set(grammarData.plainDeterminers),
    anonymityQualifiers: set(grammarData.anonymityQualifiers),
    numerals: set(grammarData.numerals),
    smallWords: set(grammarData.smallWords),
    namingWords: set(grammarData.namingWords),
    functionWords: set(grammarData.functionWords),
    particles: set(grammarData.particles),
    transitive: set(grammarData.transitive),
    qualifierOpeners: set(grammarData.qualifierOpeners),
    describedDeterminers: set(grammarData.describedDeterminers),
    personalPronouns: set(grammarData.personalPronouns),
    notAdjunctOpeners: set(grammarData.notAdjunctOpeners),
    impersonalSubjects: set(grammarData.impersonalSubjects),
    sharedSubjectLinks: set(grammarData.sharedSubjectLinks),
    askedOpeners: set(grammarData.askedOpeners),
    relayParticiples: set(grammarData.relayParticiples),
    roleLinks: set(grammarData.roleLinks),
    participleOpeners: set(grammarData.participleOpeners),
    shareWords: set(grammarData.shareWords),
  },
  speech: new Set([...set(cueData.speech), ...minedForms]),
  indirect: set(cueData.indirect),
  reported: {
    bareClause: set(cueData.reported.bareClause),
    hearer: set(cueData.reported.hearer),
    infinitive: set(cueData.reported.infinitive),
    object: set(cueData.reported.object),
    question: set(cueData.reported.question),
    notClauseOpeners: set(cueData.reported.notClauseOpeners),
    prepositions: set(cueData.reported.prepositions),
    joiners: set(cueData.reported.joiners),
    whWords: set(cueData.reported.whWords),
    nounForms: set(cueData.reported.nounForms),
    adjuncts: set(cueData.reported.adjuncts),
    finite: set(cueData.reported.finite),
    sayVerbs: set(cueData.reported.sayVerbs),
    subjectEdges: set(cueData.reported.subjectEdges),
    quantities: set(cueData.reported.quantities),
    subjectPronouns: set(cueData.reported.subjectPronouns),
    timeNouns: set(cueData.reported.timeNouns),
    passive: set(cueData.reported.passive),
    timeConjunctions: set(cueData.reported.timeConjunctions),
  },
  participles: set(cueData.participles),
  phrasesByFirstWord: byFirstWord(allPhrases),
  auxiliaries: set(cueData.auxiliaries),
  perfectAdverbs: set(cueData.perfectAdverbs),
  timeWords: set(cueData.timeWords),
  titles: new Set([...set(speakerData.titles), ...minedTitles]),
  anonymousHeads: new Set([
    ...set(speakerData.anonymousHeads),
    ...minedHeads.filter((w) => !speakerData.nonSpeakerHeads.includes(w)),
  ]),
  groupHeads: set(speakerData.groupHeads),
  organizationHeads: set(speakerData.organizationHeads),
  genericGroupHeads: set(speakerData.genericGroupHeads),
  orgOnlyHeads: set(speakerData.orgOnlyHeads),
  nonSpeakerHeads: set(speakerData.nonSpeakerHeads),
  determiners: set(speakerData.determiners),
  postModifiers: set(speakerData.postModifiers),
  pronouns: new Map(Object.entries(speakerData.pronouns)),
  otherPronouns: set(speakerData.otherPronouns),
  unspecifiedSources: set(speakerData.unspecifiedSources),
  sentenceAdverbs: set(speakerData.sentenceAdverbs),
  abbreviations: set(speakerData.abbreviations),
  nameSuffixes: set(speakerData.nameSuffixes),
  /** Country names from the ISO 3166 registry and their short forms, by countryKey. */
  countries: new Set(countryNames.map(countryKey)),
  /** Last words of those names ("korea", "us"): most phrases are ruled out by their head alone. */
  countryHeads: new Set(countryNames.map((n) => countryKey(n).split(/\s+/).at(-1) ?? '')),
};
