/**
 * zod issues as problems an author can act on: the field path written as in the file
 * (`referencePlan[3].action`), one problem per unknown key, "missing" for absent fields, and for a
 * value that fits none of several shapes (a plan step, a parameter), what each shape expected.
 */
import type { z } from 'zod';
import type { ScenarioProblem } from './scenario-problems.ts';

export function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const shapes = issue.errors.map((branch) => branch.map((i) => `${formatPath(i.path) || 'value'}: ${describe(i)}`).join(', '));
    return `matches none of the allowed shapes: ${shapes.map((s, i) => `(${i + 1}) ${s}`).join('; ')}`;
  }
  return issue.message;
}

export function zodProblems(file: string, issues: readonly z.core.$ZodIssue[]): ScenarioProblem[] {
  return issues.flatMap((issue): ScenarioProblem[] => {
    const field = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ file, field: field ? `${field}.${key}` : key, message: `unknown field "${key}"` }));
    }
    return [{ file, field, message: describe(issue) }];
  });
}
