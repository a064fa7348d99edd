/** Writes docs/bad-inputs.md and its table into docs/troubleshooting.md. Run: `npx tsc -p . && node dist/tests/provider/writeBadInputsDoc.js [repo root]`. */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  BAD_INPUTS_DOC,
  badInputsTable,
  formattedBadInputsMarkdown,
  guideWithBadInputs,
  TROUBLESHOOTING_DOC,
} from "./badInputsDoc";

function main(root: string): void {
  fs.mkdirSync(path.join(root, "docs"), { recursive: true });
  const doc = formattedBadInputsMarkdown(root);
  fs.writeFileSync(path.join(root, BAD_INPUTS_DOC), doc);
  const guide = path.join(root, TROUBLESHOOTING_DOC);
  fs.writeFileSync(guide, guideWithBadInputs(fs.readFileSync(guide, "utf8"), badInputsTable(doc)));
  console.log(`wrote ${BAD_INPUTS_DOC} and its table in ${TROUBLESHOOTING_DOC}`);
}

main(process.argv[2] ?? process.cwd());
