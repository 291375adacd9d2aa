/**
 * A deterministic covering-array generator (AETG-style greedy): every pair of levels of every two
 * factors appears in at least one row, plus every combination of the listed factor triples.
 * Not the full product: a few hundred rows instead of millions. Same input → same rows.
 */

export type Factors = Record<string, readonly string[]>;
export type Row<F extends Factors> = { [K in keyof F]: F[K][number] };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function cover<F extends Factors>(factors: F, opts: { seed: number; triples?: Array<Array<keyof F & string>>; candidates?: number }): Array<Row<F>> {
  const names = Object.keys(factors);
  const rnd = mulberry32(opts.seed);
  const groups: string[][] = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) groups.push([names[i], names[j]]);
  for (const t of opts.triples ?? []) groups.push([...t].sort((a, b) => names.indexOf(a) - names.indexOf(b)));
  // Runs at every catalog load (listing and the visit service): kept to plain loops and strings.
  const key = (g: string[], row: Record<string, string>) => {
    let k = '';
    for (let i = 0; i < g.length; i++) k += (i ? '&' : '') + g[i] + '=' + row[g[i]];
    return k;
  };

  const uncovered = new Set<string>();
  const tupleList: Array<{ g: string[]; values: Record<string, string>; k: string }> = [];
  for (const g of groups) {
    let combos: Array<Record<string, string>> = [{}];
    for (const f of g) combos = combos.flatMap((c) => factors[f].map((v) => ({ ...c, [f]: v })));
    for (const c of combos) {
      const k = key(g, c);
      if (!uncovered.has(k)) {
        uncovered.add(k);
        tupleList.push({ g, values: c, k });
      }
    }
  }
  const groupsWith = new Map<string, string[][]>();
  for (const f of names)
    groupsWith.set(
      f,
      groups.filter((g) => g.includes(f)),
    );

  const rows: Array<Row<F>> = [];
  while (uncovered.size) {
    let best: Record<string, string> | undefined;
    let bestScore = -1;
    const pending = tupleList.filter((t) => uncovered.has(t.k));
    for (let c = 0; c < (opts.candidates ?? 24); c++) {
      const seedTuple = pending[Math.floor(rnd() * pending.length)];
      const row: Record<string, string> = { ...seedTuple.values };
      const rest = names.filter((f) => !(f in row));
      for (let i = rest.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [rest[i], rest[j]] = [rest[j], rest[i]];
      }
      for (const f of rest) {
        let bestLevel = factors[f][0];
        let bestGain = -1;
        const offset = Math.floor(rnd() * factors[f].length);
        for (let li = 0; li < factors[f].length; li++) {
          const level = factors[f][(li + offset) % factors[f].length];
          row[f] = level; // tried in place; the chosen level is set below
          let gain = 0;
          for (const g of groupsWith.get(f)!) if (g.every((x) => x in row) && uncovered.has(key(g, row))) gain++;
          if (gain > bestGain) {
            bestGain = gain;
            bestLevel = level;
          }
        }
        row[f] = bestLevel;
      }
      let score = 0;
      for (const g of groups) if (uncovered.has(key(g, row))) score++;
      if (score > bestScore) {
        bestScore = score;
        best = row;
      }
    }
    for (const g of groups) uncovered.delete(key(g, best!));
    rows.push(best as Row<F>);
  }
  return rows;
}
