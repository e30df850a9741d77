/** Tiny argv parsing for the CLIs: positional arguments plus `--flag` and `--key value`. */
export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs | { error: string } {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) { parsed.positional.push(arg); continue; }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    // The same option twice would silently keep one of them.
    if (parsed.values.has(name) || parsed.flags.has(name)) return { error: `--${name} is given twice` };
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) return { error: `--${name} needs a value` };
      parsed.values.set(name, value);
    } else {
      if (inline !== undefined) return { error: `--${name} takes no value` };
      parsed.flags.add(name);
    }
  }
  return parsed;
}
