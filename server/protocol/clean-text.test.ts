import { describe, expect, it } from 'vitest';
import { chatSchema, createSessionSchema, diagnoseSchema, hostInjectSchema, investigateSchema, joinSchema } from './payloads.ts';

const join = (name: string) => joinSchema.safeParse({ code: 'K7QX2M', name });
const chat = (text: string) => chatSchema.safeParse({ clientActionId: 'a', text });
const problem = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('clean text in every schema', () => {
  it('refuses a name or a chat message that is empty once control characters and spaces are gone', () => {
    expect(problem(join('\u0000\u0001\u0002'))).toBe('a name cannot be empty (control characters and surrounding spaces do not count)');
    expect(problem(join(' \u202e \t'))).toMatch(/^a name cannot be empty/);
    expect(problem(chat('\u0001'))).toBe('a chat message cannot be empty (control characters and surrounding spaces do not count)');
    expect(problem(chat('\n\n'))).toMatch(/^a chat message cannot be empty/);
  });

  it('names are one line: line breaks and tabs become spaces, C0, C1 and bidi overrides go, NFC', () => {
    expect(join('Ada\nLovelace').data?.name).toBe('Ada Lovelace');
    expect(join('Ada\tB').data?.name).toBe('Ada B');
    expect(join('Eve\u0085\u009b\u0007').data?.name).toBe('Eve');
    expect(join('\u202eevil\u202c\u2066x\u2069').data?.name).toBe('evilx');
    expect(join('Zoe\u0301').data?.name).toBe('Zoé'); // composed: one character
    expect(join('Zoe\u0301').data?.name).toHaveLength(3);
  });

  it('checks lengths after cleaning, in characters: names 1–40, chat 1–1000', () => {
    expect(join('x'.repeat(40)).success).toBe(true);
    expect(problem(join('x'.repeat(41)))).toBe('a name is at most 40 characters, on one line');
    expect(join(`  ${'x'.repeat(40)}\u0000  `).data?.name).toHaveLength(40);
    expect(join('😀'.repeat(40)).success).toBe(true);
    expect(chat('y'.repeat(1000)).success).toBe(true);
    expect(problem(chat('y'.repeat(1001)))).toBe('a chat message is at most 1000 characters');
  });

  it('chat keeps its line breaks (made uniform) but not other control characters', () => {
    expect(chat('line 1\r\nline 2\u2028line 3\u0000').data?.text).toBe('line 1\nline 2\nline 3');
  });

  it('team names, diagnosis notes, inject texts and text parameters (status updates) are cleaned the same way', () => {
    const session = createSessionSchema.safeParse({ scenarioId: 'x', teamCount: 2, speed: 1, teamNames: ['Blue\u0000\n', '\u0001'] });
    expect(problem(session)).toMatch(/^a team name cannot be empty/);
    expect(createSessionSchema.safeParse({ scenarioId: 'x', teamCount: 1, speed: 1, teamNames: [' Blue\nTeam '] }).data?.teamNames).toEqual(['Blue Team']);
    expect(diagnoseSchema.safeParse({ clientActionId: 'a', trigger: 't', mechanism: 'm', text: '\u202ebad\u0007' }).data?.text).toBe('bad');
    expect(diagnoseSchema.safeParse({ clientActionId: 'a', trigger: 't', mechanism: 'm', text: '' }).success).toBe(true);
    expect(problem(hostInjectSchema.safeParse({ teamId: null, title: '\u0000', text: 'x' }))).toMatch(/^an inject title cannot be empty/);
    expect(hostInjectSchema.safeParse({ teamId: null, title: 'T\u0085', text: 'a\rb' }).data).toMatchObject({ title: 'T', text: 'a\nb' });
    expect(problem(investigateSchema.safeParse({ clientActionId: 'a', investigation: 'i', params: { message: '\u0001\u0002' } }))).toMatch(/^a text parameter \(e\.g\. a status update\) cannot be empty/);
  });
});
