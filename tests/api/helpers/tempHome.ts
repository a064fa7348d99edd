import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway home directory, optionally with an aliyun CLI `.aliyun/config.json`. */
export function tempHome(aliyunConfig?: unknown | string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "vpc-client-home-"));
  if (aliyunConfig !== undefined) {
    mkdirSync(join(dir, ".aliyun"));
    const text = typeof aliyunConfig === "string" ? aliyunConfig : JSON.stringify(aliyunConfig);
    writeFileSync(join(dir, ".aliyun", "config.json"), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
