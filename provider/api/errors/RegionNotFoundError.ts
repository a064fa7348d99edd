/** No region was named by the call, the client, the config, the environment or the CLI profile. */
export class RegionNotFoundError extends Error {
  override readonly name = "RegionNotFoundError" as const;
  readonly searched: readonly string[];

  constructor(action: string, searched: readonly string[]) {
    super(
      `No region for VPC API ${action}. Looked in, in order: ${searched.join("; ")}. ` +
        "Set one, for example `pulumi config set alicloud:region cn-hangzhou`.",
    );
    this.searched = searched;
  }
}
