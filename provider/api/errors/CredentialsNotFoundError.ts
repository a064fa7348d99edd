/** No source held usable credentials. `searched` lists every place looked at and what was found there. */
export class CredentialsNotFoundError extends Error {
  override readonly name = "CredentialsNotFoundError" as const;
  readonly searched: readonly string[];

  constructor(searched: readonly string[]) {
    super(
      "No Alibaba Cloud credentials found. Looked in, in order:\n" +
        searched.map((line, i) => `  ${i + 1}. ${line}`).join("\n") +
        "\nSet one of them (for example `pulumi config set alicloud:accessKey ...` and " +
        "`pulumi config set --secret alicloud:secretKey ...`), or sign in without keys: " +
        "alicloud:assumeRoleWithOidc (CI with OIDC), alicloud:ecsRoleName (an ECS instance's RAM role) or " +
        "alicloud:credentialsUri; alicloud:assumeRole then reaches another account.",
    );
    this.searched = searched;
  }
}
