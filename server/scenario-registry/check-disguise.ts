/**
 * Load-time checks of scenario.json `disguise` that zod cannot express: the fictional set must be
 * consistent (one alias per real name and one real name per alias), must not itself contain a
 * real name, must leave no real date, and every id must travel disguised and come back as itself.
 */
import type { ScenarioData } from '../engine/index.ts';
import { Disguise, idForm } from '../disguise/disguise.ts';
import { scenarioIds } from '../disguise/scenario-ids.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

const ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function checkDisguise(data: ScenarioData, file: string): ScenarioProblem[] {
  const section = data.disguise;
  if (!section) return [];
  const problems: ScenarioProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ file, field, message });

  const reals = new Map<string, number>();
  const aliases = new Map<string, number>();
  section.aliases.forEach((a, i) => {
    const real = a.matchCase ? a.real : a.real.toLowerCase();
    if (reals.has(real)) fail(`disguise.aliases[${i}].real`, `"${a.real}" is already disguised by aliases[${reals.get(real)}]`);
    reals.set(real, i);
    const alias = a.alias.toLowerCase();
    if (aliases.has(alias)) fail(`disguise.aliases[${i}].alias`, `"${a.alias}" already stands for aliases[${aliases.get(alias)}].real: each alias stands for one real name`);
    aliases.set(alias, i);
    if (idForm(a.alias) === '') fail(`disguise.aliases[${i}].alias`, 'needs letters or digits (it is written into ids too)');
  });
  if (section.date === data.date) fail('disguise.date', `must differ from the real date ${data.date}`);
  if (problems.length > 0) return problems;

  const disguise = new Disguise(data, section);
  // Masking twice must change nothing: no alias, and not the disguise's own title or summary, contains a real name.
  const own: [string, string][] = [
    ['disguise.title', section.title], ['disguise.summary', section.summary],
    ...section.aliases.flatMap((a, i): [string, string][] => [[`disguise.aliases[${i}].alias`, a.alias], [`disguise.aliases[${i}].alias`, idForm(a.alias)]]),
  ];
  for (const [field, text] of own) {
    if (disguise.string(text) !== text) fail(field, `"${text}" contains a real name (it would read "${disguise.string(text)}"); choose names that share no word with the real ones`);
  }
  if (disguise.string(section.title) === data.title || section.title === data.title) fail('disguise.title', 'must differ from the real title');

  const ids = scenarioIds(data);
  const seen = new Map<string, string>();
  for (const id of ids) {
    const shown = disguise.string(id);
    if (!ID.test(shown)) fail('disguise.aliases', `id "${id}" would travel as "${shown}", which is not an id (lower-case letters, digits, "_", "-", "." and at most 64 characters): give the alias a shorter or simpler id form`);
    const other = seen.get(shown);
    if (other !== undefined) fail('disguise.aliases', `ids "${other}" and "${id}" would both travel as "${shown}"`);
    seen.set(shown, id);
    if (disguise.realId(shown) !== id) fail('disguise.aliases', `id "${id}" travels as "${shown}", which comes back as "${disguise.realId(shown)}": an alias must not be another id's real name`);
  }
  return problems;
}
