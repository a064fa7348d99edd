/**
 * Parsing what the CLI reports: `pulumi preview --json` and the engine event log (`--event-log`, one JSON event
 * per line, the format the Automation API reads).
 */

/** Counts per operation ("create", "same", "update", "delete", "replace"...); the Stack resource counts too. */
export type ChangeSummary = Record<string, number>;

export interface Diagnostic {
  severity: string;
  message: string;
  urn?: string;
}

export interface PreviewStep {
  op: string;
  urn: string;
  /** Resource type, e.g. "pulumi-nodejs:dynamic:Resource". */
  type: string;
}

export interface PreviewReport {
  changeSummary: ChangeSummary;
  steps: PreviewStep[];
  diagnostics: Diagnostic[];
}

export interface EngineEvent {
  sequence: number;
  summaryEvent?: {
    resourceChanges?: ChangeSummary;
    isPreview: boolean;
    result?: string;
    maybeCorrupt?: boolean;
  };
  diagnosticEvent?: { severity: string; message: string; urn?: string };
  resOutputsEvent?: { metadata: { op: string; urn: string; type: string } };
  [kind: string]: unknown;
}

export interface UpdateReport {
  changeSummary: ChangeSummary;
  /** "succeeded", "failed"... from the engine's summary event; undefined when the engine never got that far. */
  result?: string;
  /**
   * Which summary the report carries: the update's, or the preview's when `up` failed before updating (the
   * event log then holds the preview's events only).
   */
  phase?: "preview" | "update";
  /** Operations applied, in order, from the resource outputs events. */
  steps: PreviewStep[];
  diagnostics: Diagnostic[];
  events: EngineEvent[];
}

/**
 * Debug lines are not findings. A warning is: "using pulumi-resource-pulumi-nodejs from $PATH" included, which a
 * normal installation never shows (the plugin sits next to `pulumi`, where scripts/ensure-pulumi.sh puts it too).
 */
export function isNoise(d: Diagnostic): boolean {
  return d.severity === "debug";
}

export function parsePreviewJson(stdout: string): PreviewReport {
  const doc = JSON.parse(stdout) as {
    changeSummary?: ChangeSummary;
    steps?: { op: string; urn: string; newState?: { type: string }; oldState?: { type: string } }[];
    diagnostics?: Diagnostic[];
  };
  return {
    changeSummary: doc.changeSummary ?? {},
    steps: (doc.steps ?? []).map((s) => ({
      op: s.op,
      urn: s.urn,
      type: s.newState?.type ?? s.oldState?.type ?? "",
    })),
    diagnostics: (doc.diagnostics ?? []).filter((d) => !isNoise(d)),
  };
}

export function parseEventLog(text: string): UpdateReport {
  const events = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EngineEvent);
  const summaries = events.flatMap((e) => (e.summaryEvent ? [e.summaryEvent] : []));
  const summary = summaries.filter((s) => !s.isPreview).pop() ?? summaries.pop();
  const diagnostics = events
    .flatMap((e) => (e.diagnosticEvent ? [e.diagnosticEvent] : []))
    .map(({ severity, message, urn }) => ({ severity, message, ...(urn ? { urn } : {}) }))
    .filter((d) => !isNoise(d));
  const steps = events.flatMap((e) =>
    e.resOutputsEvent
      ? [
          {
            op: e.resOutputsEvent.metadata.op,
            urn: e.resOutputsEvent.metadata.urn,
            type: e.resOutputsEvent.metadata.type,
          },
        ]
      : [],
  );
  return {
    changeSummary: summary?.resourceChanges ?? {},
    result: summary?.result,
    phase: summary ? (summary.isPreview ? "preview" : "update") : undefined,
    steps,
    diagnostics,
    events,
  };
}
