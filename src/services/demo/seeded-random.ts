/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) with the draws the demo
 * company needs. The same seed always yields the same sequence on every platform, because it uses
 * only 32-bit integer arithmetic; `Math.random` is never used, so demo data is reproducible.
 *
 * @example
 * const random = new SeededRandom(42);
 * random.int(1, 6); // the same die roll every time for seed 42
 * const accounts = random.fork('accounts'); // an independent stream for one part of the data
 */
export class SeededRandom {
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The second value of the last Box-Muller pair, kept so normal draws cost one pair per two. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Seed ${seed} is not a finite number`);
    this.seed = seed >>> 0;
    let state = this.seed;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    // sfc32 needs a few rounds before its output leaves the seed's neighbourhood.
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  /**
   * An independent stream for one part of the output, derived from the seed and a label only, so
   * that drawing more or fewer values in one part never changes the values of another.
   */
  fork(label: string): SeededRandom {
    let hash = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < label.length; i += 1) {
      hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    }
    return new SeededRandom(hash >>> 0);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integer bounds with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p` (0 never, 1 always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick needs a non-empty array');
    return item;
  }

  /** Picks an item with probability proportional to its weight; zero-weight items are never picked. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) {
      if (!(weight >= 0)) throw new RangeError(`Weight ${weight} is not a non-negative number`);
      total += weight;
    }
    if (total <= 0) throw new RangeError('weighted needs at least one positive weight');
    let target = this.next() * total;
    let last: T | undefined;
    for (const [item, weight] of entries) {
      if (weight === 0) continue;
      if (target < weight) return item;
      target -= weight;
      last = item;
    }
    // Only float rounding at the very end of the range reaches here.
    return last as T;
  }

  /** A normal draw (Box-Muller). */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + standardDeviation * spare;
    }
    const u = 1 - this.next(); // (0, 1]: the logarithm stays finite
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + standardDeviation * radius * Math.cos(2 * Math.PI * v);
  }

  /** A lognormal draw given its median (e^mu) and the sigma of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential draw with the given mean: the gap between events of a Poisson process. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A shuffled copy (Fisher-Yates); the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }
}
