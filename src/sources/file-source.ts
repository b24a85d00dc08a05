// A dossier export file as a source: read once, streamed through the pure core for every period asked.
import type { AgencyList } from '../core/agencies.js';
import { groupValue, makeFilter } from '../core/grouping.js';
import { calendarMonths } from '../core/periods.js';
import { addToMonths, addToTally, classify, emptyTally, monthTallies } from '../core/rules.js';
import type { GroupTallies } from '../core/table.js';
import { isSkipped } from '../core/rejects.js';
import type { Dossier, GroupBy, Reject, Tally } from '../core/types.js';
import type { Warning } from '../core/warnings.js';
import { readDossierFile, type ReadInfo } from '../readers/index.js';
import type { ReadOptions } from '../readers/types.js';
import type { CountQuery, CountResult, DossierSource, Filters } from './source.js';

export class FileSource implements DossierSource {
  readonly description: string;
  private info: ReadInfo = {};
  /** The months of the monthly chart are tallied as the file is read: two classifications a dossier, not one per month. */
  readonly monthsInCount = true;

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

  /** One read of the file for every period and every grouping asked: each dossier classified once per period. */
  async count(query: CountQuery): Promise<CountResult> {
    const groupings = [query.groupBy, ...(query.alsoGroupBy ?? []).filter((g) => g !== query.groupBy)];
    // groups[g][p]: the tallies of grouping g in period p, by the group's spelling.
    const groups = groupings.map(() => query.periods.map(() => new Map<string, Tally>()));
    const keys: string[] = new Array(groupings.length);
    let rejectedCount = 0;
    let skippedCount = 0;
    const accept = makeFilter(query.filters, this.agencies);
    const months = (query.monthsOf ?? []).map((i) => monthTallies(calendarMonths(query.periods[i])));
    for await (const item of this.read()) {
      if ('reject' in item) {
        if (isSkipped(item.reject.kind)) skippedCount++;
        else rejectedCount++;
        query.onReject?.(item.reject);
        continue;
      }
      const d = item.dossier;
      if (!accept(d)) continue;
      for (const m of months) addToMonths(m, d, query.rules);
      for (let g = 0; g < groupings.length; g++) keys[g] = groupValue(d, groupings[g]);
      for (let p = 0; p < query.periods.length; p++) {
        const tallyKeys = classify(d, query.periods[p], query.rules);
        if (tallyKeys.length === 0) continue;
        for (let g = 0; g < groupings.length; g++) {
          const byKey = groups[g][p];
          let tally = byKey.get(keys[g]);
          if (!tally) byKey.set(keys[g], (tally = emptyTally()));
          addToTally(tally, tallyKeys);
        }
      }
    }
    const byGrouping = new Map<GroupBy, GroupTallies[]>(
      groupings.map((g, i) => [g, groups[i].map((byKey) => ({ groups: byKey, rejected: rejectedCount }))]),
    );
    const counted = new Map((query.monthsOf ?? []).map((p, i) => [p, [...months[i].values()].map((m) => m.count)]));
    return { perPeriod: byGrouping.get(query.groupBy)!, byGrouping, rejectedCount, skippedCount, months: counted };
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
