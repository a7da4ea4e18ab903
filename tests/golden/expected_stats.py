#!/usr/bin/env python3
"""Computes the expected `rearview stats --json` of each real export in
../shared/data/crm independently of the C++ importer (plain csv module,
straight from the rules in docs/import.md), and writes tests/golden/*.json.

Run from the project root: python3 tests/golden/expected_stats.py
"""
import csv, glob, json, os, statistics, sys
from collections import defaultdict
from datetime import datetime, timezone, date

DATA = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'crm')
OUT = os.path.dirname(__file__)

def rows(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))

def boolean(v):
    return (v or '').strip().lower() in ('true', '1', 'yes')

def ts(v):
    v = v.strip()
    for fmt in ('%Y-%m-%dT%H:%M:%S.%fZ', '%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%d %H:%M:%S',
                '%m/%d/%y %I:%M %p', '%Y-%m-%d', '%m/%d/%y'):
        try:
            d = datetime.strptime(v, fmt)
            return d.replace(tzinfo=d.tzinfo or timezone.utc).timestamp()
        except ValueError:
            pass
    raise ValueError(v)

def closed_stage(name, catalogue):
    if name in catalogue:
        return catalogue[name]
    n = name.lower()
    return 'won' in n or 'lost' in n or 'closed' in n

def salesforce(folder):
    files = {os.path.basename(p).lower(): p for p in glob.glob(os.path.join(folder, '*.csv'))}
    alive = lambda rs: [r for r in rs if not boolean(r.get('IsDeleted'))]
    users = alive(rows(files['user.csv'])) if 'user.csv' in files else []
    opps = alive(rows(files['opportunity.csv']))
    history = alive(rows(files['opportunityhistory.csv'])) if 'opportunityhistory.csv' in files else []
    owners = set()
    for name in ('opportunity.csv', 'account.csv', 'task.csv', 'event.csv'):
        if name in files:
            owners |= {r['OwnerId'] for r in alive(rows(files[name])) if r.get('OwnerId')}
    user_ids = {u['Id'] for u in users}
    if 'user.csv' not in files:  # placeholders for owners of a file-less export
        user_ids |= owners
    outcome = {}
    catalogue = {}
    for o in opps:
        closed, won = boolean(o['IsClosed']), boolean(o['IsWon'])
        outcome[o['Id']] = 'open' if not closed else ('won' if won else 'lost')
        catalogue[o['StageName']] = closed
    by_opp = defaultdict(list)
    for line, h in enumerate(history):
        by_opp[h['OpportunityId']].append((ts(h['CreatedDate']), line, h['StageName']))
    entries, cycles, excluded = 0, [], 0
    for o in opps:
        seq = sorted(by_opp.get(o['Id'], []))
        stages = []  # (stage, time)
        for t, _, s in seq:
            if s and (not stages or stages[-1][0] != s):
                stages.append((s, t))
        if not stages:
            if outcome[o['Id']] != 'open' and o.get('CloseDate'):
                stages = [(o['StageName'], ts(o['CloseDate']))]
            else:
                stages = [(o['StageName'], ts(o['CreatedDate']))]
        elif stages[-1][0] != o['StageName']:
            stages.append((o['StageName'], stages[-1][1]))
        entries += len(stages)
        if outcome[o['Id']] == 'won':
            closed_at = stages[-1][1] if closed_stage(stages[-1][0], catalogue) else ts(o['CloseDate'])
            created = ts(o['CreatedDate'])
            if closed_at < created:
                excluded += 1
            else:
                cycles.append((closed_at - created) / 86400)
    return report(users=len(user_ids),
                  accounts=len(alive(rows(files['account.csv']))) if 'account.csv' in files else 0,
                  contacts=len(alive(rows(files['contact.csv']))) if 'contact.csv' in files else 0,
                  outcomes=list(outcome.values()), entries=entries, cycles=cycles, excluded=excluded,
                  tasks=alive(rows(files['task.csv'])) if 'task.csv' in files else [])

def task_kind(t):
    for v in (t.get('TaskSubtype'), t.get('Type'), t.get('Type__c')):
        v = (v or '').strip().lower()
        if v == 'call': return 'call'
        if v in ('email', 'listemail'): return 'email'
        if v == 'meeting': return 'meeting'
    return 'note'

def report(users, accounts, contacts, outcomes, entries, cycles, excluded, tasks):
    won, lost = outcomes.count('won'), outcomes.count('lost')
    kinds = {'email': 0, 'meeting': 0, 'call': 0, 'note': 0}
    for t in tasks:
        kinds[task_kind(t)] += 1
    return {
        'users': users, 'accounts': accounts, 'contacts': contacts,
        'opportunities': {'total': len(outcomes), 'open': outcomes.count('open'), 'won': won, 'lost': lost},
        'stage_entries': entries,
        'interactions': kinds,
        'win_rate': won / (won + lost) if won + lost else None,
        'won_cycle_days': {'mean': statistics.mean(cycles) if cycles else None,
                           'median': statistics.median(cycles) if cycles else None,
                           'excluded': excluded},
    }

def maven(folder):
    pipeline = rows(os.path.join(folder, 'sales_pipeline.csv'))
    teams = rows(os.path.join(folder, 'sales_teams.csv'))
    accounts = rows(os.path.join(folder, 'accounts.csv'))
    people = {t['sales_agent'] for t in teams} | {t['manager'] for t in teams}
    outcomes, cycles, entries = [], [], 0
    for p in pipeline:
        stage = p['deal_stage']
        outcomes.append('won' if stage == 'Won' else 'lost' if stage == 'Lost' else 'open')
        has_time = bool(p['engage_date'] or p['close_date'])
        entries += 1 if has_time else 0
        if stage == 'Won':
            cycles.append((ts(p['close_date']) - ts(p['engage_date'])) / 86400)
    return report(users=len(people), accounts=len(accounts), contacts=0, outcomes=outcomes,
                  entries=entries, cycles=cycles, excluded=0, tasks=[])

if __name__ == '__main__':
    for name in ('salesforce-devorg-elastic', 'salesforce-devorg-earthfink', 'salesforce-datacloud-workshop'):
        result = salesforce(os.path.join(DATA, name))
        json.dump(result, open(os.path.join(OUT, name + '.json'), 'w'), indent=2)
        print(name, json.dumps(result))
    result = maven(os.path.join(DATA, 'maven-crm-sales-opportunities'))
    json.dump(result, open(os.path.join(OUT, 'maven-crm-sales-opportunities.json'), 'w'), indent=2)
    print('maven', json.dumps(result))
