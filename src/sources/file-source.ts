// A dossier export file as a source: read once, streamed through the pure core for every period asked.
import type { AgencyList } from '../core/agencies.js';
import { groupValue, makeFilter } from '../core/grouping.js';
import { addToTally, classify, emptyTally } from '../core/rules.js';
import type { GroupTallies } from '../core/table.js';
import { isSkipped } from '../core/rejects.js';
import type { Dossier, Reject, Tally } from '../core/types.js';
import type { Warning } from '../core/warnings.js';
import { readDossierFile, type ReadInfo } from '../readers/index.js';
import type { ReadOptions } from '../readers/types.js';
import type { CountQuery, CountResult, DossierSource, Filters } from './source.js';

export class FileSource implements DossierSource {
  readonly description: string;
  private info: ReadInfo = {};

  /** What the file's header lacks or gives twice, once it has been read. */
  get warnings(): Warning[] {
    return this.info.header?.warnings ?? [];
  }

  constructor(
    private readonly path: string,
    private readonly agencies: AgencyList,
    private readonly readOptions: ReadOptions = {},
  ) {
    this.description = path;
  }

  async count(query: CountQuery): Promise<CountResult> {
    const groups = query.periods.map(() => new Map<string, Tally>());
    let rejectedCount = 0;
    let skippedCount = 0;
    const accept = makeFilter(query.filters, this.agencies);
    for await (const item of this.read()) {
      if ('reject' in item) {
        if (isSkipped(item.reject.kind)) skippedCount++;
        else rejectedCount++;
        query.onReject?.(item.reject);
        continue;
      }
      const d = item.dossier;
      if (!accept(d)) continue;
      const key = groupValue(d, query.groupBy);
      for (let p = 0; p < query.periods.length; p++) {
        const keys = classify(d, query.periods[p], query.rules);
        if (keys.length === 0) continue;
        let tally = groups[p].get(key);
        if (!tally) groups[p].set(key, (tally = emptyTally()));
        addToTally(tally, keys);
      }
    }
    const perPeriod: GroupTallies[] = groups.map((g) => ({ groups: g, rejected: rejectedCount }));
    return { perPeriod, rejectedCount, skippedCount };
  }

  async *dossiers(filters?: Filters, onReject?: (reject: Reject) => void): AsyncIterable<Dossier> {
    const accept = makeFilter(filters, this.agencies);
    for await (const item of this.read()) {
      if ('reject' in item) onReject?.(item.reject);
      else if (accept(item.dossier)) yield item.dossier;
    }
  }

  /** The file's rows, filling in what the reader learns (its header, so the warnings) as they come. */
  private read() {
    this.info = {};
    return readDossierFile(this.path, this.readOptions, this.info);
  }

  async close(): Promise<void> {}
}
