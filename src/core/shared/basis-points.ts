/**
 * Basis points (1 bp = 0.01 %) as percentage text for exports: 7550 → "75.5". An integer divided
 * by 100 prints exactly (no binary-fraction noise), so no rounding is needed.
 */
export function bpsAsPercentText(bps: number): string {
  return String(bps / 100);
}
