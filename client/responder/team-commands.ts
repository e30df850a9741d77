/** What a responder's console can ask of the server for its team. Each resolves true when accepted. */
import type { ParamValue } from './param-field.tsx';

export interface TeamCommands {
  investigate(investigation: string, params: Record<string, ParamValue>): Promise<boolean>;
  act(action: string, params: Record<string, ParamValue>): Promise<boolean>;
  diagnose(trigger: string, mechanism: string, text: string): Promise<boolean>;
  chat(text: string, pinned: boolean): Promise<boolean>;
}
