/**
 * Installs the packed package into a new project with `npm ci --offline`: tests reach nothing but 127.0.0.1.
 * `npm install --offline` is not enough on a fresh machine, because it needs the registry's package documents
 * and `npm ci` caches only tarballs. So the new project gets a lockfile cut from this repository's: the packed
 * tarball plus exactly the entries its dependencies (and the ones the caller names) resolve to, which `npm ci`
 * finds in the cache by their integrity.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const REPO = path.resolve(__dirname, "..", "..");

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
type LockPackages = Record<string, LockEntry>;

export interface OfflineInstall {
  /** The project's directory; created if missing. */
  dir: string;
  /** The `npm pack` tarball of this repository. */
  tarball: string;
  /** More dependencies of the project, by name; their versions are this repository's. */
  dependencies?: string[];
  devDependencies?: string[];
  /** Fields added to the project's package.json (main, scripts...). */
  manifest?: Record<string, unknown>;
  /** @default 240 s */
  timeoutMs?: number;
}

/** `npm pack` of this repository into `dest`; the tarball's path. */
export async function packThisPackage(dest: string, timeoutMs = 120_000): Promise<string> {
  const { name, version } = readJson<{ name: string; version: string }>(path.join(REPO, "package.json"));
  await run("npm", ["pack", "--pack-destination", dest, "--silent"], { cwd: REPO, timeout: timeoutMs });
  const tarball = path.join(dest, `${name}-${version}.tgz`);
  if (!fs.existsSync(tarball)) throw new Error(`npm pack made no ${tarball}`);
  return tarball;
}

export async function installOffline(options: OfflineInstall): Promise<void> {
  const manifest = readJson<{ name: string; version: string; dependencies: Record<string, string> }>(
    path.join(REPO, "package.json"),
  );
  const lock = readJson<{ packages: LockPackages }>(path.join(REPO, "package-lock.json")).packages;
  const versionOf = (name: string) => {
    const version = lock[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`${name} is not in this repository's package-lock.json`);
    return version;
  };
  const pick = (names: string[] = []) => Object.fromEntries(names.map((n) => [n, versionOf(n)]));
  const tarball = `file:${options.tarball}`;
  const dependencies = { [manifest.name]: tarball, ...pick(options.dependencies) };
  const devDependencies = pick(options.devDependencies);
  const project = {
    name: "uses-vpn-routes",
    version: "1.0.0",
    private: true,
    ...options.manifest,
    dependencies,
    devDependencies,
  };

  const packages: LockPackages = {
    "": { name: project.name, version: project.version, dependencies, devDependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: tarball,
      dependencies: manifest.dependencies,
    },
  };
  const pending: Array<[from: string, name: string, optional: boolean]> = [];
  for (const name of Object.keys(manifest.dependencies))
    pending.push([`node_modules/${manifest.name}`, name, false]);
  for (const name of [...(options.dependencies ?? []), ...(options.devDependencies ?? [])])
    pending.push(["", name, false]);
  while (pending.length) {
    const [from, name, optional] = pending.pop()!;
    const at = resolveInLock(lock, from, name);
    if (!at) {
      if (optional) continue;
      throw new Error(`cannot resolve ${name} from ${from || "the root"} in this repository's lockfile`);
    }
    if (packages[at]) continue;
    const entry = lock[at];
    packages[at] = withTarballAddress(at, withoutFlags(entry));
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) pending.push([at, dep, false]);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) pending.push([at, dep, true]);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      pending.push([at, dep, optionalPeers[dep]?.optional === true]);
  }

  fs.mkdirSync(options.dir, { recursive: true });
  writeJson(path.join(options.dir, "package.json"), project);
  writeJson(path.join(options.dir, "package-lock.json"), {
    name: project.name,
    version: project.version,
    lockfileVersion: 3,
    requires: true,
    packages,
  });
  await run("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: options.dir,
    env: { ...process.env, npm_config_loglevel: "error" },
    timeout: options.timeoutMs ?? 240_000,
  });
}

/** Node's lookup over lockfile paths: `from/node_modules/name`, then each enclosing node_modules, then the top. */
function resolveInLock(lock: LockPackages, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf("node_modules/");
    dir = cut <= 0 ? "" : dir.slice(0, cut - 1);
  }
}

/** Where npm caches registry tarballs (`npm config get registry`). */
const REGISTRY = (process.env.npm_config_registry ?? "https://registry.npmjs.org/").replace(/\/?$/, "/");

/**
 * This repository's lockfile records no tarball addresses; without one, `npm ci` asks for the package's registry
 * document first, and offline it has that only in the form an earlier online command happened to fetch (an
 * `npm update` caches the full document, `npm ci` the abbreviated one: ENOTCACHED). With the address, the tarball
 * is taken from the cache by its integrity alone.
 */
function withTarballAddress(at: string, entry: LockEntry): LockEntry {
  if (entry.resolved || !entry.version || entry.link) return entry;
  const name = at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length);
  const base = name.slice(name.lastIndexOf("/") + 1);
  return { ...entry, resolved: `${REGISTRY}${name}/-/${base}-${entry.version}.tgz` };
}

/** The repository's dev and peer markings describe its own tree, not the new project's; npm recomputes them. */
function withoutFlags(entry: LockEntry): LockEntry {
  const copy = { ...entry };
  for (const flag of ["dev", "devOptional", "peer"]) delete copy[flag];
  return copy;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
