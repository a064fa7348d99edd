import type { PreviewReport, UpdateReport } from "./engine-output";

/** Output kept per stream in the message; the full text stays on the error's `result`. */
const MESSAGE_TAIL_CHARS = 4000;

export interface FailedCommand {
  args: string[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  programOutput: string;
}

/**
 * A `pulumi` command that exited non-zero. The message names the command and carries the tail of its output
 * (config values go through stdin, so arguments hold no secrets).
 */
export class PulumiCommandError extends Error {
  override readonly name = "PulumiCommandError";
  /** The engine's event log, for up/refresh/destroy that got far enough to write one. */
  report?: UpdateReport;
  /** The `preview --json` document, for a preview that got far enough to print one. */
  preview?: PreviewReport;

  constructor(readonly result: FailedCommand) {
    super(
      [
        `pulumi ${result.args.join(" ")} exited with ${result.exitCode}`,
        section("stdout", result.stdout),
        section("stderr", result.stderr),
        section("program output", result.programOutput),
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }
}

function section(title: string, text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  const tail = trimmed.length > MESSAGE_TAIL_CHARS ? `...${trimmed.slice(-MESSAGE_TAIL_CHARS)}` : trimmed;
  return `--- ${title} ---\n${tail}`;
}
