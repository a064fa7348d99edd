import type { Page } from "./types";

/**
 * Fetches pages 1, 2, ... until the entries reach TotalCount. Also stops on an empty page and after the
 * number of pages TotalCount implies, so a server that miscounts cannot make it loop forever.
 */
export async function collectAllPages<T>(
  pageSize: number,
  fetchPage: (pageNumber: number) => Promise<Page<T>>,
): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber);
    all.push(...page.entries);
    const lastPage = Math.ceil(page.TotalCount / pageSize);
    if (page.entries.length === 0 || all.length >= page.TotalCount || pageNumber >= lastPage) return all;
  }
}

/** Reads a listing's `{ TotalCount, PageNumber, PageSize, <Outer>: { <Inner>: [...] } }` shape. */
export function toPage<T>(body: Record<string, unknown>, outer: string, inner: string): Page<T> {
  const wrapper = body[outer] as Record<string, unknown> | undefined;
  const list = wrapper?.[inner];
  return {
    RequestId: String(body.RequestId ?? ""),
    PageNumber: Number(body.PageNumber ?? 0),
    PageSize: Number(body.PageSize ?? 0),
    TotalCount: Number(body.TotalCount ?? 0),
    entries: Array.isArray(list) ? (list as T[]) : [],
  };
}
