/** Small helpers for turning bad input into a clear, short reason. */
import { z } from 'zod';

export const resyncSchema = z.union([z.object({}).strict(), z.undefined(), z.null()]);

export function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not understood';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`.slice(0, 300);
}
