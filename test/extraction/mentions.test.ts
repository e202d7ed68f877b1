import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { quoteStartingWith } from '../support/extraction.js';

const speakerOf = (text: string, start: string) => quoteStartingWith(extractQuotes(text), start).speaker;

describe('speaker mentions', () => {
  it('splits a title from the name', () => {
    const text = 'State treasurer Mira Holmqvist said, "The fund is solvent."';
    const r = extractQuotes(text);
    expect(r.quotes[0]?.speaker?.name).toBe('Mira Holmqvist');
    expect(r.speakers[0]?.role).toBe('State treasurer');
  });

  it('reads an apposition as the role', () => {
    const text = 'Tomas Reyes, a city council aide, said the vote "changes nothing."';
    const r = extractQuotes(text);
    expect(r.quotes[0]?.speaker?.name).toBe('Tomas Reyes');
    expect(r.speakers[0]?.role).toBe('city council aide');
  });

  it('reads a person with the body they speak for', () => {
    const r = extractQuotes('Lena P. Varga of Varga Research Inc said the chip market would shrink this year.');
    expect(r.quotes[0]).toMatchObject({
      text: 'the chip market would shrink this year',
      speaker: { name: 'Lena P. Varga', kind: 'person' },
    });
    expect(r.speakers[0]).toMatchObject({ name: 'Lena P. Varga', affiliation: 'Varga Research Inc' });
  });

  it('reads a role with an affiliation after the name', () => {
    const text = 'Omar Haddad, editor at large at the Coastal Herald, said the port deal "is a mistake."';
    const r = extractQuotes(text);
    expect(r.quotes[0]?.speaker).toMatchObject({ name: 'Omar Haddad', kind: 'person' });
    expect(r.speakers[0]?.role).toMatch(/^editor/);
    expect(r.speakers[0]?.affiliation).toBe('Coastal Herald');
  });

  it('reads a role with an affiliation after a trailing name', () => {
    const r = extractQuotes('"The port deal is a mistake," said Omar Haddad, editor at large at the Coastal Herald.');
    expect(r.speakers[0]).toMatchObject({
      name: 'Omar Haddad',
      role: 'editor at large at the Coastal Herald',
      affiliation: 'Coastal Herald',
    });
  });

  it('reads a description before the name as its role', () => {
    const text = 'Sales fell by a third, chief financial officer, Petra Lind, said on Monday.';
    const r = extractQuotes(text);
    expect(r.quotes[0]).toMatchObject({
      text: 'Sales fell by a third',
      speaker: { name: 'Petra Lind', kind: 'person' },
    });
    expect(r.speakers[0]?.role).toBe('chief financial officer');
  });

  it('reads a name with a middle initial and a suffix, and a party tag before an apposition', () => {
    const r = extractQuotes(
      'Senator Walter J. Osgood Jr. said the bill would pass.\nRep. Nia T. Brooks (D-Ore.), chair of the budget panel, said the vote would wait.',
    );
    expect(r.quotes.map((q) => q.speaker?.name)).toEqual(['Walter J. Osgood Jr', 'Nia T. Brooks']);
  });

  it('reads an inverted attribution', () => {
    expect(speakerOf('"We are ready," said Priya Natarajan, the campaign manager.', 'We are ready')?.name).toBe(
      'Priya Natarajan',
    );
  });

  it('types anonymous sources by their descriptor', () => {
    const s = speakerOf('"Nothing is agreed yet," a senior state official said.', 'Nothing is agreed');
    expect(s?.kind).toBe('anonymous');
    expect(s?.name).toBe('a senior state official');
    const p = speakerOf('"It is close," said two people familiar with the negotiations.', 'It is close');
    expect(p?.kind).toBe('anonymous');
  });

  it('types groups and organizations', () => {
    expect(speakerOf('"We disagree," both sides said.', 'We disagree')?.kind).toBe('group');
    expect(speakerOf('"We disagree," the city council said.', 'We disagree')?.kind).toBe('organization');
    expect(speakerOf('"We disagree," the Harbor Tribune said in an editorial.', 'We disagree')?.kind).toBe(
      'organization',
    );
  });

  it('resolves a pronoun to the nearest person and keeps the pronoun as the mention', () => {
    const text = 'Mayor Ines Calder opened the session.\n\n"We start today," she said.';
    const s = speakerOf(text, 'We start today');
    expect(s?.name).toBe('Ines Calder');
    expect(s?.mention?.text).toBe('she');
  });

  it('links a surname to the full name', () => {
    const text = '"First," Ines Calder said.\n\n"Second," Calder added.';
    const r = extractQuotes(text);
    expect(r.quotes[1]?.speaker?.entity).toBe(r.quotes[0]?.speaker?.entity);
    expect(r.quotes[1]?.speaker?.name).toBe('Ines Calder');
    expect(r.speakers).toHaveLength(1);
    expect(r.speakers[0]?.aliases).toContain('Calder');
  });

  it('links "the official" to the earlier anonymous official', () => {
    const text = '"The plan holds," a senior defense official said.\n\n"We will see," the official added.';
    const r = extractQuotes(text);
    expect(r.quotes[1]?.speaker?.entity).toBe(r.quotes[0]?.speaker?.entity);
    expect(r.quotes[1]?.speaker?.mention?.text).toBe('the official');
  });

  it('keeps the speaker in a continuation paragraph', () => {
    const text = '"The harvest was poor," farmer Joel Amundsen said.\n\n"Next year will be better."';
    expect(speakerOf(text, 'Next year')?.name).toBe('Joel Amundsen');
  });

  it('never makes the byline author a speaker', () => {
    const text =
      'Storm closes harbor\n\nBy Kerstin Lund\n\nKerstin Lund said nothing. "Stay home," the harbor master said.';
    const r = extractQuotes(text);
    expect(r.speakers.map((s) => s.name)).not.toContain('Kerstin Lund');
    expect(
      extractQuotes('"Stay home," Kerstin Lund said.', { authors: ['Kerstin Lund'] }).quotes[0]?.speaker ?? null,
    ).toBeNull();
  });

  it('links a descriptor to the registry by role', () => {
    const text = '"Talks resume Monday," the port authority spokesman said.';
    const r = extractQuotes(text, {
      registry: [
        {
          id: 'r1',
          name: 'Ola Berg',
          kind: 'person',
          aliases: [],
          role: 'port authority spokesman',
          affiliation: null,
        },
      ],
    });
    expect(r.quotes[0]?.speaker?.registryId).toBe('r1');
    expect(r.quotes[0]?.speaker?.name).toBe('Ola Berg');
    const unknown = extractQuotes('"Fine," Ivo Petrov said.', {
      registry: [{ id: 'r1', name: 'Ola Berg', kind: 'person', aliases: [], role: null, affiliation: null }],
    });
    expect(unknown.quotes[0]?.speaker?.registryId).toBeNull();
  });

  it('links an organization by name without its article', () => {
    const text = '"No meeting is planned," the White House said.';
    const r = extractQuotes(text, {
      registry: [{ id: 'wh', name: 'White House', kind: 'organization', aliases: [], role: null, affiliation: null }],
    });
    expect(r.quotes[0]?.speaker?.kind).toBe('organization');
    expect(r.quotes[0]?.speaker?.registryId).toBe('wh');
  });

  it('gives an unnamed source its description as role, for registry look-ups', () => {
    const r = extractQuotes('"Talks resume Monday," the port authority spokesman said.');
    expect(r.speakers[0]?.role).toBe('port authority spokesman');
  });
});
