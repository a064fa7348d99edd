import * as path from "path";

/*
 * @pulumi/pulumi records where each resource was constructed in the state (`sourcePosition`, `stackTrace`):
 * Resource.callsites() parses `new Error().stack`, every frame of it. The frames inside this package (the
 * route classes, VpnGatewayRoutes building its children) tell a user nothing and cost about 450 bytes of
 * state per route; while a route registers, the stack is formatted without them, so the recorded position is
 * the line of the user's program that declared the route.
 */

/** This package's compiled resource code: dist/provider and dist/components (provider/, components/ from source). */
const OWN_DIRS = ["provider", "components"].map(
  (d) => path.join(path.resolve(__dirname, ".."), d) + path.sep,
);

function isOwnFrame(frame: NodeJS.CallSite): boolean {
  const file = frame.getFileName();
  return file !== undefined && file !== null && OWN_DIRS.some((dir) => file.startsWith(dir));
}

/** V8's own format ("Error: message" then "    at ..." per frame), for when no one else formats stacks. */
function formatStack(error: Error, frames: NodeJS.CallSite[]): string {
  const head = error.message ? `${error.name}: ${error.message}` : error.name;
  return [head, ...frames.map((frame) => `    at ${String(frame)}`)].join("\n");
}

/**
 * Leaves this package's frames out of every stack formatted until the returned function is called; call it
 * in a `finally` right after the resource's synchronous registration (a constructor cannot wrap super()).
 */
export function hideOwnFrames(): () => void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    // A native frame our code called (Array.map over a table's routes) goes too: it has no position.
    const kept = frames.filter(
      (frame, i) =>
        !isOwnFrame(frame) && !(!frame.getFileName() && frames[i + 1] && isOwnFrame(frames[i + 1])),
    );
    return previous ? previous(error, kept) : formatStack(error, kept);
  };
  return () => {
    Error.prepareStackTrace = previous;
  };
}
