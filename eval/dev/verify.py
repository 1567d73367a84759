#!/usr/bin/env python3
"""Check nearmiss.jsonl against its corpus folders.

Usage: python3 verify.py [--corpus NAME=DIR ...]
       (default folders are relative to this script; see CORPORA below)

Checks, for every line:
  * required fields and allowed values (lang, type, swap, corpus);
  * every answerable record's `evidence` is an EXACT substring of `doc`,
    looked up in the folder of its `corpus`, and is 10-150 characters long;
  * responsibility records have `units`, target records have `values`;
    units are expected inside the evidence (a miss is a failure), values are
    expected as digits in the evidence (a miss is only a warning, e.g. English
    number words);
  * near-miss pairs: ids unique, `twin` points back, twins share swap/corpus/lang,
    one is answerable and the other not; unanswerable records have `why` and a
    `near_doc` that exists.
Prints counts and exits 1 on any failure. Standard library only.
"""
import json, os, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
FILE = os.path.join(HERE, 'nearmiss.jsonl')
CORPORA = {'seed': '../../corpus', 'dev_zh': 'zh/corpus', 'dev_en': 'en/corpus'}  # eval/dev/ in this project
PAIRED = True
TYPES = {'responsibility', 'deadline', 'target', 'fact', 'none'}
SWAPS = {'year', 'place', 'indicator', 'role', 'unit', 'amount', 'deadline', 'document'}


def numforms(v):
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return {str(v), '{:,}'.format(v)}
    r = repr(v)
    return {r, r + '0', r + '00'}


def main(argv):
    corpora = {k: os.path.normpath(os.path.join(HERE, v)) for k, v in CORPORA.items()}
    i = 0
    while i < len(argv):
        if argv[i] == '--corpus' and i + 1 < len(argv):
            k, v = argv[i + 1].split('=', 1)
            corpora[k] = v
            i += 2
        else:
            print(__doc__)
            return 2
    cache, bad, warn = {}, [], []

    def doc_text(corpus, name):
        key = (corpus, name)
        if key not in cache:
            p = os.path.join(corpora[corpus], name)
            cache[key] = open(p, encoding='utf-8').read() if os.path.exists(p) else None
        return cache[key]

    rows = [json.loads(l) for l in open(FILE, encoding='utf-8') if l.strip()]
    ids = Counter(r.get('id') for r in rows)
    for k, n in ids.items():
        if n > 1:
            bad.append('duplicate id %s' % k)
    byid = {r['id']: r for r in rows}
    ok_ev = 0
    for r in rows:
        tag = r.get('id', '?')
        for f in ('id', 'question', 'lang', 'type'):
            if f not in r:
                bad.append('%s missing %s' % (tag, f))
        if r.get('lang') not in ('zh', 'en'):
            bad.append('%s bad lang' % tag)
        if r.get('type') not in TYPES:
            bad.append('%s bad type' % tag)
        corpus = r.get('corpus', 'seed') if PAIRED else 'seed'
        if corpus not in corpora:
            bad.append('%s unknown corpus %r' % (tag, corpus))
            continue
        answerable = r.get('answerable', True)
        if PAIRED:
            if r.get('swap') not in SWAPS:
                bad.append('%s bad swap' % tag)
            t = byid.get(r.get('twin'))
            if t is None:
                bad.append('%s twin missing' % tag)
            else:
                if t.get('twin') != tag:
                    bad.append('%s twin does not point back' % tag)
                for f in ('swap', 'corpus', 'lang'):
                    if t.get(f) != r.get(f):
                        bad.append('%s twin differs in %s' % (tag, f))
                if t.get('answerable') == answerable:
                    bad.append('%s twin has same answerable' % tag)
        if not answerable:
            if r.get('type') != 'none':
                bad.append('%s unanswerable but type %r' % (tag, r.get('type')))
            if not r.get('why'):
                bad.append('%s missing why' % tag)
            if r.get('near_doc') and doc_text(corpus, r['near_doc']) is None:
                bad.append('%s near_doc not found: %s' % (tag, r['near_doc']))
            continue
        for f in ('doc', 'answer', 'evidence'):
            if not r.get(f):
                bad.append('%s missing %s' % (tag, f))
        s = doc_text(corpus, r.get('doc', ''))
        ev = r.get('evidence', '')
        if s is None:
            bad.append('%s doc not found in %s: %s' % (tag, corpus, r.get('doc')))
            continue
        if ev not in s:
            bad.append('%s evidence not an exact substring of %s' % (tag, r['doc']))
        else:
            ok_ev += 1
            if s.count(ev) > 1:
                warn.append('%s evidence occurs %d times' % (tag, s.count(ev)))
        if not 10 <= len(ev) <= 150:
            bad.append('%s evidence length %d' % (tag, len(ev)))
        if r['type'] == 'responsibility':
            if not r.get('units'):
                bad.append('%s responsibility without units' % tag)
            for u in r.get('units', []):
                if u not in ev:
                    bad.append('%s unit %r not in evidence' % (tag, u))
        if r['type'] == 'target' and not r.get('values'):
            bad.append('%s target without values' % tag)
        for v in r.get('values', []):
            if not any(f in ev for f in numforms(v)):
                warn.append('%s value %r not written in digits in evidence' % (tag, v))
    pass
    n_ans = sum(1 for r in rows if r.get('answerable', True))
    print('file: %s' % FILE)
    print('records: %d (answerable %d, unanswerable %d)' % (len(rows), n_ans, len(rows) - n_ans))
    print('evidence found: %d/%d' % (ok_ev, n_ans))
    print('by lang:', dict(Counter(r['lang'] for r in rows)))
    print('by type:', dict(Counter(r['type'] for r in rows)))
    if PAIRED:
        print('by swap (pairs):', dict(Counter(r['swap'] for r in rows if not r.get('answerable'))))
        print('by corpus:', dict(Counter(r['corpus'] for r in rows)))
    else:
        print('by doc:', dict(Counter(r['doc'][:3] for r in rows)))
    for w in warn:
        print('WARN', w)
    for b in bad:
        print('FAIL', b)
    print('OK' if not bad else 'FAILED (%d)' % len(bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
