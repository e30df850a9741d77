/**
 * The parameters a bench client sends with an action or investigation: a valid value for every
 * kind of parameter (the first option, the minimum, the first option as a list, a short text), so
 * that refusals in a bench are the game's rules (a busy responder), never a malformed request.
 */
export type BenchParamSpec =
  | { name: string; type: 'enum'; options: readonly { value: string }[] }
  | { name: string; type: 'multi'; options: readonly { value: string }[] }
  | { name: string; type: 'number'; min: number }
  | { name: string; type: 'text' };

export function fillParams(params: readonly BenchParamSpec[]): Record<string, string | number | string[]> {
  return Object.fromEntries(params.map((p): [string, string | number | string[]] => {
    switch (p.type) {
      case 'enum': return [p.name, p.options[0]!.value];
      case 'multi': return [p.name, [p.options[0]!.value]];
      case 'number': return [p.name, p.min];
      case 'text': return [p.name, 'bench'];
    }
  }));
}
