/**
 * The journal's numbered files (segments and checkpoints): `<prefix>-00000012.jsonl`, zero-padded
 * so that a directory listing sorts them in order, and the number read back from a name.
 */
export function numberedFile(prefix: string): { name: (n: number) => string; number: (name: string) => number | null } {
  const pattern = new RegExp(`^${prefix}-(\\d{8,})\\.jsonl$`);
  return {
    name: (n) => `${prefix}-${String(n).padStart(8, '0')}.jsonl`,
    number: (name) => {
      const m = pattern.exec(name);
      return m ? Number(m[1]) : null;
    },
  };
}
