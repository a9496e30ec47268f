/** `cmd a b --flag v --other=w` → positional words and flag values; every flag takes a value. */
export function splitArgs(argv: readonly string[]): { positional: string[]; flags: Record<string, string> } | string {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      const v = inline ?? argv[++i];
      if (v === undefined) return `--${k} needs a value`;
      flags[k] = v;
    } else positional.push(a);
  }
  return { positional, flags };
}
