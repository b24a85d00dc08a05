// The version is package.json's, inlined by the bundler: one place to change it.
import pkg from '../package.json' with { type: 'json' };

export const version: string = pkg.version;
