// hcc check over a whole document: the annex tables found and checked, then every paragraph's shares,
// agency figures and dates; findings in the order of the document. Pure.
import { checkAnnex, readAnnex, type Annex } from './annex.js';
import { emptyChecked, type CheckedCounts, type Finding, type ReportDocument } from './model.js';
import { checkAgencyFigures, checkDates, checkShares } from './prose.js';

export interface CheckResult {
  file: string;
  findings: Finding[];
  checked: CheckedCounts;
  annexes: Annex[];
}

export function checkDocument(doc: ReportDocument): CheckResult {
  const checked = emptyChecked();
  const findings: Finding[] = [];
  const annexes = doc.blocks.flatMap((b) => (b.kind === 'table' ? [readAnnex(b)].filter((a): a is Annex => a !== null) : []));
  // The prose is checked against the annex of agencies with the most rows (a report has one; a Word
  // report or a workbook may hold Biểu 06 too, whose rows are fields, not agencies); Biểu 06 alone else.
  const byAgency = (a: Annex) => (a.rowsAre === 'agency' ? 1 : 0);
  const main = [...annexes].sort((a, b) => byAgency(b) - byAgency(a) || b.rows.length - a.rows.length)[0];
  for (const block of doc.blocks) {
    if (block.kind === 'table') {
      const annex = annexes.find((a) => a.where === block.where);
      if (!annex) continue;
      checked.tableRows += annex.rows.filter((r) => Object.keys(r.values).length > 0).length + (annex.totalRow ? 1 : 0);
      findings.push(...checkAnnex(annex));
      continue;
    }
    findings.push(...checkShares(block, main, checked));
    if (main) findings.push(...checkAgencyFigures(block, main, checked));
    findings.push(...checkDates(block, checked));
  }
  return { file: doc.file, findings, checked, annexes };
}

export function errorCount(result: CheckResult): number {
  return result.findings.filter((f) => f.severity === 'error').length;
}
