// BENCH ONLY: the benchmark arms the query log (POST), requests one page, then reads what was
// sent (GET) to count the queries and EXPLAIN them. 404 unless ZHONGSHU_BENCH_COUNT_QUERIES=1
// (db/client.ts records nothing otherwise).
import { NextResponse } from "next/server";
import { benchQueryLog } from "@/db/client";

export const dynamic = "force-dynamic";

export async function POST() {
  const log = benchQueryLog();
  if (!log) return new NextResponse(null, { status: 404 });
  log.entries = [];
  log.armed = true;
  return NextResponse.json({ armed: true });
}

export async function GET() {
  const log = benchQueryLog();
  if (!log) return new NextResponse(null, { status: 404 });
  log.armed = false;
  const entries = log.entries;
  log.entries = [];
  return NextResponse.json({ entries });
}
