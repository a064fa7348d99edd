/** Seeded randomness, so that request IDs, generated keys and fault dice repeat under a pinned seed. */
import { randomInt } from "node:crypto";
import { v4 as uuidv4 } from "uuid";

export type Random = () => number;

/** mulberry32: a tiny, well-known 32-bit PRNG; uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}

/** An upper-case UUID like the API's RequestId. */
export function requestId(random: Random): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return uuidv4({ random: bytes }).toUpperCase();
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomString(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
  return out;
}
