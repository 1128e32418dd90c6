"""Per-source scores of a Spark DataFrame of results: ``scorer.sources.score_sources`` in Spark.

Takes the output of ``scorer.spark.score_spark`` (joined to any other columns: url, author,
date...) and aggregates it with column expressions only, no Python UDF: count, speculative
count, mean p_speculative, boilerplate share, Wilson bounds, errors, the top cues of an
``evidence`` column, and the ids at the highest and lowest p_speculative.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorer.errors import ColumnError
from scorer.sources import (
    BOILERPLATE,
    ID_HOST,
    ISO_MONTH,
    LABELS,
    METRICS,
    MISSING,
    SPECULATIVE,
    TOP_CUES,
    URL_HOST,
    normalise_host,
    parse_by,
    z_score,
)

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

EVIDENCE_SCHEMA = "struct<hedged_sentences: array<struct<cues: array<string>>>>"


def score_sources_spark(
    df: DataFrame,
    by: str | Sequence[str] = "domain",
    min_n: int = 1,
    confidence: float = 0.95,
    id_col: str | None = None,
) -> DataFrame:
    """One row per source, the columns of ``score_sources``, ordered by ``low`` descending (lazy).

    ``id_col`` names the articles in ``most_speculative``/``least_speculative``; by default the
    first column, where ``score_spark`` puts its key. ``domain`` comes from a ``url`` column,
    else from URL ids; ``month`` from an ISO date string or a date/timestamp ``date`` column.
    On ties in p_speculative Spark may name a different article than pandas does.
    """
    from pyspark.sql import functions as F

    keys = parse_by(by)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    id_col = id_col or df.columns[0]
    ColumnError.require(df.columns, "label", "p_speculative", id_col)

    def optional(name: str, kind: str) -> Column:
        return F.col(name).cast(kind) if name in df.columns else F.lit(None).cast(kind)

    error = optional("error", "string")
    ok = (error.isNull() | (F.trim(error) == "")) & F.col("label").isin(*LABELS) & F.col("p_speculative").isNotNull()
    work = df.select(
        *(_key(df, key, id_col).alias(key) for key in keys),
        ok.alias("_ok"),
        (ok & (F.col("label") == SPECULATIVE)).alias("_spec"),
        F.when(ok, F.col("p_speculative").cast("double")).alias("_p"),
        F.when(ok, optional(BOILERPLATE, "double")).alias("_bp"),
        F.col(id_col).cast("string").alias("_id"),
        optional("evidence", "string").alias("_evidence"),
    )
    out = work.groupBy(*keys).agg(
        F.sum(F.col("_ok").cast("long")).alias("n"),
        F.sum(F.col("_spec").cast("long")).alias("speculative"),
        F.avg("_p").alias("mean_p"),
        F.avg("_bp").alias("boilerplate_share"),
        F.sum((~F.col("_ok")).cast("long")).alias("errors"),
        F.max_by("_id", "_p").alias("most_speculative"),  # rows with a null _p (errors) are passed over
        F.min_by("_id", "_p").alias("least_speculative"),
    )
    low, high = wilson_columns(F.col("speculative"), F.col("n"), confidence)
    out = (
        out.join(_top_cues(work, keys), keys, "left")
        .withColumn("top_cues", F.coalesce(F.col("top_cues"), F.lit("")))
        .withColumn("share", F.when(F.col("n") > 0, F.col("speculative") / F.col("n")))
        .withColumn("low", low)
        .withColumn("high", high)
        .where(F.col("n") >= min_n)
    )
    return out.select(*keys, *METRICS).orderBy(F.desc("low"), F.desc_nulls_last("share"), F.desc("n"))


def wilson_columns(k: Column, n: Column, confidence: float = 0.95) -> tuple[Column, Column]:
    """Wilson bounds as column expressions: the formula of ``scorer.sources.wilson_bounds``."""
    from pyspark.sql import functions as F

    z = z_score(confidence)
    spread = F.when(n > 0, k * (n - k) / n).otherwise(F.lit(0.0))
    centre = (k + z * z / 2) / (n + z * z)
    half = F.lit(z) / (n + z * z) * F.sqrt(spread + z * z / 4)
    low = F.when(k == 0, F.lit(0.0)).otherwise(F.greatest(centre - half, F.lit(0.0)))
    return low, F.when(k == n, F.lit(1.0)).otherwise(F.least(centre + half, F.lit(1.0)))


def _key(df: DataFrame, key: str, id_col: str) -> Column:
    """A grouping column as ``scorer.sources.key_column`` makes it: as is, or derived; blanks become ``MISSING``."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if key in df.columns:
        value = F.col(key).cast("string")
    elif key == "domain":
        hosts = [
            F.regexp_extract(F.col(c).cast("string"), pattern, 1)
            for c, pattern in (("url", URL_HOST), (id_col, ID_HOST))
            if c in df.columns
        ]
        host = F.coalesce(*(F.when(h != "", h) for h in hosts))
        value = F.udf(normalise_host, T.StringType())(host)  # the same Python function as pandas
    elif key == "month":
        if "date" not in df.columns:
            raise ValueError("month is derived from a date column, and the DataFrame has none")
        is_date = isinstance(df.schema["date"].dataType, T.DateType | T.TimestampType)
        value = (
            F.date_format("date", "yyyy-MM")
            if is_date
            else F.regexp_extract(F.col("date").cast("string"), ISO_MONTH, 1)
        )
    else:
        raise ColumnError(f"no column {key!r} to group by (columns: {', '.join(df.columns)}; derived: domain, month)")
    return F.when(value.isNull() | (F.trim(value) == ""), F.lit(MISSING)).otherwise(value)


def _top_cues(work: DataFrame, keys: list[str]) -> DataFrame:
    """Per group: the ``TOP_CUES`` commonest lower-cased cues (ties by name), joined by ", "."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    cues = F.flatten(F.from_json("_evidence", EVIDENCE_SCHEMA)["hedged_sentences"]["cues"])
    counted = (
        work.where("_ok")
        .select(*keys, F.explode(cues).alias("cue"))
        .select(*keys, F.lower("cue").alias("cue"))
        .groupBy(*keys, "cue")
        .count()
    )
    rank = F.row_number().over(Window.partitionBy(*keys).orderBy(F.desc("count"), F.asc("cue")))
    top = counted.withColumn("rank", rank).where(F.col("rank") <= TOP_CUES)
    ordered = F.sort_array(F.collect_list(F.struct("rank", "cue")))["cue"]
    return top.groupBy(*keys).agg(F.concat_ws(", ", ordered).alias("top_cues"))
