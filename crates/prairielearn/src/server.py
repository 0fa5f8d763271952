"""A PrairieLearn question written by `runner export prairielearn`: regenerate it rather
than edit it.

Each variant below was drawn as `runner variants` draws it, solved by nnhw, and its key
proved against its spec before it was written here. `generate` picks one by the
variant's seed; question.html lays out the answers the variant's params name.
"""

import hashlib
import json
import math
import re

# One object per variant: "variant" (its id), "statement" (HTML from nnhw-booklet),
# "correct" (the key of each answer element), "prompts" and "notations" (each answer's
# question and, for a text input, how to write it, as HTML), "entries" and "choices"
# (what question.html's sections lay out for lists and choices).
VARIANTS = json.loads(__VARIANTS__)
# The statements' figures, each once; a statement holds <!--nnhw-figure-N--> in their place.
FIGURES = json.loads(__FIGURES__)
FIGURE = re.compile(r"<!--nnhw-figure-([0-9]+)-->")


def variant_index(seed, count):
    """The variant for `seed`, the same every time: PrairieLearn sends an integer (a
    base-36 seed read by JavaScript's parseInt, so possibly a float past 2**53, or null
    from a seed it could not read); anything else is hashed."""
    if isinstance(seed, bool):
        seed = int(seed)
    if isinstance(seed, float):
        seed = int(seed) if math.isfinite(seed) else 0
    if seed is None:
        seed = 0
    if not isinstance(seed, int):
        text = str(seed).strip()
        try:
            seed = int(text)
        except ValueError:
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            seed = int.from_bytes(digest[:8], "big")
    return seed % count


def generate(data):
    variant = VARIANTS[variant_index(data.get("variant_seed"), len(VARIANTS))]
    params = data["params"]
    params["variant"] = variant["variant"]
    params["statement"] = FIGURE.sub(lambda m: FIGURES[int(m.group(1))], variant["statement"])
    params["entries"] = variant["entries"]
    params["choices"] = variant["choices"]
    params["prompts"] = variant["prompts"]
    params["notations"] = variant["notations"]
    for name, value in variant["correct"].items():
        data["correct_answers"][name] = value


def grade(data):
    """nnhw's rule for the question's score: each answer counts the same, and a list is
    right only when every entry is. PrairieLearn's elements have judged each entry (and
    keep their marks, so a student sees which entry is wrong); left to itself,
    PrairieLearn would give each entry a share of the credit."""
    partial = data.get("partial_scores") or {}
    entries = (data.get("params") or {}).get("entries") or {}
    in_lists = {e["name"] for listed in entries.values() for e in listed}

    def score(name):
        value = (partial.get(name) or {}).get("score")
        return float(value) if isinstance(value, (int, float)) else 0.0

    scores = [min((score(e["name"]) for e in listed), default=0.0) for listed in entries.values()]
    scores += [score(name) for name in partial if name not in in_lists]
    if scores:
        data["score"] = sum(scores) / len(scores)
