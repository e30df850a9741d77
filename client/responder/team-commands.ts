/** What a responder's console can ask of the server for its team. Each resolves true when accepted. */
import type { ParamValue } from './param-field.tsx';

/** A diagnosis as the console sends it: the claim, the findings cited (F12…), the free text. */
export interface DiagnosisClaim {
  trigger: string;
  /** Only when the team has found a component or artefact to name. */
  component?: string;
  mechanism: string;
  evidence: string[];
  text: string;
}

export interface TeamCommands {
  investigate(investigation: string, params: Record<string, ParamValue>): Promise<boolean>;
  act(action: string, params: Record<string, ParamValue>): Promise<boolean>;
  /** Stop a running investigation of the team (any teammate may). */
  cancel(entry: number): Promise<boolean>;
  diagnose(claim: DiagnosisClaim): Promise<boolean>;
  chat(text: string, pinned: boolean): Promise<boolean>;
}
