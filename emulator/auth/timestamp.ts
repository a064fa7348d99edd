/** The request timestamp (`YYYY-MM-DDThh:mm:ssZ`, UTC) must be within the allowed skew of the server clock. */
import { MAX_CLOCK_SKEW_MS } from "../constants";
import { timestampExpired, timestampFormat } from "../errors";

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function checkTimestamp(value: string, now: number): void {
  const at = UTC_TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) throw timestampFormat(value);
  if (Math.abs(now - at) > MAX_CLOCK_SKEW_MS) throw timestampExpired(value);
}
