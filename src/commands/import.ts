// hcc import FILE...: reads exports with the same readers as --input and upserts them into the store.
import { statSync } from 'node:fs';
import { Command } from 'commander';
import { formatCount } from '../core/format-vi.js';
import type { Warning } from '../core/warnings.js';
import { FIGURE_FIELDS } from '../readers/headers.js';
import { readDossierFile, type ReadInfo } from '../readers/index.js';
import { isSkipped } from '../core/rejects.js';
import { printable, writeStdout } from '../io/printable.js';
import { finishReading, RejectLog } from '../pipeline/reading.js';
import { addConfigOption, loadCommandConfig } from './common.js';

interface ImportFlags {
  store?: string;
  config?: string;
  rejects?: string;
  strict?: boolean;
}

export function registerImport(program: Command): void {
  const cmd = program
    .command('import')
    .description('nhập tệp xuất (CSV, XLSX) vào kho dữ liệu SQLite của hcc (mặc định ./hcc.sqlite); nhập lại không tạo bản trùng')
    .argument('<files...>', 'các tệp xuất cần nhập');
  addConfigOption(cmd);
  cmd
    .option('--store <file>', 'kho dữ liệu SQLite của hcc (mặc định: ./hcc.sqlite)')
    .option('--rejects <file>', 'nơi ghi danh sách dòng không dùng được (mặc định: ./hcc-rejects.csv)')
    .option('--strict', 'kết thúc với mã lỗi 3 nếu có dòng không dùng được (các dòng dùng được vẫn được nhập)')
    .addHelpText(
      'after',
      `
Mỗi tệp được nhập trọn vẹn hoặc không gì cả (nếu bị ngắt giữa chừng, kho giữ nguyên như trước tệp đó).
Hồ sơ đã có (cùng mã) được cập nhật theo tệp mới nhập; nhập lại cùng tệp không thay đổi gì.

Ví dụ:
  $ hcc import export-2019-05.xlsx export-2019-06.csv
  $ hcc table --period 2019-H1`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      await runImport(files, flags);
    });
}

async function runImport(files: string[], flags: ImportFlags): Promise<void> {
  const config = loadCommandConfig(flags);
  // better-sqlite3 loads only for this command (it slows every start); knex not at all.
  const { migrateStore, resolveStorePath, StoreWriter } = await import('../sources/store.js');
  const path = resolveStorePath(flags.store, config);
  migrateStore(path);
  const writer = new StoreWriter(path);
  const rejects = new RejectLog(flags);
  const warnings: Warning[] = [];
  // Ctrl-C: SQLite drops the unfinished file's transaction; say so instead of dying silently.
  const onSigint = () => {
    process.stderr.write('\nhcc: đã dừng; tệp đang nhập dở không được ghi vào kho\n');
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    for (const file of files) {
      const progress = new Progress(file);
      let rejected = 0;
      // About 100 bytes per row in exports: a hint for how the store loads fastest.
      writer.begin(Math.floor(fileSize(file) / 100));
      const info: ReadInfo = {};
      try {
        for await (const item of readDossierFile(file, { columns: config.columns }, info)) {
          if ('reject' in item) {
            if (!isSkipped(item.reject.kind)) rejected++;
            rejects.add(item.reject);
          } else {
            writer.add(item.dossier);
          }
          progress.tick();
        }
      } catch (e) {
        writer.rollback();
        progress.done();
        throw e;
      }
      const counts = writer.commit();
      progress.done();
      warnings.push(...(info.header?.warnings ?? []));
      writeStdout(
        `${file}: ${formatCount(counts.inserted)} mới, ${formatCount(counts.updated)} cập nhật, ` +
          `${formatCount(counts.unchanged)} không đổi, ${formatCount(rejected)} không dùng được\n`,
      );
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    writer.close();
  }
  process.stderr.write(`hcc: đã nhập vào ${printable(path)}\n`);
  // The store keeps the time limit: its unreadable cells (stored as unknown) are said here too.
  finishReading({ description: files.length === 1 ? files[0] : `${files.length} tệp đã nhập`, warnings }, rejects, flags, [...FIGURE_FIELDS, 'time_limit']);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the missing file
  }
}

/** A row counter on stderr, only on a terminal (never in pipes, logs or tests). */
class Progress {
  private readonly enabled = Boolean(process.stderr.isTTY);
  private rows = 0;
  private last = 0;
  private readonly started = Date.now();

  constructor(private readonly file: string) {}

  tick(): void {
    if (!this.enabled || ++this.rows % 4096 !== 0) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const rate = Math.round((this.rows * 1000) / Math.max(1, now - this.started));
    process.stderr.write(`\r\x1b[Khcc: đang nhập ${printable(this.file)}: ${formatCount(this.rows)} dòng (${formatCount(rate)} dòng/giây)`);
  }

  done(): void {
    if (this.enabled && this.last) process.stderr.write('\r\x1b[K');
  }
}
