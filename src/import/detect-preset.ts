/**
 * Picks the preset and entity for a file from its header row. Each layout names the headers that
 * identify it; the file fits a layout when it has them all and none of a sibling's tell-tale
 * headers. Among fits the one using most of the file's headers wins; a tie is refused as ambiguous
 * rather than guessed.
 */
import { ImportError } from './import-error.ts';
import { fitLayout, type AnyEntityLayout, type ImportPreset, type LayoutFit } from './presets/entity-layout.ts';
import { HUBSPOT_PRESET } from './presets/hubspot.ts';
import { SALESFORCE_DATA_LOADER_PRESET } from './presets/salesforce-data-loader.ts';
import { SALESFORCE_REPORT_PRESET } from './presets/salesforce-report.ts';
import { SUPERSTORE_PRESET } from './presets/superstore.ts';

/** The built-in presets, in the order their layouts are listed in messages. */
export const BUILT_IN_PRESETS: readonly ImportPreset[] = [SALESFORCE_DATA_LOADER_PRESET, SALESFORCE_REPORT_PRESET, HUBSPOT_PRESET, SUPERSTORE_PRESET];

const PRESET_NAMES: Readonly<Record<string, ImportPreset>> = {
  salesforce: SALESFORCE_DATA_LOADER_PRESET,
  'salesforce-data-loader': SALESFORCE_DATA_LOADER_PRESET,
  'data-loader': SALESFORCE_DATA_LOADER_PRESET,
  dataloader: SALESFORCE_DATA_LOADER_PRESET,
  sf: SALESFORCE_DATA_LOADER_PRESET,
  'salesforce-report': SALESFORCE_REPORT_PRESET,
  'sf-report': SALESFORCE_REPORT_PRESET,
  report: SALESFORCE_REPORT_PRESET,
  hubspot: HUBSPOT_PRESET,
  hs: HUBSPOT_PRESET,
  superstore: SUPERSTORE_PRESET,
};

/** A built-in preset by id or common name ('salesforce', 'sf-report', 'HubSpot'); null if unknown. */
export function findPreset(name: string): ImportPreset | null {
  return PRESET_NAMES[name.trim().toLowerCase().replace(/[\s_]+/g, '-')] ?? null;
}

export interface DetectedLayout {
  readonly preset: ImportPreset;
  readonly layout: AnyEntityLayout;
}

interface Candidate extends LayoutFit {
  readonly preset: ImportPreset;
}

function expectation(candidate: Candidate): string {
  return `${candidate.layout.label}: ${candidate.layout.requiredHeaders.map((group) => group.join(' or ')).join(', ')}`;
}

/**
 * The layout for these headers among `presets`. With one preset chosen by the user, a file that
 * does not fit says which columns the closest layout misses; in 'auto' mode a file nothing fits
 * lists what each layout expects.
 */
export function detectLayout(headers: readonly string[], presets: readonly ImportPreset[], chosen: boolean): DetectedLayout {
  const candidates: Candidate[] = presets.flatMap((preset) => preset.layouts.map((layout) => ({ preset, ...fitLayout(layout, headers) })));
  const fits = candidates.filter((c) => c.missing.length === 0 && c.excluded.length === 0);
  if (fits.length > 0) {
    const best = Math.max(...fits.map((c) => c.score));
    const top = fits.filter((c) => c.score === best);
    const [winner, ...others] = top;
    if (winner !== undefined && others.length === 0) return { preset: winner.preset, layout: winner.layout };
    throw new ImportError(
      'ambiguous_format',
      `The headers fit ${top.map((c) => c.layout.label).join(' and ')} equally well; choose a preset or add the identifying columns`,
      { candidates: top.map((c) => c.layout.label) },
    );
  }
  const shown = headers.length > 12 ? `${headers.slice(0, 12).join(', ')}, ...` : headers.join(', ');
  if (chosen) {
    const closest = [...candidates].sort((a, b) => a.missing.length + a.excluded.length - (b.missing.length + b.excluded.length) || b.score - a.score)[0];
    if (closest !== undefined) {
      const problems = [
        ...(closest.missing.length > 0 ? [`it lacks ${closest.missing.join(', ')}`] : []),
        ...(closest.excluded.length > 0 ? [`it has ${closest.excluded.join(', ')}, which belong to another kind of export`] : []),
      ];
      throw new ImportError('missing_columns', `The file does not fit ${closest.layout.label}: ${problems.join('; ')}. Headers found: ${shown}`, {
        layout: closest.layout.label,
        missing: closest.missing,
        excluded: closest.excluded,
        headers,
      });
    }
  }
  throw new ImportError(
    'unknown_format',
    `No preset recognises the headers (${shown}). Expected one of:\n${candidates.map((c) => `  - ${expectation(c)}`).join('\n')}\nOr describe the file with a mapping file (see src/import/mapping-file.md).`,
    { headers, expected: candidates.map(expectation) },
  );
}
