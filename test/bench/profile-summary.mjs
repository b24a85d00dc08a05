#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by file, so a
// missed target can be traced to where the time goes.
//
//   node --cpu-prof --cpu-prof-dir /tmp/prof bin/hcc.js table --input big.csv --period 2024
//   node test/bench/profile-summary.mjs /tmp/prof/*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id → µs
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const file = new Map();
  for (const [id, us] of self) {
    const { callFrame: cf } = byId.get(id);
    const where = cf.url ? cf.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/dist\//, 'dist/') : '(native)';
    const key = `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fileKey = where.startsWith('node_modules/') ? where.split('/').slice(0, where.startsWith('node_modules/@') ? 3 : 2).join('/') : where;
    file.set(fileKey, (file.get(fileKey) ?? 0) + us);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, functions: sorted(fn), files: sorted(file) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 25;
  for (const path of args) {
    const s = summarise(JSON.parse(readFileSync(path, 'utf8')));
    const pct = (us) => ((100 * us) / 1000 / s.totalMs).toFixed(1).padStart(5) + '%';
    console.log(`# ${path}: ${(s.totalMs / 1000).toFixed(2)} s sampled\n\n## self time by function`);
    for (const [k, us] of s.functions.slice(0, top)) console.log(`${pct(us)}  ${(us / 1e6).toFixed(2).padStart(6)} s  ${k}`);
    console.log('\n## self time by file / package');
    for (const [k, us] of s.files.slice(0, 15)) console.log(`${pct(us)}  ${(us / 1e6).toFixed(2).padStart(6)} s  ${k}`);
  }
}
