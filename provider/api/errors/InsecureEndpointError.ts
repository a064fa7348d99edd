/** A plain-http endpoint on a host that is not loopback: credentials and signatures would cross the network in clear. */
export class InsecureEndpointError extends Error {
  override readonly name = "InsecureEndpointError" as const;
  readonly endpoint: string;

  constructor(endpoint: string, source: string) {
    super(
      `Refusing plain http to ${endpoint} (from ${source}): only loopback hosts (127.0.0.0/8, localhost, ::1) ` +
        "may be reached without TLS. Use https, or set allowInsecureHttp: true if you really mean it.",
    );
    this.endpoint = endpoint;
  }
}
