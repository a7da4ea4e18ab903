// The peer of rearview's analysis benchmark: DuckDB computing per-opportunity
// aggregates from the same Salesforce export (time in each stage, activity
// counts and longest gaps, cycle lengths). Prints seconds and row counts.
//   node aggregates.mjs EXPORT_DIR
import { DuckDBInstance } from '@duckdb/node-api';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node aggregates.mjs EXPORT_DIR');
  process.exit(2);
}
const csv = (name) => `read_csv('${folder}/${name}.csv', header = true, auto_detect = true)`;

const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

await connection.run(`
  CREATE TABLE stage_time AS
  WITH history AS (
    SELECT OpportunityId AS opportunity, CAST(CreatedDate AS TIMESTAMP) AS event_time, StageName AS stage
    FROM ${csv('OpportunityHistory')}),
  entries AS (
    SELECT *, lag(stage) OVER (PARTITION BY opportunity ORDER BY event_time) AS previous FROM history),
  stays AS (
    SELECT opportunity, stage, event_time,
           lead(event_time) OVER (PARTITION BY opportunity ORDER BY event_time) AS left_at
    FROM entries WHERE previous IS NULL OR previous <> stage)
  SELECT opportunity, stage,
         sum(epoch(coalesce(left_at, TIMESTAMP '2026-06-30 23:59:59') - event_time)) / 86400.0 AS days
  FROM stays GROUP BY opportunity, stage`);

await connection.run(`
  CREATE TABLE activity AS
  WITH items AS (
    SELECT RelatedToId AS opportunity, CAST(MessageDate AS TIMESTAMP) AS event_time, 'email' AS kind
    FROM ${csv('EmailMessage')}
    UNION ALL
    SELECT WhatId, CAST(StartDateTime AS TIMESTAMP), 'meeting' FROM ${csv('Event')}
    UNION ALL
    SELECT WhatId, CAST(coalesce(CompletedDateTime, CreatedDate) AS TIMESTAMP),
           CASE WHEN TaskSubtype = 'Call' THEN 'call' ELSE 'note' END
    FROM ${csv('Task')} WHERE NOT IsDeleted),
  gaps AS (
    SELECT *, epoch(event_time - lag(event_time) OVER (PARTITION BY opportunity ORDER BY event_time)) / 86400.0 AS gap
    FROM items)
  SELECT opportunity, count(*) FILTER (kind = 'email') AS emails,
         count(*) FILTER (kind = 'meeting') AS meetings, count(*) FILTER (kind = 'call') AS calls,
         count(*) FILTER (kind = 'note') AS notes, max(gap) AS longest_gap_days
  FROM gaps GROUP BY opportunity`);

await connection.run(`
  CREATE TABLE cycles AS
  WITH closes AS (
    SELECT OpportunityId AS opportunity, max(CAST(CreatedDate AS TIMESTAMP)) AS closed_at
    FROM ${csv('OpportunityHistory')} WHERE StageName IN ('Closed Won', 'Closed Lost')
    GROUP BY OpportunityId)
  SELECT o.Id AS opportunity, o.IsWon AS won,
         epoch(c.closed_at - CAST(o.CreatedDate AS TIMESTAMP)) / 86400.0 AS cycle_days
  FROM ${csv('Opportunity')} o JOIN closes c ON c.opportunity = o.Id WHERE o.IsClosed`);

const counts = await connection.runAndReadAll(`
  SELECT (SELECT count(*) FROM stage_time), (SELECT count(*) FROM activity),
         (SELECT count(*) FROM cycles),
         (SELECT median(cycle_days) FROM cycles WHERE won)`);
const seconds = (performance.now() - started) / 1000;
const [stageRows, activityRows, cycleRows, medianWon] = counts.getRows()[0];
console.log(JSON.stringify({
  seconds: Number(seconds.toFixed(2)),
  stage_rows: Number(stageRows),
  activity_rows: Number(activityRows),
  cycle_rows: Number(cycleRows),
  won_cycle_median_days: Number(medianWon),
}));
