/**
 * The one text cleaner for everything a person types (names, team names, chat, diagnoses, status
 * updates, injects): Unicode NFC, line breaks made uniform (or, for one-line text, spaces), control
 * characters (C0, DEL, C1) and bidirectional overrides/isolates removed, then trimmed, then the
 * length checked. Every zod schema in this folder that takes free text uses `textField`.
 */
import { z } from 'zod';

// Line breaks of every kind: CRLF, CR, LF, VT, FF, NEL (U+0085), LINE/PARAGRAPH SEPARATOR.
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) and the Arabic letter mark: they can reorder what others see.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u061c]/g;

export interface TextRule {
  /** Used in refusals: "a name", "a chat message". */
  what: string;
  min: number;
  max: number;
  /** Chat and long texts keep their line breaks (as \n); names and titles are one line. */
  multiline: boolean;
}

/** Clean only (no length check): what the text becomes before it is checked and stored. */
export function cleanText(raw: string, multiline: boolean): string {
  const clean = raw
    .normalize('NFC')
    .replace(LINE_BREAKS, multiline ? '\n' : ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROLS, '');
  // One-line text: what were line breaks and tabs become one space.
  return (multiline ? clean : clean.replace(/ {2,}/g, ' ')).trim();
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export const textLength = (text: string): number => [...text].length;

/** The refusal for a text that is empty or too long once cleaned; null when it is fine. */
export function textProblem(clean: string, rule: TextRule): string | null {
  const length = textLength(clean);
  if (length < rule.min) return rule.min === 1 ? `${rule.what} cannot be empty (control characters and surrounding spaces do not count)` : `${rule.what} needs at least ${rule.min} characters`;
  if (length > rule.max) return `${rule.what} is at most ${rule.max} characters${rule.multiline ? '' : ', on one line'}`;
  return null;
}

/** Cleaned text, or the refusal. A generous bound on the raw input keeps normalisation cheap on hostile frames. */
export function checkText(raw: string, rule: TextRule): { ok: true; text: string } | { ok: false; problem: string } {
  if (raw.length > rule.max * 8 + 64) return { ok: false, problem: `${rule.what} is at most ${rule.max} characters` };
  const text = cleanText(raw, rule.multiline);
  const problem = textProblem(text, rule);
  return problem ? { ok: false, problem } : { ok: true, text };
}

/** A zod string that comes out cleaned, or is refused with a reason a person can act on. */
export function textField(rule: TextRule) {
  return z.string().transform((raw, ctx) => {
    const checked = checkText(raw, rule);
    if (checked.ok) return checked.text;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });
}

/** A parameter value: a number as it is, or text cleaned like any other (status updates are text parameters). */
export function paramValue(rule: TextRule) {
  // A `multi` parameter's value is a short list of option ids (the engine checks them against the options).
  const picked = z.array(z.string().max(64), { error: 'a list parameter holds option values' }).max(40);
  return z.union([z.string(), z.number(), picked], { error: 'a parameter is text, a number or a list of options' }).transform((value, ctx) => {
    if (typeof value === 'number' || Array.isArray(value)) return value;
    const checked = checkText(value, rule);
    if (checked.ok) return checked.text;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });
}

/** The limits, named once: docs/protocol.md quotes them. */
export const TEXT_RULES = {
  name: { what: 'a name', min: 1, max: 40, multiline: false },
  teamName: { what: 'a team name', min: 1, max: 40, multiline: false },
  chat: { what: 'a chat message', min: 1, max: 1000, multiline: true },
  diagnosis: { what: 'a diagnosis note', min: 0, max: 2000, multiline: true },
  injectTitle: { what: 'an inject title', min: 1, max: 120, multiline: false },
  injectText: { what: 'an inject text', min: 1, max: 2000, multiline: true },
  paramText: { what: 'a text parameter (e.g. a status update)', min: 1, max: 2000, multiline: true },
  reviewReason: { what: 'a reason', min: 3, max: 500, multiline: true },
  improvementText: { what: 'an improvement item', min: 3, max: 500, multiline: true },
  improvementOwner: { what: 'an owner', min: 1, max: 80, multiline: false },
  improvementDue: { what: 'a due date', min: 1, max: 40, multiline: false },
} as const satisfies Record<string, TextRule>;
