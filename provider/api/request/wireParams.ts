/**
 * API parameters as the wire carries them: booleans as "true"/"false", numbers as decimal strings,
 * strings unchanged, undefined and null left out.
 */
export function toWireParams(params: object): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "boolean") wire[name] = value ? "true" : "false";
    else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} is not a finite number`);
      // BigInt keeps large integers in plain decimal (String(1e21) would be "1e+21").
      wire[name] = Number.isInteger(value) ? BigInt(value).toString() : String(value);
    } else if (typeof value === "string") wire[name] = value;
    else throw new TypeError(`Parameter ${name} has unsupported type ${typeof value}`);
  }
  return wire;
}

/** UTC `YYYY-MM-DDThh:mm:ssZ`, no milliseconds, as both signing schemes require. */
export function apiTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
