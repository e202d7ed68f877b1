import groups from './data/given-names.json';

// Given names and their short forms (William: Bill, Will, Liam; Jennifer: Jen,
// Jenny). The registry has no maintained list of English diminutives for
// JavaScript (its "nicknames" package makes up pet names, and the fuzzy name
// matchers would take Jason for Jackson), so the service keeps its own: a form
// may belong to several names ("Al": Albert, Alan, Alexander, Alfred).

/** Each group: a given name first, then its short forms. */
export const GIVEN_NAMES: readonly (readonly string[])[] = groups;

const groupsOf = new Map<string, number[]>();
GIVEN_NAMES.forEach((group, i) => {
  for (const name of group) groupsOf.set(name, [...(groupsOf.get(name) ?? []), i]);
});

/**
 * Whether two folded given names can name the same person: the same name, one a
 * short form of the other or both short forms of one name, or an initial ("j",
 * "j.", "j.j.") and a name it begins.
 */
export function compatibleGivenNames(a: string, b: string): boolean {
  const x = a.replace(/\.$/, '');
  const y = b.replace(/\.$/, '');
  if (x === y) return true;
  // An initial, or initials ("j.j."), stand for a name they begin.
  const initials = (n: string) => n.length === 1 || /^(?:\p{L}\.)+\p{L}?$/u.test(n);
  if (initials(x) || initials(y)) return x[0] === y[0];
  const gx = groupsOf.get(x);
  const gy = groupsOf.get(y);
  return gx !== undefined && gy !== undefined && gx.some((g) => gy.includes(g));
}
