// The package version, inlined by the bundler from package.json.
import pkg from '../../../package.json';

export const version: string = pkg.version;
