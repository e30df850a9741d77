/** Words for comparing option labels with evidence: lower-case, split on anything not a letter or digit, light stemming. */
const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'it', 'its', 'of', 'on',
  'or', 'so', 'that', 'the', 'their', 'them', 'then', 'there', 'they', 'this', 'to', 'was', 'were', 'what', 'when', 'which',
  'while', 'who', 'whose', 'with', 'all', 'any', 'no', 'not', 'new', 'one', 's', 'than', 'but', 'do', 'does', 'we', 'our',
]);

/** Strip the commonest English endings so "requests" meets "request" and "raised" meets "raise". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !STOPWORDS.has(w))
    .map(stem);
}

export function tokenSet(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const text of texts) for (const t of tokens(text)) set.add(t);
  return set;
}
