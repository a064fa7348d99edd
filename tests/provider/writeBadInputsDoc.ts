/** Writes docs/bad-inputs.md. Run: `npx tsc -p . && node dist/tests/provider/writeBadInputsDoc.js [repo root]`. */
import * as fs from "node:fs";
import * as path from "node:path";
import { BAD_INPUTS_DOC, formattedBadInputsMarkdown } from "./badInputsDoc";

function main(root: string): void {
  fs.mkdirSync(path.join(root, "docs"), { recursive: true });
  fs.writeFileSync(path.join(root, BAD_INPUTS_DOC), formattedBadInputsMarkdown(root));
  console.log(`wrote ${BAD_INPUTS_DOC}`);
}

main(process.argv[2] ?? process.cwd());
