// Preloaded into an hcc process (node --require) by tests: records every file the process opens, one
// path per line, to the file named by HCC_TEST_OPENS, so a test can count how often an input is read.
const fs = require('node:fs');
const out = process.env.HCC_TEST_OPENS;
const seen = [];
const record = (path) => {
  if (typeof path === 'string' || Buffer.isBuffer(path)) seen.push(String(path));
};
for (const name of ['open', 'openSync']) {
  const original = fs[name];
  fs[name] = function (path, ...rest) {
    record(path);
    return original.call(this, path, ...rest);
  };
}
const originalPromise = fs.promises.open;
fs.promises.open = function (path, ...rest) {
  record(path);
  return originalPromise.call(this, path, ...rest);
};
process.on('exit', () => {
  if (out) require('node:fs').writeFileSync(out, seen.join('\n'));
});
