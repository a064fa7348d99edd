/**
 * SVG to PNG with a converter already on the machine: rsvg-convert (Debian: librsvg2-bin) or ImageMagick's
 * convert. Neither is a dependency of the bench: without one, the PNG is skipped and the run says so.
 */
import { spawnSync } from "child_process";

export interface PngOutcome {
  written: boolean;
  /** The tool used, or why none was. */
  note: string;
}

const isImageMagick = (): boolean => {
  const probe = spawnSync("convert", ["-version"], { encoding: "utf8" });
  return probe.status === 0 && /ImageMagick/.test(probe.stdout);
};

export function svgToPng(svgFile: string, pngFile: string): PngOutcome {
  const rsvg = spawnSync("rsvg-convert", ["--format", "png", "--output", pngFile, svgFile], {
    encoding: "utf8",
  });
  if (rsvg.status === 0) return { written: true, note: "rsvg-convert" };
  if (isImageMagick()) {
    const im = spawnSync("convert", [svgFile, pngFile], { encoding: "utf8" });
    if (im.status === 0) return { written: true, note: "ImageMagick convert" };
  }
  return {
    written: false,
    note: "no SVG converter (apt-get install librsvg2-bin for rsvg-convert): PNG not written",
  };
}
