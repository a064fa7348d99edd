import { acs3Signature, rpcSignature, sha256Hex } from "../../../provider/api/signing";
import type { Recorded } from "./apiServer";

/** Server-side check of an ACS3 request, recomputed from what arrived (decoded query, received headers). */
export function verifyAcs3(
  req: Recorded,
  secrets: Record<string, string>,
): { ok: boolean; accessKeyId: string } {
  const auth = String(req.headers.authorization ?? "");
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
  if (!m) return { ok: false, accessKeyId: "" };
  const [, accessKeyId, signedHeaderList, signature] = m;
  const headers: Record<string, string> = {};
  for (const name of signedHeaderList.split(";")) headers[name] = String(req.headers[name] ?? "");
  const secret = secrets[accessKeyId];
  if (secret === undefined) return { ok: false, accessKeyId };
  if (req.headers["x-acs-content-sha256"] !== sha256Hex(req.body)) return { ok: false, accessKeyId };
  const url = new URL(req.url, "http://placeholder");
  const expected = acs3Signature(
    { method: req.method, pathname: url.pathname, query: req.query, headers, body: req.body },
    secret,
  );
  // Every header the server would sign must have been signed by the client, too.
  const present = Object.keys(req.headers)
    .filter((n) => n === "host" || n === "content-type" || n.startsWith("x-acs-"))
    .sort()
    .join(";");
  return {
    ok:
      expected.signature === signature &&
      expected.signedHeaders === signedHeaderList &&
      present === signedHeaderList,
    accessKeyId,
  };
}

/** Server-side check of an RPC (HMAC-SHA1) request from its decoded form body. */
export function verifyRpc(
  req: Recorded,
  secrets: Record<string, string>,
): { ok: boolean; accessKeyId: string } {
  const { Signature, ...params } = req.form;
  const accessKeyId = params.AccessKeyId ?? "";
  const secret = secrets[accessKeyId];
  if (secret === undefined || !Signature) return { ok: false, accessKeyId };
  return { ok: rpcSignature(req.method, params, secret) === Signature, accessKeyId };
}
