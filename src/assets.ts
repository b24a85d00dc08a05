// Where the package's own files are (report templates, bundled fonts, the demo data), found from this
// module wherever hcc runs from: src/ in tests, dist/ once bundled, a global install.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontFiles } from './report/config.js';

/** The nearest folder above this module with a package.json. */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const PACKAGE_ROOT = packageRoot(fileURLToPath(new URL('.', import.meta.url)));
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'report-templates');
export const DEFAULT_REPORT_TEMPLATE = join(TEMPLATES_DIR, 'bc-vpub.json');
export const DEFAULT_FORM_TEMPLATE = join(TEMPLATES_DIR, 'bieu-06.json');

/** Liberation Serif: metric-compatible with Times New Roman, every Vietnamese letter (SIL OFL). */
export const BUNDLED_FONTS: FontFiles = {
  normal: join(TEMPLATES_DIR, 'fonts/LiberationSerif-Regular.ttf'),
  bold: join(TEMPLATES_DIR, 'fonts/LiberationSerif-Bold.ttf'),
  italics: join(TEMPLATES_DIR, 'fonts/LiberationSerif-Italic.ttf'),
  bolditalics: join(TEMPLATES_DIR, 'fonts/LiberationSerif-BoldItalic.ttf'),
};

/** The bundled Hà Nam data of `hcc report --demo` and `npm run demo`. */
export const DEMO = {
  input: join(PACKAGE_ROOT, 'fixtures/ha-nam/ho-so-2017-2019.csv'),
  config: join(PACKAGE_ROOT, 'fixtures/ha-nam/hcc.config.json'),
  /** The report settings laid over the config (number, date, signer, standing text). */
  report: join(PACKAGE_ROOT, 'fixtures/ha-nam/report.config.json'),
  from: '2017-07-03',
  to: '2019-06-30',
};
