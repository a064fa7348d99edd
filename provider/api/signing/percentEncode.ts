/**
 * RFC 3986 percent-encoding of UTF-8 text, as both Alibaba Cloud signing schemes require: only
 * `A-Z a-z 0-9 - _ . ~` stay as they are; space becomes `%20` (never `+`) and `! ' ( ) *` are encoded,
 * which `encodeURIComponent` alone leaves untouched.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}
