/** A reason a scenario was refused, naming the file and the field so an author can fix it. */
export interface ScenarioProblem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
