import cueData from './data/cues.json';
import speakerData from './data/speakers.json';
import minedCues from './data/mined-cues.json';

// The word lists the engine reads, as sets, built once at load time.

const set = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));

// Mined reporting forms join the quote cues when the corpus used them often
// enough to be a habit of news copy rather than an accident of one article.
const MINED_MIN_COUNT = 8;
const minedForms = Object.entries(minedCues.singleWords as Record<string, number>)
  .filter(([, n]) => n >= MINED_MIN_COUNT)
  .map(([w]) => w)
  .filter((w) => !(minedCues.notSpeech as string[]).includes(w));

export const lexicon = {
  speech: new Set([...set(cueData.speech), ...minedForms]),
  indirect: set(cueData.indirect),
  participles: set(cueData.participles),
  phrases: cueData.phrases.map((p) => p.map((w) => w.toLowerCase())),
  auxiliaries: set(cueData.auxiliaries),
  timeWords: set(cueData.timeWords),
  titles: set(speakerData.titles),
  anonymousHeads: set(speakerData.anonymousHeads),
  groupHeads: set(speakerData.groupHeads),
  organizationHeads: set(speakerData.organizationHeads),
  genericGroupHeads: set(speakerData.genericGroupHeads),
  orgOnlyHeads: set(speakerData.orgOnlyHeads),
  nonSpeakerHeads: set(speakerData.nonSpeakerHeads),
  determiners: set(speakerData.determiners),
  postModifiers: set(speakerData.postModifiers),
  pronouns: new Map(Object.entries(speakerData.pronouns)),
  sentenceAdverbs: set(speakerData.sentenceAdverbs),
  abbreviations: set(speakerData.abbreviations),
  nameSuffixes: set(speakerData.nameSuffixes),
};
