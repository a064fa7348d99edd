export { percentEncode } from "./percentEncode";
export { rpcCanonicalQuery, rpcStringToSign, rpcSignature } from "./rpc";
export {
  ACS3_ALGORITHM,
  type Acs3Request,
  sha256Hex,
  acs3CanonicalRequest,
  acs3Signature,
  acs3Authorization,
} from "./acs3";
