import type * as pulumi from "@pulumi/pulumi";
import { diffRoute } from "../diff";
import { createRoute } from "../lifecycle/create";
import { deleteRoute } from "../lifecycle/delete";
import { readRoute } from "../lifecycle/read";
import type { RouteApi } from "../lifecycle/routeApi";
import { updateRoute } from "../lifecycle/update";
import type { RouteInputs, RouteKind, RouteOutputs } from "../types";
import { checkRouteInputs } from "../validation/check";
import { readStackConfig } from "./config";
import { ConfigurationError } from "../api/errors";
import type { RuntimeContext } from "./context";

/** The message of a ConfigurationError in the credential settings, if any. */
function credentialSettingsProblem(ctx: RuntimeContext): string | undefined {
  try {
    ctx.client.checkCredentialConfiguration();
    return undefined;
  } catch (err) {
    if (err instanceof ConfigurationError) return err.message;
    throw err;
  }
}

export type RouteProvider = Required<pulumi.dynamic.ResourceProvider<RouteInputs, RouteOutputs>>;

type Props = Record<string, unknown>;

/** The lifecycle of one route kind, bound to the process's runtime context. */
export function routeProvider(ctx: RuntimeContext, api: RouteApi): RouteProvider {
  return {
    configure: async (req) => {
      ctx.watchEngineCancel();
      ctx.configure(readStackConfig(req.config));
    },
    check: async (_olds, news) => {
      const { inputs, failures } = checkRouteInputs(api.kind, news as unknown as Props);
      // A credential setting that cannot work fails the preview, before any write (no network call). Without a
      // property the engine prints "<type> resource '<name>' has a problem: <reason>", with no stack trace.
      const settings = credentialSettingsProblem(ctx);
      if (settings) failures.push({ property: "", reason: settings });
      if (failures.length === 0) declare(ctx, api.kind, inputs as unknown as RouteInputs);
      return { inputs: inputs as unknown as RouteInputs, failures };
    },
    diff: async (_id, olds, news) => diffRoute(api.kind, olds as unknown as Props, news as unknown as Props),
    // Each in its own cancellation scope: the engine's Cancel ends what is in flight.
    create: (inputs) => ctx.cancellation.run(() => createRoute(ctx, api, inputs)),
    read: (id, props) =>
      ctx.cancellation.run(() => readRoute(ctx, api, id, (props ?? {}) as unknown as Props)),
    update: (id, olds, news) =>
      ctx.cancellation.run(() =>
        updateRoute(ctx, api, id, olds as unknown as Props, news as unknown as Props),
      ),
    delete: (id, props) => ctx.cancellation.run(() => deleteRoute(ctx, api, id, props as unknown as Props)),
  };
}

/**
 * Tells the process how the program declares this route (check runs for every registration, before any
 * update), so that another route's promotion can configure it again as declared (weightChange.ts).
 */
function declare(ctx: RuntimeContext, kind: RouteKind, inputs: RouteInputs): void {
  let region: string;
  try {
    region = ctx.region(inputs.region);
  } catch {
    return; // no region yet: the route's own step reports that
  }
  ctx.declared.record(kind, { ...inputs, region });
}
