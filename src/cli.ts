// The `hcc` program: one file per command under commands/, this file only wires them together
// and turns errors into one clear line and an exit code.
import { Command, CommanderError } from 'commander';
import { EXIT, redact, urlSecrets, UserError } from './errors.js';
import { ioReason, isFileSystemError } from './io/io-errors.js';
import { printable } from './io/printable.js';
import { version } from './version.js';
import { registerTable } from './commands/table.js';
import { registerReport } from './commands/report.js';
import { registerInit } from './commands/init.js';
import { registerExport } from './commands/export.js';
import { registerOverdue } from './commands/overdue.js';
import { registerImport } from './commands/import.js';
import { registerInspect } from './commands/inspect.js';
import { registerCheck } from './commands/check.js';
import { registerCalendar } from './commands/calendar.js';
import { registerDueDates } from './commands/due-dates.js';
import { translateCommanderError, VIETNAMESE_HELP } from './commands/help-vi.js';

export function buildProgram(): Command {
  const program = new Command('hcc')
    .description(
      'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính từ dữ liệu Hệ thống một cửa điện tử.\n' +
        'Đếm hồ sơ theo cơ quan và kỳ báo cáo (tiếp nhận, đã giải quyết, đang giải quyết) và lập báo cáo BC-VPUB.',
    )
    .version(version, '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .option('--debug', 'in chi tiết lỗi (dành cho người phát triển)')
    .addHelpCommand(false)
    // Before the subcommands are made: each copies the help settings of its parent when created.
    .configureHelp(VIETNAMESE_HELP)
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc table --input fixtures/ha-nam/ho-so-2017-2019.csv --config fixtures/ha-nam/hcc.config.json --from 2017-07-03 --to 2019-06-30
  $ hcc table --input export.xlsx --period 2019-H1 --format json > h1.json
  $ hcc report --demo --out /tmp/demo

Xem hướng dẫn từng lệnh: hcc <lệnh> --help`,
    );
  registerTable(program);
  registerReport(program);
  registerInit(program);
  registerExport(program);
  registerOverdue(program);
  registerImport(program);
  registerInspect(program);
  registerCheck(program);
  registerCalendar(program);
  registerDueDates(program);
  return program;
}

/** The passwords of every database address this run was given (--db, --db=…, HCC_DB_URL, a URL typed in the wrong place). */
export function knownSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const addresses = [env.HCC_DB_URL ?? ''];
  argv.forEach((a, i) => {
    if (a === '--db') addresses.push(argv[i + 1] ?? '');
    else if (a.startsWith('--db=')) addresses.push(a.slice('--db='.length));
    else if (a.includes('://')) addresses.push(a.replace(/^--?[^=]*=/, ''));
  });
  return [...new Set(addresses.flatMap(urlSecrets))];
}

const secrets = new Set<string>();
let stderrGuarded = false;

/**
 * Everything hcc or a library writes to stderr passes through here with the known passwords hidden:
 * hcc's own messages, --debug stacks, warnings, a driver's words that echo its connection settings.
 * (stdout carries data only, never the database address.)
 */
function guardStderr(more: readonly string[]): void {
  // Also as printable() shows it: a password with a control character reaches stderr escaped.
  for (const s of more) for (const v of [s, printable(s), printable(s, { lines: true })]) secrets.add(v);
  if (stderrGuarded) return;
  stderrGuarded = true;
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (secrets.size === 0) return write(chunk, ...rest);
    const text = chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    return write(redact(text, [...secrets]), ...rest.filter((r) => typeof r === 'function')); // as UTF-8 text
  }) as typeof process.stderr.write;
}

export async function main(argv: string[]): Promise<number> {
  guardStderr(knownSecrets(argv, process.env));
  const debug = argv.includes('--debug');
  // An error no code path caught (an 'error' event of a socket, a rejected promise nobody awaited)
  // would make Node print its stack itself, past the guard: one line instead, like any unexpected error.
  const crash = (e: unknown) => {
    printUnexpected(e, debug);
    process.exit(EXIT.failure);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // Piping into `head` closes stdout early: that is not an error.
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    // A full disk or /dev/full behind `>`: the output is incomplete, and the user must hear it.
    process.stderr.write(`hcc: lỗi: không ghi được kết quả ra đầu ra chuẩn (stdout): ${ioReason(e)}\n`);
    process.exit(EXIT.failure);
  });
  // Messages that cannot be written (stderr closed or full) have nowhere else to go; the exit code says it.
  process.stderr.on('error', () => {
    process.exitCode = EXIT.failure;
  });
  const program = buildProgram();
  program.exitOverride();
  // Commander quotes the command line back (an unknown option, a bad value): never raw to the terminal,
  // and in Vietnamese like every other message.
  const writeErr = (prefix: string) => (s: string) => {
    const text = s.startsWith('error:') ? `${prefix}: ${translateCommanderError(s)}` : s;
    return process.stderr.write(printable(text, { lines: true }));
  };
  program.configureOutput({ writeErr: writeErr('hcc') });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: writeErr(`hcc ${cmd.name()}`) });
  }
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander has already printed its one line
    }
    // Messages quote file names, headers and values from the data: one line, nothing a terminal obeys.
    if (e instanceof UserError) {
      process.stderr.write(`hcc: lỗi: ${printable(e.message)}\n`);
      // With --debug, the driver's own error behind the message too (passwords hidden by guardStderr).
      const cause = e.cause ? `\ncause: ${(e.cause as Error).stack ?? String(e.cause)}` : '';
      if (debug) process.stderr.write(`${printable(`${e.stack ?? ''}${cause}`, { lines: true })}\n`);
      return e.exitCode;
    }
    if (isFileSystemError(e)) {
      // A file that could not be read or written is the user's to fix, not a bug of hcc.
      process.stderr.write(`hcc: lỗi: ${printable(`${e.path}: ${ioReason(e)}`)}\n`);
      if (debug) process.stderr.write(`${printable(e.stack ?? '', { lines: true })}\n`);
      return EXIT.failure;
    }
    printUnexpected(e, debug);
    return EXIT.failure;
  }
}

function printUnexpected(e: unknown, debug: boolean): void {
  const err = e as Error;
  process.stderr.write(`hcc: lỗi không mong đợi: ${printable(String(err?.message ?? e))}${debug ? '' : ' (chạy lại với --debug để xem chi tiết)'}\n`);
  if (debug) process.stderr.write(`${printable(err?.stack ?? '', { lines: true })}\n`);
}
