/**
 * scenario.json `disguise`: one consistent fictional set of names a host may run the scenario
 * under, so a team that has read the post-mortem can still play. Data only: the engine never
 * applies it (server/disguise does, where views leave the server for responders and the room).
 */
import { z } from 'zod';

export const disguiseAliasSchema = z.object({
  /** A real name as it appears in the scenario's texts and ids: a company, product, service, component or host name. */
  real: z.string().min(2).max(80),
  alias: z.string().min(2).max(80),
  /**
   * Match the real name only with this exact case (for a name that is also a common word, e.g. the
   * product "Access" but not "access control"). Ids are matched in lower case either way.
   */
  matchCase: z.boolean().optional(),
}).strict();

export const disguiseSchema = z.object({
  /** Shown instead of the scenario's title and summary (they must not give the real company away). */
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(600),
  /** The fictional day, YYYY-MM-DD: replaces the real date in every form (2025-11-18, 18 November, Nov 18…). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  aliases: z.array(disguiseAliasSchema).min(1).max(200),
}).strict();

export type DisguiseAlias = z.infer<typeof disguiseAliasSchema>;
export type DisguiseSection = z.infer<typeof disguiseSchema>;
