/** PageNumber (default 1) and PageSize (default 10, at most 50) over a listing. */
import { DEFAULT_PAGE_NUMBER, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../constants";
import type { Params } from "./params";

export interface Page<T> {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
  items: T[];
}

export function page<T>(params: Params, all: T[]): Page<T> {
  const pageNumber = params.integer("PageNumber", 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_PAGE_NUMBER;
  const pageSize = params.integer("PageSize", 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const start = (pageNumber - 1) * pageSize;
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: all.length,
    items: all.slice(start, start + pageSize),
  };
}
