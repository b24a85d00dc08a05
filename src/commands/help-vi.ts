// Commander's own words in Vietnamese: the headings and extras of --help ("Cách dùng", "Tùy chọn",
// "mặc định", "lựa chọn") and its error messages (unknown option, missing value, invalid choice…).
import { Help, type Argument, type Command, type Option } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Tham số:',
};

/** The usage line's placeholders: "hcc report [tùy chọn]", "hcc [tùy chọn] [lệnh]". */
const usageVi = (usage: string) => usage.replace(/\[options\]/g, '[tùy chọn]').replace(/\[command\]/g, '[lệnh]');

/** The "(lựa chọn: …, mặc định: …)" after a description, as commander builds it in English. */
function withExtras(description: string, choices: readonly string[] | undefined, defaultText: string | undefined): string {
  const extra: string[] = [];
  if (choices) extra.push(`lựa chọn: ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
  if (defaultText !== undefined) extra.push(`mặc định: ${defaultText}`);
  if (extra.length === 0) return description;
  return description ? `${description} (${extra.join(', ')})` : `(${extra.join(', ')})`;
}

/**
 * The help settings of a command; given to the program before its subcommands are made, they are
 * inherited by every subcommand (commander copies them when a command is created).
 */
export const VIETNAMESE_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage(cmd: Command): string {
    return usageVi(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(cmd: Command): string {
    return usageVi(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(option: Option): string {
    const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
    return withExtras(option.description, option.argChoices, shown ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : undefined);
  },
  argumentDescription(argument: Argument): string {
    const d = argument.defaultValue;
    return withExtras(argument.description, argument.argChoices, d === undefined ? undefined : (argument.defaultValueDescription ?? JSON.stringify(d)));
  },
};

/** Commander's English error lines, each with its Vietnamese wording. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, "lỗi: không có tùy chọn '$1'"],
  [/^error: unknown command '(.*)'/, "lỗi: không có lệnh '$1'"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/m, "lỗi: tùy chọn '$1': giá trị '$2' không hợp lệ, dùng một trong: $3"],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/m, "lỗi: tùy chọn '$1': giá trị '$2' không hợp lệ.$3"],
  [/^error: option '(.*)' argument missing/, "lỗi: tùy chọn '$1' cần một giá trị"],
  [/^error: required option '(.*)' not specified/, "lỗi: thiếu tùy chọn bắt buộc '$1'"],
  [/^error: missing required argument '(.*)'/, "lỗi: thiếu tham số bắt buộc '$1'"],
  [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./, 'lỗi: thừa tham số (cần $2, nhận $3)'],
  [/^error: too many arguments/, 'lỗi: thừa tham số'],
  [/^error: (.*) cannot be used with (.*)$/m, 'lỗi: $1 không dùng cùng $2'],
  [/\(Did you mean (.*)\?\)/, '(có phải $1?)'],
  [/^error: /, 'lỗi: '],
];

/** A message commander writes to stderr, in Vietnamese (the help text itself is already). */
export function translateCommanderError(text: string): string {
  let out = text;
  for (const [re, vi] of ERRORS) out = out.replace(re, vi);
  return out.replace(/option '([^']*)'/g, "tùy chọn '$1'");
}
