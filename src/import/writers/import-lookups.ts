import type { ImportContext } from './import-context.ts';
import { OpportunityLocator } from './opportunity-locator.ts';
import { ReferenceDirectory } from './reference-directory.ts';
import { StageCatalog } from './stage-catalog.ts';

/** The lookups of one file, each loaded on first use inside the file's transaction. */
export class ImportLookups {
  private personDirectory: ReferenceDirectory | null = null;
  private accountDirectory: ReferenceDirectory | null = null;
  private stageCatalog: StageCatalog | null = null;
  readonly opportunities = new OpportunityLocator();

  constructor(private readonly ctx: ImportContext) {}

  async persons(): Promise<ReferenceDirectory> {
    this.personDirectory ??= await ReferenceDirectory.load(this.ctx, 'person');
    return this.personDirectory;
  }

  async accounts(): Promise<ReferenceDirectory> {
    this.accountDirectory ??= await ReferenceDirectory.load(this.ctx, 'account');
    return this.accountDirectory;
  }

  async stages(): Promise<StageCatalog> {
    this.stageCatalog ??= await StageCatalog.load(this.ctx);
    return this.stageCatalog;
  }

  /** Writes people and accounts created from names, before rows that point at them are written. */
  async flush(): Promise<void> {
    await this.personDirectory?.flush(this.ctx);
    await this.accountDirectory?.flush(this.ctx);
  }
}
